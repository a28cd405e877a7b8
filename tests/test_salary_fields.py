"""salary_from_fields on the structured pay fields of real sources."""

from __future__ import annotations

import bz2
import csv
import io
import math
from pathlib import Path

import pytest

from paypath.errors import CurrencyError, InputError
from paypath.salary import fields_problem, salary_from_fields

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"


def _rows(path: Path) -> list[dict[str, str]]:
    text = path.read_text(encoding="utf-8").lstrip("\n")  # ds_salaries_2023 starts blank
    return list(csv.DictReader(io.StringIO(text)))


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ((17.0, 20.0, "USD", "HOURLY"), (17, 20, "hour", 35360, 41600)),
        ((45000.0, 65000.0, "USD", "YEARLY"), (45000, 65000, "year", 45000, 65000)),
        ((None, 350.0, "USD", "MONTHLY"), (None, 350, "month", None, 4200)),
        (("3000", "", "USD", "weekly"), (3000, None, "week", 156000, None)),
        ((4000, 5000, "USD", "biweekly"), (2000, 2500, "week", 104000, 130000)),
        ((85000.0, None, "EUR European Euro", "yearly"), (85000, None, "year", 85000, None)),
    ],
    ids=["linkedin-hourly", "linkedin-yearly", "linkedin-monthly-med", "jobspy-weekly",
         "biweekly", "so-survey-eur"],
)  # fmt: skip
def test_fields(fields: tuple[object, ...], expected: tuple[object, ...]) -> None:
    s = salary_from_fields(*fields)
    assert s is not None
    assert (s.min, s.max, s.period, s.annual_min, s.annual_max) == expected
    assert s.period_inferred is False


@pytest.mark.parametrize(
    "fields",
    [(None, None, "USD", "YEARLY"), ("", "nan", "USD", None), (float("nan"), 0, "USD", "HOURLY")],
    ids=["none", "empty-strings", "nan-and-zero"],
)
def test_missing_amounts_give_none(fields: tuple[object, ...]) -> None:
    assert salary_from_fields(*fields) is None


def test_bad_fields_raise_documented_errors() -> None:
    with pytest.raises(InputError):
        salary_from_fields(10, 20, "USD", "fortnights")
    with pytest.raises(CurrencyError):
        salary_from_fields(10, 20, "€€", "hourly")
    with pytest.raises(CurrencyError):
        salary_from_fields(10, 20, "XYZ", "hourly")


def test_text_keeps_the_fields_as_given() -> None:
    s = salary_from_fields(4000, 5000, "USD\tUnited States dollar", "biweekly", kind="bonus")
    assert s is not None and s.text == "4000-5000 USD biweekly" and s.kind == "bonus"
    with pytest.raises(InputError):
        salary_from_fields(1, 2, "USD", "yearly", kind="perk")  # type: ignore[arg-type]


def test_no_period_is_inferred_and_flagged() -> None:
    s = salary_from_fields(95000, 120000, "USD", None)
    assert s is not None and (s.period, s.period_inferred) == ("year", True)


def test_every_linkedin_row_with_pay() -> None:
    rows = _rows(DATA / "linkedin-postings" / "postings_sample1000.csv")
    built = 0
    for row in rows:
        lo = row["min_salary"] or row["med_salary"]  # med_salary alone: a single figure
        hi = row["max_salary"] or row["med_salary"]
        s = salary_from_fields(lo, hi, row["currency"], row["pay_period"])
        if not row["pay_period"]:
            assert s is None
            continue
        assert s is not None and s.annual_max_usd is not None
        built += 1
        factor = {"HOURLY": 2080, "MONTHLY": 12, "YEARLY": 1}[row["pay_period"]]
        assert s.annual_max == float(hi) * factor, row["job_id"]
        assert s.annual_max_usd == s.annual_max  # all USD in this sample
    assert built == 380


@pytest.mark.parametrize("name", ["ds_salaries_2022.csv", "ds_salaries_2023.csv"])
def test_ds_salaries_usd_matches_their_own_conversion(name: str) -> None:
    """Our USD figure for salary + salary_currency is close to the file's salary_in_usd
    (they converted at each work year's rate; we use one 2024 table)."""
    rows = _rows(DATA / "ds-salaries" / name)
    ratios = []
    for row in rows:
        s = salary_from_fields(row["salary"], row["salary"], row["salary_currency"], "year")
        assert s is not None and s.annual_min_usd is not None
        ratios.append(s.annual_min_usd / float(row["salary_in_usd"]))
    ratios.sort()
    assert 0.97 < ratios[len(ratios) // 2] < 1.03  # median
    assert sum(abs(r - 1) < 0.2 for r in ratios) / len(ratios) > 0.97


def test_so_survey_comp_total_matches_converted_comp() -> None:
    path = DATA / "so-survey-2024" / "survey_data_updated.csv.bz2"
    with bz2.open(path, "rt", encoding="utf-8", newline="") as fh:
        rows = [
            (r["CompTotal"], r["Currency"], r["ConvertedCompYearly"])
            for r in csv.DictReader(fh)
            if r["CompTotal"] and r["ConvertedCompYearly"] and r["Currency"]
        ]
    assert len(rows) > 9000
    close = 0
    for comp, currency, converted in rows:
        s = salary_from_fields(comp, comp, currency, "yearly")
        if s is None:  # CompTotal of 0, or an implausible amount, with the reason
            problem = fields_problem(comp, comp, currency, "yearly")
            assert float(comp) == 0 or (problem is not None and "plausible" in problem), comp
            continue
        assert s.annual_min_usd is not None and math.isfinite(s.annual_min_usd)
        close += abs(s.annual_min_usd / float(converted) - 1) < 0.05
    assert close / len(rows) > 0.99  # measured 9,539 of 9,550
