"""Every real file in ../shared/data through `ingest_file`: what each source kind keeps.

Ingests each file into one fresh store, in order (so later files meet earlier ones'
postings: glassdoor_jobs.csv and Uncleaned_DS_jobs.csv overlap), then ingests the first
again to show that a re-ingest adds nothing. Prints read / stored / duplicates /
quarantined (by reason) per file and writes bench/out/ingest_sources.json.

    .venv/bin/python bench/ingest_sources.py
"""

from __future__ import annotations

import json
import tempfile
import time
from pathlib import Path
from typing import Any

from paypath.market.ingest import ingest_file
from paypath.market.store import open_store

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
OUT = Path(__file__).resolve().parent / "out" / "ingest_sources.json"
FILES = [
    ("linkedin-postings/postings_sample1000.csv", "linkedin"),
    ("glassdoor-ds/glassdoor_jobs.csv", "glassdoor"),
    ("glassdoor-ds/Uncleaned_DS_jobs.csv", "glassdoor"),
    ("glassdoor-da/DataAnalyst.csv", "glassdoor"),
    ("ds-salaries/ds_salaries_2022.csv", "ds-salaries"),
    ("ds-salaries/ds_salaries_2023.csv", "ds-salaries"),
    ("levels-fyi/Levels_Fyi_Salary_Data.zip", "levels"),
    ("so-survey-2024/survey_data_updated.csv.bz2", "so-survey"),
    ("so-survey-2025/survey_results_salary_prediction.csv.gz", "so-survey"),
]


def _row(name: str, kind: str, store: Any) -> dict[str, Any]:
    started = time.perf_counter()
    result = ingest_file(store, DATA / name, kind)
    return {
        "file": name,
        "source": kind,
        "read": result.read,
        "stored": result.stored,
        "duplicates": result.duplicates,
        "quarantined": result.quarantined,
        "reasons": result.reasons,
        "seconds": round(time.perf_counter() - started, 1),
    }


def main() -> None:
    rows = []
    with tempfile.TemporaryDirectory() as tmp, open_store(Path(tmp) / "real.duckdb") as store:
        for name, kind in FILES:
            rows.append(_row(name, kind, store))
        again = _row(*FILES[0], store)
        again["file"] += " (again)"
        rows.append(again)
        totals = store.counts()
    print(f"{'file':<58}{'read':>8}{'stored':>8}{'dups':>7}{'quar.':>7}  reasons")
    for r in rows:
        reasons = ", ".join(f"{k} {v:,}" for k, v in sorted(r["reasons"].items()))
        print(
            f"{r['file']:<58}{r['read']:>8,}{r['stored']:>8,}{r['duplicates']:>7,}"
            f"{r['quarantined']:>7,}  {reasons}"
        )
    print(f"store: {totals}")
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps({"files": rows, "store": totals}, indent=2) + "\n")


if __name__ == "__main__":
    main()
