"""The shipped FX table and user tables in the same format."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from paypath.errors import CurrencyError, DataError
from paypath.resources import data_path
from paypath.salary import default_fx_table, load_fx_table, parse_salary, to_usd
from paypath.salary.lexicon import ISO_CODES

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"


def test_shipped_table_is_dated_and_sourced() -> None:
    table = default_fx_table()
    assert table.date == "2024-06-28" and "ECB" in table.source
    for rate in table.rates.values():
        assert rate.per_usd > 0 and rate.date and rate.source and rate.name


def test_shipped_table_covers_the_survey_and_ds_salaries_currencies() -> None:
    table = default_fx_table()
    for name in ("ds_salaries_2022.csv", "ds_salaries_2023.csv"):
        text = (DATA / "ds-salaries" / name).read_text(encoding="utf-8").lstrip("\n")
        codes = {row["salary_currency"] for row in csv.DictReader(text.splitlines())}
        assert codes <= set(table.rates) | {"USD"}
    assert len(table.rates) >= 100


@pytest.mark.parametrize(
    ("currency", "usd_per_unit"),
    [("EUR", 1.0705), ("GBP", 1.0705 / 0.84638), ("INR", 1.0705 / 89.2495), ("USD", 1.0)],
    ids=["EUR", "GBP", "INR", "USD"],
)
def test_ecb_cross_rates(currency: str, usd_per_unit: float) -> None:
    assert to_usd(1000, currency) == pytest.approx(1000 * usd_per_unit, rel=1e-5)


def test_every_table_currency_is_read_in_text() -> None:
    assert set(default_fx_table().rates) <= ISO_CODES


def test_ecb_rates_agree_with_the_survey_cross_check() -> None:
    with data_path("fx_rates.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(line for line in fh if not line.startswith("#")))
    ecb = [r for r in rows if "ECB" in r["source"] and r["survey_per_usd"]]
    assert len(ecb) >= 29
    for row in ecb:
        assert float(row["survey_per_usd"]) / float(row["per_usd"]) == pytest.approx(1, abs=0.03)


def test_unknown_currency() -> None:
    with pytest.raises(CurrencyError, match="no FX rate"):
        to_usd(10, "XYZ")


def test_user_table(tmp_path: Path) -> None:
    path = tmp_path / "rates.csv"
    path.write_text("# date: 2025-01-31\n# source: test bank\ncurrency,per_usd\nEUR,0.5\n")
    table = load_fx_table(path)
    assert (table.date, table.source) == ("2025-01-31", "test bank")
    assert to_usd(100, "EUR", table) == 200
    s = parse_salary("€50,000", fx=table)
    assert s is not None and s.annual_min_usd == 100_000 and s.fx_source == "test bank"
    other = parse_salary("£50,000", fx=table)
    assert other is not None and other.annual_min_usd is None and other.currency == "GBP"


@pytest.mark.parametrize(
    "body",
    ["", "currency,rate\nEUR,1\n", "currency,per_usd\nEUR,abc\n", "currency,per_usd\nEURO,1\n",
     "currency,per_usd\nEUR,-2\n", "currency,per_usd\n"],
    ids=["empty", "bad-header", "not-a-number", "bad-code", "negative", "no-rows"],
)  # fmt: skip
def test_bad_user_tables(tmp_path: Path, body: str) -> None:
    path = tmp_path / "rates.csv"
    path.write_text(body)
    with pytest.raises(DataError):
        load_fx_table(path)


def test_missing_user_table(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="cannot read"):
        load_fx_table(tmp_path / "nope.csv")
