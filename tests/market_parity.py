"""Helpers that compare two market stores row by row and figure by figure (the DuckDB
store, a dataset written by the local engine, one written by Spark)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from paypath.market.analytics import pay_stats, skill_demand, skill_premiums
from paypath.market.engines import Engine, StoreLike
from paypath.market.store import Store

BENCH = Path(__file__).resolve().parents[1] / "bench"

# every column but ingest_id (a fresh id per ingest run)
POSTINGS = "SELECT * EXCLUDE (ingest_id) FROM postings ORDER BY id"
SKILLS = "SELECT posting_id, skill_id, mentions, asked FROM posting_skills ORDER BY ALL"
QUARANTINE = "SELECT source, source_file, row_number, reason, raw FROM quarantine ORDER BY ALL"


def rows(store: Store, sql: str) -> list[tuple[Any, ...]]:
    return store.con.execute(sql).fetchall()


def same_rows(a: Store, b: Store) -> None:
    """Both hold the same postings (every column), skills and quarantined rows."""
    postings = rows(a, POSTINGS)
    assert postings, "nothing stored: the comparison would prove nothing"
    assert postings == rows(b, POSTINGS)
    assert rows(a, SKILLS) == rows(b, SKILLS)
    assert rows(a, QUARANTINE) == rows(b, QUARANTINE)


def top_roles(store: StoreLike) -> list[str]:
    """The two roles with the most postings (ties by id)."""
    return [r for (r,) in store.con.execute(
        "SELECT role_id FROM postings WHERE role_id IS NOT NULL GROUP BY 1 "
        "ORDER BY count(*) DESC, 1 LIMIT 2"
    ).fetchall()]  # fmt: skip


def figures(
    store: StoreLike, engine: str | Engine = "duckdb", roles: list[str] | None = None
) -> dict[str, Any]:
    """The analytics a user sees, without the ``source`` line (it names the store); demand
    for ``roles`` (default: the store's :func:`top_roles`)."""
    roles = top_roles(store) if roles is None else roles
    drop = {"source"}
    return {
        "stats": sorted(
            (
                s.model_dump(exclude=drop)
                for by in (["role_id"], ["role_id", "seniority"], ["skill"], ["company"])
                for s in pay_stats(store, by=by, where={"country": "US"}, min_n=3, engine=engine)
            ),
            key=repr,
        ),
        "demand": [
            d.model_dump(exclude=drop)
            for role in roles
            for d in skill_demand(store, role, top=50, engine=engine)
        ],
        "premiums": [
            p.model_dump(exclude=drop) for p in skill_premiums(store, min_n=20, engine=engine)
        ],
    }


def same_figures(a: dict[str, Any], b: dict[str, Any]) -> None:
    """Equal figures; floats to 1e-9 (a regression sums rows in the order it reads them)."""
    assert a.keys() == b.keys()
    for key in a:
        assert len(a[key]) == len(b[key]), key
        for mine, theirs in zip(a[key], b[key], strict=True):
            assert mine == {
                k: pytest.approx(v, rel=1e-9, abs=1e-12) if isinstance(v, float) else v
                for k, v in theirs.items()
            }


def generated(rows: int, path: Path, seed: int = 7) -> Path:
    """``rows`` JobSpy postings from bench/gen_postings.py (seeded: the same file each run)."""
    if not path.exists():
        subprocess.run(
            [sys.executable, str(BENCH / "gen_postings.py"), str(rows), str(path), "--seed",
             str(seed)],
            check=True,
            capture_output=True,
        )  # fmt: skip
    return path
