"""DOL OFLC disclosure rows -> market records (paypath.market.sources_oflc)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from paypath.errors import IngestError
from paypath.market.records import RowRejected
from paypath.market.sources import SOURCES
from paypath.market.sources_oflc import oflc_role, read_oflc, seniority_from_wage_level

PERM_2026 = Path("../shared/data/dol-oflc/perm_fy2026.parquet")

PARQUET_ROW: dict[str, Any] = {
    "case_number": "G-100-24327-493388",
    "case_status": "Certified",
    "decision_date": "2026-03-30",
    "employer_name": "Google LLC",
    "job_title": "Machine Learning Engineer",
    "soc_code": "15-1252.00",
    "worksite_city": "MOUNTAIN VIEW",
    "worksite_state": "CA",
    "wage_from": 180000.0,
    "wage_to": 250000.0,
    "wage_unit": "Year",
    "pw_wage_level": "Level III",
}
# DOL's own yearly file: upper-case names, LCA wage columns.
DOL_LCA_ROW: dict[str, Any] = {
    "CASE_NUMBER": "I-200-23001-000001",
    "CASE_STATUS": "Certified",
    "EMPLOYER_NAME": "AMAZON.COM SERVICES LLC",
    "JOB_TITLE": "Software Development Engineer II",
    "SOC_CODE": "15-1252",
    "WORKSITE_CITY": "Seattle",
    "WORKSITE_STATE": "WA",
    "WAGE_RATE_OF_PAY_FROM": "$75.00",
    "WAGE_RATE_OF_PAY_TO": "",
    "WAGE_UNIT_OF_PAY": "Hour",
    "PW_WAGE_LEVEL": "II",
}


def test_a_perm_row_becomes_a_filing_record() -> None:
    rec = SOURCES["dol-perm"].convert(PARQUET_ROW)
    assert (rec.source, rec.record_kind, rec.company) == ("dol-perm", "filing", "Google")
    assert (rec.role_id, rec.seniority) == ("ml-engineer", "senior")
    assert (rec.city, rec.region, rec.country) == ("Mountain View", "CA", "US")
    # the offered wage is the bottom of the range; the top is kept
    assert (rec.pay_usd, rec.pay_max_usd) == (180000.0, 250000.0)


def test_dol_column_names_and_hourly_wages_are_read() -> None:
    rec = SOURCES["dol-lca"].convert(DOL_LCA_ROW)
    assert (rec.company, rec.role_id, rec.seniority) == ("Amazon", "software-engineer", "mid")
    assert rec.pay_usd == 75.0 * 2080


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        pytest.param({"case_status": "Denied"}, "case not certified (denied)", id="denied"),
        pytest.param({"case_status": "Withdrawn"}, "case not certified (withdrawn)", id="wd"),
        pytest.param({"employer_name": "  "}, "no employer", id="no-employer"),
        pytest.param({"wage_from": None}, "no offered wage", id="no-wage"),
        pytest.param({"wage_from": "lots"}, "wage not a number", id="bad-wage"),
        pytest.param({"wage_unit": "Fortnight"}, "unknown wage unit", id="bad-unit"),
        pytest.param({"wage_from": 12.0}, "pay out of range", id="tiny-yearly"),
    ],
)
def test_unusable_rows_are_rejected_with_a_reason(change: dict[str, Any], reason: str) -> None:
    with pytest.raises(RowRejected) as err:
        SOURCES["dol-perm"].convert({**PARQUET_ROW, **change})
    assert err.value.reason == reason


@pytest.mark.parametrize(
    ("soc", "title", "role"),
    [
        pytest.param("15-1252.00", "Machine Learning Engineer", "ml-engineer", id="ml-under-swe"),
        pytest.param("15-1252.00", "Software Engineer", "software-engineer", id="swe"),
        pytest.param("15-1252", "Member of Technical Staff", "software-engineer", id="default"),
        pytest.param("15-1132", "Software Developer", "software-engineer", id="soc2010"),
        pytest.param("15-1111", "Research Scientist", "ai-research-scientist", id="soc2010-res"),
        pytest.param("15-1199", "Business Intelligence Analyst", "data-analyst", id="split-bi"),
        pytest.param("15-1199", "Computer Occupations", "other", id="split-unnamed"),
        pytest.param("35-3011.00", "Bartender", "other", id="not-tech"),
        pytest.param("15-1253.00", "QA Analyst", "qa-engineer", id="qa"),
    ],
)
def test_role_comes_from_soc_and_title(soc: str, title: str, role: str) -> None:
    assert oflc_role(soc, title) == role


@pytest.mark.parametrize(
    ("level", "seniority"),
    [("Level I", "junior"), ("II", "mid"), ("Level III", "senior"), ("Level IV", "staff"),
     ("N/A", None), (None, None)],
)  # fmt: skip
def test_seniority_from_prevailing_wage_level(level: str | None, seniority: str | None) -> None:
    assert seniority_from_wage_level(level) == seniority


def test_excel_files_get_a_clear_error(tmp_path: Path) -> None:
    book = tmp_path / "PERM_Disclosure_Data_FY2024.xlsx"
    book.write_bytes(b"PK")
    with pytest.raises(IngestError, match="save it as CSV"):
        list(read_oflc(book))


def test_the_shipped_fy2026_file_converts_with_counted_rejections() -> None:
    convert = SOURCES["dol-perm"].convert
    stored, reasons = 0, {}
    rows = 0
    for row in read_oflc(PERM_2026):
        rows += 1
        try:
            convert(row)
            stored += 1
        except RowRejected as exc:
            reasons[exc.reason] = reasons.get(exc.reason, 0) + 1
    assert rows == 60_096  # SOURCE.md
    assert stored + sum(reasons.values()) == rows
    assert reasons["case not certified (withdrawn)"] == 2_953
    assert reasons["case not certified (denied)"] == 1_925


@pytest.mark.parametrize(
    ("title", "role"),
    [("Marketing Manager", "other"), ("Senior Product Manager", "product-manager")],
)
def test_marketing_managers_are_product_managers_only_when_the_title_says(
    title: str, role: str
) -> None:
    assert oflc_role("11-2021.00", title) == role
