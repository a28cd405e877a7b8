"""Dedup does not depend on how the ingest splits its work.

A file is ingested with one worker (its rows read in order, in batches of 7) and with
two (workers reading chunks of about 2 kB, each converted in batches of 5), so that
repeated postings fall on both sides of many batch and chunk boundaries and in the
memos of different processes. Both stores must hold the same rows, skills and
quarantined rows, and report the same counts: the first row of each content hash is
kept, the later copies are duplicates.
"""

from __future__ import annotations

import csv
import random
from pathlib import Path
from typing import Any

import duckdb
import pytest

from paypath.market import chunks, ingest
from paypath.market.ingest import ingest_path

COLUMNS = (
    "site", "job_url", "title", "company", "location", "date_posted", "interval",
    "min_amount", "max_amount", "currency", "is_remote", "description",
)  # fmt: skip
TITLES = ("Data Engineer", "Senior Java Developer", "ML Engineer", "QA Analyst")
DESCRIPTIONS = (
    "We need 5 years of experience with Python and SQL.\n\nWe offer a learning budget.",
    "Requirements:\n- Java, Spring Boot\n- Kubernetes\n\nAbout us: we run on AWS.",
    "You will build pipelines in Spark and Airflow. Nice to have: Go.",
    "Senior Java Developer\nOur stack: Kotlin, PostgreSQL.\n\nBenefits: a MacBook.",
)


def _write(path: Path, rows: int = 360, seed: int = 3) -> Path:
    rng = random.Random(seed)
    written: list[list[str]] = []
    for i in range(rows):
        if written and rng.random() < 0.3:  # the same posting again, from another board
            row = list(rng.choice(written))
            row[0], row[1] = "google", f"https://www.google.com/search?q=job{i}"
        else:
            low = rng.choice(("", "90000", "120000", "55"))
            text = f"{rng.choice(DESCRIPTIONS)}\n\n{rng.choice(DESCRIPTIONS)[:40]}"
            year = rng.choice(("2024",) * 9 + ("1985",))  # 1985: quarantined, implausible
            row = [
                rng.choice(("indeed", "linkedin")), f"https://example.com/{i}",
                rng.choice(TITLES), f"Company {rng.randrange(40)}", "Austin, TX",
                f"{year}-0{rng.randrange(1, 10)}-1{rng.randrange(10)}",
                ("hourly" if low == "55" else "yearly") if low else "",
                low, str(int(low) + 20000) if low else low,
                "USD" if low else "", str(rng.random() < 0.2),
                f"{text} #{rng.randrange(60)}",
            ]  # fmt: skip
        written.append(row)
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(COLUMNS)
        writer.writerows(written)
    return path


def _stored(db: Path) -> dict[str, list[tuple[Any, ...]]]:
    with duckdb.connect(str(db), read_only=True) as con:
        return {
            "postings": sorted(
                con.execute("SELECT * EXCLUDE (ingest_id) FROM postings").fetchall(), key=repr
            ),
            "posting_skills": sorted(con.execute("SELECT * FROM posting_skills").fetchall()),
            "quarantine": sorted(
                con.execute("SELECT * EXCLUDE (ingest_id) FROM quarantine").fetchall(), key=repr
            ),
        }


def test_one_and_two_workers_store_the_same_rows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = _write(tmp_path / "postings.csv")
    one = ingest_path(tmp_path / "one.duckdb", source, "jobspy", workers=1, batch_size=7)
    monkeypatch.setattr(chunks, "CHUNK_BYTES", 2048)  # read at the cut, in this process
    monkeypatch.setattr(ingest, "BATCH_SIZE", 5)  # handed to each chunk's worker
    two = ingest_path(tmp_path / "two.duckdb", source, "jobspy", workers=2)
    counts = [(r.read, r.stored, r.duplicates, r.quarantined, r.reasons) for r in (one, two)]
    assert counts[0] == counts[1]
    assert one.read == 360 and one.duplicates > 50 and one.quarantined > 5
    assert one.stored + one.duplicates + one.quarantined == one.read
    stored_one, stored_two = _stored(tmp_path / "one.duckdb"), _stored(tmp_path / "two.duckdb")
    assert len(stored_one["postings"]) == one.stored
    assert len(stored_one["posting_skills"]) > one.stored  # skills were found and kept
    assert stored_one == stored_two
    # the file was cut in many chunks: the two-worker path really ran
    assert len(list(chunks.csv_chunks(source))) > 20
