"""OFLC aggregates: one reader (market ingest --source dol-oflc-agg and build_trends.py),
stored in oflc_aggregates, read back by the trends; area trends from PERM filings."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from paypath.errors import IngestError
from paypath.market.ingest import ingest_file, ingest_path
from paypath.market.oflc_aggregates import AggregateFact, read_aggregates
from paypath.market.store import open_store
from paypath.trends import area_trend, role_trend

AGG = Path(__file__).resolve().parents[2] / "shared" / "data" / "dol-oflc"


def _soc_file(tmp_path: Path) -> Path:
    """A small file in the agg_soc_by_fy layout: 3 good rows, 1 duplicate, 3 bad ones."""
    rows = [
        ("Software Developers", "15-1252", "lca", 2024, 1000, 990, 125000, 2024, 2024),
        ("Software Developers", "15-1252", "lca", 2025, 1100, 1080, 130000, 2025, 2025),
        ("Software Developers", "15-1252", "lca", None, 1000, 990, 125000, 2024, 2024),  # dup
        ("Data Scientists", "15-2051.01", None, 2025, 50, 49, None, 2025, 2025),
        ("-", "-", "lca", 2025, 1, 1, 60000, 2025, 2025),  # no SOC code
        ("PROGRAMMERS", "030", "lca", 2009, 5, 5, 60000, 2009, 2009),  # a DOT code
        ("Software Developers", "15-1252", "perm", 2025, None, 1, 90000, 2025, 2025),
    ]
    frame = pd.DataFrame(
        rows,
        columns=["label", "k", "program", "fy", "n", "n_cert", "median_wage", "fy_lo", "fy_hi"],
    )
    path = tmp_path / "agg_soc_by_fy.csv"
    frame.to_csv(path, index=False)
    return path


def test_reader_keeps_facts_and_says_why_it_rejects(tmp_path: Path) -> None:
    out = list(read_aggregates(_soc_file(tmp_path)))
    facts = [f for _, _, f in out if isinstance(f, AggregateFact)]
    reasons = [f for _, _, f in out if isinstance(f, str)]
    assert reasons == ["no SOC code", "key is not an SOC code", "no filing count"]
    assert facts[0] == AggregateFact(
        "soc", "15-1252", "Software Developers", "lca", 2024, 2024, 1000, 990, None,
        125000.0, None, None,
    )  # fmt: skip
    assert facts[3].program == "all" and facts[3].median is None  # program NULL = all


def test_ingest_counts_add_up_and_a_second_ingest_stores_nothing(tmp_path: Path) -> None:
    file = _soc_file(tmp_path)
    with open_store(tmp_path / "s.duckdb") as store:
        first = ingest_file(store, file, "dol-oflc-agg")
        again = ingest_file(store, file, "dol-oflc-agg")
        quarantined = store.con.execute(
            "SELECT reason FROM quarantine WHERE ingest_id = ? ORDER BY row_number",
            [first.ingest_id],
        ).fetchall()
        (logged,) = store.con.execute("SELECT count(*) FROM ingests").fetchone() or (0,)
    assert (first.read, first.stored, first.duplicates, first.quarantined) == (7, 3, 1, 3)
    assert (again.stored, again.duplicates, again.quarantined) == (0, 4, 3)
    assert first.read == first.stored + first.duplicates + first.quarantined
    assert quarantined == [("no SOC code",), ("key is not an SOC code",), ("no filing count",)]
    assert logged == 2


def test_trends_read_the_stored_aggregates(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    ingest_path(db, _soc_file(tmp_path), "dol-oflc-agg")
    with open_store(db, read_only=True) as store:
        trend = role_trend("software-engineer", store=store)
    assert trend.from_store
    assert [(p.fiscal_year, p.median) for p in trend.points] == [(2024, 125000), (2025, 130000)]
    assert trend.points[1].change_pct == 4.0
    assert not role_trend("software-engineer").from_store  # no store: the shipped table


def test_a_file_of_another_layout_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_text("title,salary\nx,1\n", encoding="utf-8")
    with open_store(tmp_path / "s.duckdb") as store, pytest.raises(IngestError, match="agg_soc"):
        ingest_file(store, path, "dol-oflc-agg")


@pytest.mark.skipif(not AGG.is_dir(), reason="needs ../shared/data/dol-oflc")
def test_shipped_program_stats_ingest(tmp_path: Path) -> None:
    with open_store(tmp_path / "s.duckdb") as store:
        result = ingest_file(store, AGG / "agg_program_stats.parquet", "dol-oflc-agg")
        row = store.con.execute(
            "SELECT n, median, p25, p75 FROM oflc_aggregates WHERE dimension = 'program' "
            "AND key = 'lca' AND fy_lo = 2008 AND fy_hi = 2008"
        ).fetchone()
    assert (result.read, result.stored, result.quarantined) == (64, 64, 0)
    assert row == (405641, 60000, 50000, 76978)  # the file's first row


def test_area_trend_is_perm_by_year_and_says_which_years() -> None:
    local = area_trend("ml-engineer", "California")
    assert local.area == "CA" and local.years_with_data == [2023, 2026]
    assert {p.fiscal_year for p in local.points} <= {2023, 2026}
    assert all(p.n >= 10 and p.p25 <= p.median <= p.p75 for p in local.points)
    assert "FY2023 and FY2026" in local.note
