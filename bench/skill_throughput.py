"""Skill extraction throughput vs flashtext, single process, on real job descriptions.

Run: ``.venv/bin/python bench/skill_throughput.py`` (writes bench/out/skill_throughput.json).

Corpora: Glassdoor data-science ads (Job Description) and the LinkedIn 1,000-posting
sample (description). flashtext's KeywordProcessor gets the same vocabulary (every
extractable surface form -> skill id), case-insensitive, and no context rules.
MB/s = UTF-8 megabytes of description text per second of wall time on one core.
"""

from __future__ import annotations

import csv
import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from flashtext import KeywordProcessor

from paypath.catalog import load_skills
from paypath.skills import default_extractor

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
OUT = Path(__file__).resolve().parent / "out" / "skill_throughput.json"
CORPORA = {
    "glassdoor": (DATA / "glassdoor-ds" / "glassdoor_jobs.csv", "Job Description"),
    "linkedin": (DATA / "linkedin-postings" / "postings_sample1000.csv", "description"),
}


def _texts(path: Path, column: str) -> list[str]:
    csv.field_size_limit(1 << 30)
    with path.open(encoding="utf-8", newline="") as fh:
        return [row[column] for row in csv.DictReader(fh) if row.get(column)]


def _flashtext() -> KeywordProcessor:
    kp = KeywordProcessor(case_sensitive=False)
    kp.set_non_word_boundaries(set(kp.non_word_boundaries) | set("+#."))
    for skill in load_skills():
        for alias in skill.surface_forms():
            if alias.extract:
                kp.add_keyword(alias.text, skill.id)
    return kp


def _rate(fn: Callable[[str], Any], texts: list[str], repeat: int = 3) -> tuple[float, int]:
    megabytes = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    best = float("inf")
    found = 0
    for _ in range(repeat):
        started = time.perf_counter()
        found = sum(len(fn(t)) for t in texts)
        best = min(best, time.perf_counter() - started)
    return megabytes / best, found


def main() -> None:
    extractor = default_extractor()
    kp = _flashtext()
    rows: list[dict[str, Any]] = []
    for name, (path, column) in CORPORA.items():
        texts = _texts(path, column)
        mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
        ours, n_ours = _rate(extractor.extract, texts)
        theirs, n_theirs = _rate(kp.extract_keywords, texts)
        rows.append(
            {
                "corpus": name,
                "docs": len(texts),
                "mb": round(mb, 2),
                "paypath_mb_s": round(ours, 2),
                "flashtext_mb_s": round(theirs, 2),
                "speedup": round(ours / theirs, 2),
                "paypath_mentions": n_ours,
                "flashtext_mentions": n_theirs,
            }
        )
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(rows, indent=2), encoding="utf-8")
    header = f"{'corpus':<10}{'docs':>6}{'MB':>7}{'paypath MB/s':>14}{'flashtext MB/s':>16}{'x':>6}"
    print(header)
    for r in rows:
        print(
            f"{r['corpus']:<10}{r['docs']:>6}{r['mb']:>7}{r['paypath_mb_s']:>14}"
            f"{r['flashtext_mb_s']:>16}{r['speedup']:>6}"
        )
    print("target: >= 10 MB/s per core and faster than flashtext")


if __name__ == "__main__":
    main()
