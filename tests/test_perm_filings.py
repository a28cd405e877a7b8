"""paypath.perm_filings: the one reading of PERM filings behind both employer tables."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd
import pytest

from paypath.employer_names import employer_key
from paypath.errors import DataError
from paypath.perm_filings import COLUMNS, classify_filings, read_perm_filings


def _row(**over: object) -> dict[str, object]:
    row: dict[str, object] = {
        "fiscal_year": 2026,
        "case_status": "Certified",
        "employer_name": "GOOGLE LLC",
        "job_title": "Software Engineer",
        "soc_code": "15-1252.00",
        "worksite_state": "ca",
        "worksite_city": "MOUNTAIN VIEW",
        "wage_annual": 180_000.0,
        "pw_wage_level": "Level II",
    }
    row.update(over)
    return row


def test_kept_filings_carry_role_employer_and_level() -> None:
    raw = pd.DataFrame(
        [
            _row(),
            _row(employer_name="Google, Inc.", job_title="Machine Learning Engineer"),
            _row(employer_name="Facebook, Inc.", pw_wage_level=None, fiscal_year=2023),
        ]
    )
    rows = classify_filings(raw).rows
    assert list(rows["employer"]) == ["Google", "Google", "Meta"]
    assert list(rows["employer_key"]) == [employer_key(n) for n in raw["employer_name"]]
    assert list(rows["role"]) == ["software-engineer", "ml-engineer", "software-engineer"]
    assert list(rows["level"][:2]) == ["mid", "mid"]
    assert rows["level"].isna()[2]  # no wage level: kept, level unknown
    assert set(rows["state"]) == {"CA"} and rows["city"][0] == "Mountain View"
    assert rows["lw"][0] == pytest.approx(12.100712, abs=1e-5)  # log(180,000)


def test_left_out_filings_are_counted_by_reason() -> None:
    raw = pd.DataFrame(
        [
            _row(),
            _row(case_status="Denied"),
            _row(case_status="Withdrawn"),
            _row(employer_name="  "),
            _row(wage_annual=12.5),
            _row(wage_annual=None),
            _row(worksite_state=None),
            _row(soc_code="35-2021.00", job_title="Cook"),
        ]
    )
    got = classify_filings(raw)
    assert len(got.rows) == 1
    assert got.rejected == {
        "case not certified": 2,
        "no employer name": 1,
        "annual wage missing or outside $30,000-$1,500,000": 2,
        "no worksite state": 1,
        "not a catalog role (SOC code and title)": 1,
    }


def test_missing_columns_and_files_say_what_is_wrong(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="wage_annual"):
        classify_filings(pd.DataFrame([_row()]).drop(columns=["wage_annual"]))
    with pytest.raises(DataError, match="not found"):
        read_perm_filings([tmp_path / "perm_fy2099.parquet"])


def test_read_perm_filings_reads_parquet(tmp_path: Path) -> None:
    path = tmp_path / "perm.parquet"
    frame = pd.DataFrame([_row(), _row(case_status="Denied")], columns=list(COLUMNS))
    con = duckdb.connect()
    con.register("frame", frame)
    con.execute(f"COPY frame TO '{path}' (FORMAT parquet)")
    got = read_perm_filings([path])
    assert len(got.rows) == 1 and got.rejected == {"case not certified": 1}
