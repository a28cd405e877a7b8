"""Every real file in ../shared/data through `ingest_file`: what each source kind keeps.

Ingests each file into one fresh store, in order (so later files meet earlier ones'
postings: glassdoor_jobs.csv and Uncleaned_DS_jobs.csv overlap), then ingests the first
again to show that a re-ingest adds nothing. Prints read / stored / duplicates /
quarantined (by reason) per file and writes bench/out/ingest_sources.json.

Then, for the job postings (sources with descriptions), what recording the requirement
scope changes: the share of (posting, skill) rows a posting asks for, and for the roles
with most postings the skill demand (share of postings asking for a skill) beside the
share that only name it anywhere, as `paypath market demand` gave before.

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
        asked = _asked(store)
    print(f"{'file':<58}{'read':>8}{'stored':>8}{'dups':>7}{'quar.':>7}  reasons")
    for r in rows:
        reasons = ", ".join(f"{k} {v:,}" for k, v in sorted(r["reasons"].items()))
        print(
            f"{r['file']:<58}{r['read']:>8,}{r['stored']:>8,}{r['duplicates']:>7,}"
            f"{r['quarantined']:>7,}  {reasons}"
        )
    print(f"store: {totals}")
    print(f"posting skill rows asked for: {asked['asked_share']:.1%} of {asked['rows']:,}")
    for role, skills in asked["demand"].items():
        shown = ", ".join(f"{s} {a:.0%} (named {n:.0%})" for s, a, n in skills)
        print(f"  {role}: {shown}")
    OUT.parent.mkdir(parents=True, exist_ok=True)
    report = {"files": rows, "store": totals, "requirement_scope": asked}
    OUT.write_text(json.dumps(report, indent=2) + "\n")


POSTINGS = "p.source IN ('linkedin', 'glassdoor', 'jobspy')"


def _asked(store: Any) -> dict[str, Any]:
    """Requirement-scope figures over the job postings (see the module docstring)."""
    rows, share = store.con.execute(
        "SELECT count(*), avg((ps.asked > 0)::INT) FROM posting_skills ps "
        f"JOIN postings p ON p.id = ps.posting_id WHERE {POSTINGS}"
    ).fetchone()
    roles = [
        r
        for (r,) in store.con.execute(
            f"SELECT role_id FROM postings p WHERE {POSTINGS} AND role_id <> 'other' "
            "AND description IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC LIMIT 3"
        ).fetchall()
    ]
    demand = {}
    for role in roles:
        demand[role] = store.con.execute(
            "WITH r AS (SELECT ps.* FROM posting_skills ps JOIN postings p ON p.id = "
            f"ps.posting_id WHERE {POSTINGS} AND p.role_id = ?), "
            "t AS (SELECT count(DISTINCT posting_id) AS n FROM r) "
            "SELECT skill_id, round(count(*) FILTER (WHERE asked > 0) / any_value(t.n), 3), "
            "round(count(*) / any_value(t.n), 3) FROM r, t GROUP BY 1 ORDER BY 2 DESC, 1 "
            "LIMIT 8",
            [role],
        ).fetchall()
    return {"rows": rows, "asked_share": share, "demand": demand}


if __name__ == "__main__":
    main()
