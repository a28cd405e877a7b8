"""CSV chunks for ingest workers: together they hold exactly the rows read_csv reads.

Real files from ../shared/data (quoted multi-line descriptions) and generated ones
(Hypothesis) are cut at many sizes; every cut must fall at a record's end, or the worker
must say it did not (a stray quote) so the ingest reads the file in order.
"""

from __future__ import annotations

import csv
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from _csv_cases import stray_quote_postings
from paypath.market import chunks
from paypath.market.chunks import ChunkMisaligned, csv_chunks, read_chunk
from paypath.market.ingest import ingest_file
from paypath.market.sources import read_csv
from paypath.market.store import open_store

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
REAL = [
    pytest.param("linkedin-postings/postings_sample1000.csv", id="linkedin"),
    pytest.param("glassdoor-ds/Uncleaned_DS_jobs.csv", id="glassdoor-ds"),
    pytest.param("glassdoor-da/DataAnalyst.csv", id="glassdoor-da"),
]


def _real(name: str) -> Path:
    path = DATA / name
    if not path.exists():
        pytest.skip(f"{path} is not here (see ../shared/data/*/SOURCE.md)")
    return path


def _chunked_rows(path: Path, size: int) -> list[dict[Any, Any]]:
    return [row for chunk in csv_chunks(path, size) for row in read_chunk(chunk)]


@pytest.mark.parametrize("name", REAL)
@pytest.mark.parametrize("size", [1, 50_000, 1_000_000])
def test_chunks_of_real_files_hold_every_row_once(name: str, size: int) -> None:
    path = _real(name)
    expected = list(read_csv(path))
    assert len(expected) > 500
    assert _chunked_rows(path, size) == expected


def test_a_cut_is_a_record_end_not_a_line_end() -> None:
    path = _real("glassdoor-ds/Uncleaned_DS_jobs.csv")
    cuts = list(csv_chunks(path, 20_000))
    assert len(cuts) > 10
    text = path.read_bytes()
    lines_before = [text[: c.start].count(b"\n") for c in cuts]
    assert all(b > a for a, b in pairwise(lines_before))
    # the descriptions span lines: more lines than rows, and every cut still fits
    assert text.count(b"\n") > 2 * len(list(read_csv(path)))


CELL = st.lists(st.sampled_from([*'ab ,"\n\r;é€', "\r\n"]), max_size=12).map("".join)


@settings(max_examples=60, deadline=None)
@given(
    header=st.lists(st.sampled_from(["title", "pay", "desc", "a,b", 'q"'])),
    rows=st.lists(st.lists(CELL, min_size=0, max_size=4), max_size=25),
    size=st.integers(min_value=1, max_value=200),
    bom=st.booleans(),
    blank=st.sampled_from(["", "\n", "\r\n\n"]),
)
def test_chunks_of_any_csv_hold_its_rows(
    tmp_path_factory: pytest.TempPathFactory,
    header: list[str],
    rows: list[list[str]],
    size: int,
    bom: bool,
    blank: str,
) -> None:
    path = tmp_path_factory.mktemp("csv") / "rows.csv"
    with path.open("w", encoding="utf-8-sig" if bom else "utf-8", newline="") as fh:
        fh.write(blank)
        writer = csv.writer(fh)
        writer.writerow(header or ["title"])
        writer.writerows(rows)
    expected = list(read_csv(path))
    try:
        assert _chunked_rows(path, size) == expected
    except ChunkMisaligned:
        # only a bare CR can stop a well-formed file: the ingest then reads it in order
        assert "\r" in "".join(c for row in rows for c in row)


def test_a_stray_quote_is_found_out(tmp_path: Path) -> None:
    path = tmp_path / "stray.csv"
    # 5" is a stray quote in an unquoted field: the quote count is off from there on
    lines = ["title,description"]
    lines += [f'Engineer {i},"line one\nline two"' for i in range(40)]
    lines.insert(10, 'Monitor 5" screen,"plain"')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(ChunkMisaligned):
        _chunked_rows(path, 30)


def test_workers_reading_chunks_store_what_one_process_stores(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Rows kept, duplicates, skills and the quarantine's row numbers, chunked or not."""
    source = _real("glassdoor-ds/Uncleaned_DS_jobs.csv")
    path = tmp_path / "jobs.csv"
    rows = list(read_csv(source))[:300]
    rows[120]["Salary Estimate"] = "$2 per year"  # quarantined: pay out of range
    rows[250]["Salary Estimate"] = "$1 per year"  # quarantined
    rows += rows[:10]  # repeats, in a later chunk
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    monkeypatch.setattr(chunks, "CHUNK_BYTES", 40_000)  # many chunks for 300 rows
    outcomes = []
    for workers in (1, 2):
        with open_store(tmp_path / f"w{workers}.duckdb") as store:
            result = ingest_file(store, path, "glassdoor", workers=workers)
            outcomes.append(
                (
                    (result.read, result.stored, result.duplicates, result.reasons),
                    store.con.execute(
                        "SELECT * EXCLUDE (ingest_id) FROM postings ORDER BY id"
                    ).fetchall(),
                    store.con.execute("SELECT * FROM posting_skills ORDER BY ALL").fetchall(),
                    store.con.execute(
                        "SELECT row_number, reason, raw FROM quarantine ORDER BY row_number"
                    ).fetchall(),
                )
            )
    assert outcomes[0][0][0] == 310
    assert outcomes[0][0][2] >= 10
    assert len(outcomes[0][3]) >= 2
    assert outcomes[0] == outcomes[1]


def test_misaligned_chunks_fall_back_to_reading_in_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = stray_quote_postings(tmp_path / "stray.csv")
    with pytest.raises(ChunkMisaligned):
        _chunked_rows(path, 100)
    monkeypatch.setattr(chunks, "CHUNK_BYTES", 100)
    results = []
    for workers in (1, 2):
        with open_store(tmp_path / f"s{workers}.duckdb") as store:
            result = ingest_file(store, path, "csv", workers=workers)
            skills = store.con.execute("SELECT * FROM posting_skills ORDER BY ALL").fetchall()
            results.append((result.read, result.stored, result.quarantined, skills))
    assert results[0][:3] == (31, 31, 0)
    assert results[0] == results[1]
