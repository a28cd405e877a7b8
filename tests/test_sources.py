"""Each source's reader and converter on real rows from ../shared/data."""

from __future__ import annotations

import bz2
import gzip
import zipfile
from itertools import islice
from pathlib import Path
from typing import Any

import pytest

from paypath.catalog import load_roles
from paypath.errors import IngestError
from paypath.market.records import Record, RowRejected
from paypath.market.sources import SOURCES, SURVEY_ROLES, read_csv, read_json, source_kinds

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
FIXTURES = Path(__file__).parent / "fixtures" / "market"


def first(kind: str, name: str, n: int = 1) -> list[Record]:
    source = SOURCES[kind]
    return [source.convert(row) for row in islice(source.read(DATA / name), n)]


FIELDS = ("title", "role_id", "seniority", "company", "city", "region", "country", "pay_usd")


@pytest.mark.parametrize(
    ("kind", "name", "expected"),
    [
        pytest.param(
            "glassdoor",
            "glassdoor-ds/glassdoor_jobs.csv",  # "$53K-$91K (Glassdoor est.)"
            ("Data Scientist", "data-scientist", "mid", "Tecolote Research", "Albuquerque",
             "NM", "US", 72_000.0),
            id="glassdoor-ds",
        ),
        pytest.param(
            "glassdoor",
            "glassdoor-da/DataAnalyst.csv",  # "$37K-$66K (Glassdoor est.)"
            ("Data Analyst, Center on Immigration and Justice (CIJ)", "data-analyst", "mid",
             "Vera Institute of Justice", "New York", "NY", "US", 51_500.0),
            id="glassdoor-da",
        ),
        pytest.param(
            "linkedin",
            "linkedin-postings/postings_sample1000.csv",  # 17-20 HOURLY
            ("Marketing Coordinator", "other", "mid", "Corcoran Sawyer Smith", "Princeton", "NJ",
             "US", 38_480.0),
            id="linkedin-hourly",
        ),
        pytest.param(
            "levels",
            "levels-fyi/Levels_Fyi_Salary_Data.zip",  # Oracle L3 PM, 127000 total
            ("Product Manager", "product-manager", "junior", "Oracle", "Redwood City", "CA", "US",
             127_000.0),
            id="levels-zip",
        ),
        pytest.param(
            "ds-salaries",
            "ds-salaries/ds_salaries_2022.csv",  # 2020, MI, 70000 EUR, DE
            ("Data Scientist", "data-scientist", "mid", None, None, None, "DE", None),
            id="ds-salaries-eur",
        ),
    ],
)  # fmt: skip
def test_first_real_row(kind: str, name: str, expected: tuple[Any, ...]) -> None:
    record = first(kind, name)[0]
    got = tuple(getattr(record, f) for f in FIELDS)
    assert got[:-1] == expected[:-1]
    if expected[-1] is not None:
        assert record.pay_usd == pytest.approx(expected[-1])
    else:  # EUR through the shipped FX table: between 1.0 and 1.2 USD per EUR
        assert record.currency == "EUR"
        assert 70_000 < (record.pay_usd or 0) < 84_000


def test_so_survey_2024_respondent() -> None:
    source = SOURCES["so-survey"]
    rows = islice(source.read(DATA / "so-survey-2024/survey_data_updated.csv.bz2"), 400)
    records = []
    for row in rows:
        try:
            records.append((row, source.convert(row)))
        except RowRejected as exc:
            assert exc.reason in ("no compensation", "no role (DevType)", "pay out of range")
    assert len(records) > 50
    for row, record in records:
        assert record.comp_kind == "total"
        assert record.pay_usd == pytest.approx(float(row["ConvertedCompYearly"]))
        assert record.role_id == SURVEY_ROLES.get(row["DevType"], "other")
        assert record.ai_use == (
            row["AISelect"].startswith("Yes") if row["AISelect"] != "NA" else None
        )
    with_skills = [r for _, r in records if r.skills]
    assert len(with_skills) > len(records) // 2
    assert any("python" in r.skills for r in with_skills)
    for row, record in records:  # OrgSize as answered; unanswered / "I don't know": None
        answer = row["OrgSize"]
        unknown = answer in ("NA", "") or answer.startswith("I don")
        assert record.org_size == (None if unknown else answer)
    assert any(r.org_size == "20 to 99 employees" for _, r in records)


@pytest.mark.parametrize(
    ("answer", "stored"),
    [
        pytest.param("10,000 or more employees", "10,000 or more employees", id="answered"),
        pytest.param("  20 to 99   employees ", "20 to 99 employees", id="spacing"),
        pytest.param("I don’t know", None, id="dont-know"),
        pytest.param("NA", None, id="na"),
        pytest.param("", None, id="blank"),
    ],
)
def test_survey_org_size(answer: str, stored: str | None) -> None:
    row = {"ConvertedCompYearly": "90000", "DevType": "Developer, back-end", "OrgSize": answer}
    assert SOURCES["so-survey"].convert(row).org_size == stored


def test_survey_rows_without_org_size_have_none() -> None:
    rows = first("so-survey", "so-survey-2025/survey_results_salary_prediction.csv.gz", 2)
    assert [r.org_size for r in rows] == [None, None]  # the 2025 table does not record it


def test_so_survey_2025_salary_table() -> None:
    rows = first("so-survey", "so-survey-2025/survey_results_salary_prediction.csv.gz", 2)
    assert [(r.title, r.role_id, r.country, r.pay_usd) for r in rows] == [
        ("Developer, mobile", "software-engineer", "UA", 61_256.0),
        ("Developer, back-end", "software-engineer", "NL", 104_413.0),
    ]


def test_survey_roles_are_catalog_roles() -> None:
    ids = {role.id for role in load_roles()}
    assert set(SURVEY_ROLES.values()) <= ids


@pytest.mark.parametrize(
    ("row", "reason"),
    [
        pytest.param({"ConvertedCompYearly": "NA", "DevType": "Developer, back-end"},
                     "no compensation", id="survey-no-pay"),
        pytest.param({"ConvertedCompYearly": "250", "DevType": "Developer, back-end"},
                     "pay out of range", id="survey-absurd-pay"),
        pytest.param({"ConvertedCompYearly": "6340564", "DevType": "Developer, back-end"},
                     "pay out of range", id="survey-pay-over-5m"),
        pytest.param({"ConvertedCompYearly": "90000", "DevType": "NA"}, "no role (DevType)",
                     id="survey-no-role"),
    ],
)  # fmt: skip
def test_survey_rejections(row: dict[str, str], reason: str) -> None:
    with pytest.raises(RowRejected) as info:
        SOURCES["so-survey"].convert(row)
    assert info.value.reason == reason


def test_not_a_survey_file_fails_the_ingest() -> None:
    with pytest.raises(IngestError, match="not a Stack Overflow survey"):
        SOURCES["so-survey"].convert({"title": "x"})


def test_jobspy_csv_and_json_give_the_same_records() -> None:
    source = SOURCES["jobspy"]
    csv_rows = list(read_csv(FIXTURES / "jobspy.csv"))[:4]
    json_rows = list(read_json(FIXTURES / "jobspy.json"))[:4]
    from_csv = [source.convert(r) for r in csv_rows]
    from_json = [source.convert(r) for r in json_rows]
    assert [r.id for r in from_csv] == [r.id for r in from_json]
    assert [r.pay_usd for r in from_csv] == [r.pay_usd for r in from_json]
    ml, devops, ds, swe = from_csv
    assert (ml.role_id, ml.seniority, ml.pay_usd) == ("ml-engineer", "senior", 180_000.0)
    assert {"python", "pytorch", "aws", "kubernetes"} <= set(ml.skills)
    assert (devops.period, devops.pay_usd, devops.remote) == ("hour", 67.5 * 2080, "remote")
    assert (ds.pay_usd, ds.remote) == (None, "remote")  # no salary: stored with NULL pay
    assert (swe.country, swe.currency) == ("DE", "EUR")


def test_malformed_csv_row_is_rejected() -> None:
    rows = list(read_csv(FIXTURES / "jobspy.csv"))
    with pytest.raises(RowRejected, match="malformed row"):
        SOURCES["jobspy"].convert(rows[-1])


@pytest.mark.parametrize("opener", [gzip.open, bz2.open], ids=["gz", "bz2"])
def test_compressed_csv_is_read_directly(tmp_path: Path, opener: Any) -> None:
    raw = (FIXTURES / "jobspy.csv").read_bytes()
    target = tmp_path / f"jobspy.csv.{'gz' if opener is gzip.open else 'bz2'}"
    with opener(target, "wb") as fh:
        fh.write(raw)
    assert list(read_csv(target)) == list(read_csv(FIXTURES / "jobspy.csv"))


def test_zip_with_two_members_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "two.zip"
    with zipfile.ZipFile(target, "w") as archive:
        archive.writestr("a.csv", "title\nx\n")
        archive.writestr("b.csv", "title\ny\n")
    with pytest.raises(IngestError, match="holds 2 files"):
        list(read_csv(target))


def test_every_kind_has_help() -> None:
    assert source_kinds() == sorted(
        ["csv", "dol-lca", "dol-perm", "ds-salaries", "glassdoor", "jobspy", "jsonl", "levels",
         "linkedin", "parquet", "so-survey"]
    )  # fmt: skip
    assert all(SOURCES[k].help for k in source_kinds())
