"""Dated ECB rates (paypath.salary.fx.fx_table_for) against known ECB values."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from paypath.errors import CurrencyError, InputError
from paypath.salary import salary_from_fields
from paypath.salary.fx import default_fx_table, fx_table_for, latest_fx_table, to_usd


def test_annual_average_is_the_ecbs_published_one() -> None:
    # ECB annual average 2023: 1 EUR = 1.0813 USD; 2024: 1.0824 USD
    assert to_usd(1, "EUR", fx_table_for(2023)) == pytest.approx(1.0813, abs=5e-5)
    assert to_usd(1, "EUR", fx_table_for("2024")) == pytest.approx(1.0824, abs=5e-5)


def test_a_date_uses_its_months_average() -> None:
    # ECB monthly average March 2023: 1 EUR = 1.0706 USD
    table = fx_table_for(date(2023, 3, 15))
    assert table.date == "2023-03" and "monthly average" in table.source
    assert to_usd(1, "EUR", table) == pytest.approx(1.0706, abs=5e-5)
    assert fx_table_for("2023-03-01") is table


def test_the_latest_day_is_for_salaries_typed_today() -> None:
    # eurofxref.csv, 30 October 2026: USD 1.1172, GBP 0.83380 per EUR
    latest = latest_fx_table()
    assert latest is fx_table_for() and latest.date == "2026-10-30"
    assert to_usd(1, "GBP", latest) == pytest.approx(1.1172 / 0.8338, rel=1e-9)
    assert fx_table_for("2030-01") is latest  # after the history: the latest rates


def test_converted_salaries_name_the_rate_and_date() -> None:
    salary = salary_from_fields(60_000, None, "EUR", "year", fx=fx_table_for(2023))
    assert salary is not None
    assert salary.fx_date == "2023" and "annual average" in salary.fx_source
    assert salary.annual_min_usd == pytest.approx(60_000 * 1.081269, abs=0.01)


def test_a_currency_the_ecb_stopped_quoting_is_an_error() -> None:
    assert "RUB" in fx_table_for(2021)
    with pytest.raises(CurrencyError):
        to_usd(1, "RUB", fx_table_for(2024))


@pytest.mark.parametrize("when", [1998, "1998-12", "last tuesday"])
def test_periods_outside_the_history_or_unreadable(when: object) -> None:
    with pytest.raises(InputError):
        fx_table_for(when)  # type: ignore[arg-type]


def test_the_default_table_still_serves_existing_callers() -> None:
    assert default_fx_table().date == "2024-06-28"


def test_a_survey_record_is_converted_at_its_years_average() -> None:
    from paypath.market.sources import SOURCES

    # ds_salaries: work_year 2020, 70000 EUR; ECB annual average 2020: 1 EUR = 1.1422 USD
    row = {"work_year": "2020", "experience_level": "MI", "job_title": "Data Scientist",
           "salary": "70000", "salary_currency": "EUR", "employee_residence": "DE"}  # fmt: skip
    record = SOURCES["ds-salaries"].convert(row)
    assert record.pay_usd == pytest.approx(70_000 * 1.1422, rel=1e-4)
    assert record.fx_date == "2020" and "annual average" in (record.fx_source or "")
    assert record.fx_rate == pytest.approx(1.1422, rel=1e-4)


def test_a_posting_is_converted_at_its_months_average_and_usd_names_no_rate() -> None:
    from paypath.market.sources import SOURCES

    # ECB monthly average March 2023: 1 EUR = 1.0706 USD
    row = {"title": "Data Engineer", "min_amount": "60000", "max_amount": "60000",
           "currency": "EUR", "interval": "yearly", "date_posted": "2023-03-15"}  # fmt: skip
    record = SOURCES["jobspy"].convert(row)
    assert record.pay_usd == pytest.approx(60_000 * 1.0706, rel=1e-4)
    assert record.fx_date == "2023-03" and "monthly average" in (record.fx_source or "")
    usd = SOURCES["jobspy"].convert({**row, "currency": "USD"})
    assert usd.pay_usd == 60_000 and usd.fx_rate is None and usd.fx_date is None


def test_the_store_keeps_the_rate_a_record_was_converted_at(tmp_path: Path) -> None:
    from paypath.market.ingest import ingest_file
    from paypath.market.store import open_store

    file = tmp_path / "jobs.csv"
    file.write_text(
        "title,min_amount,max_amount,currency,interval,date_posted\n"
        "Data Engineer,60000,60000,EUR,yearly,2023-03-15\n",
        encoding="utf-8",
    )
    with open_store(tmp_path / "s.duckdb") as store:
        ingest_file(store, file, "jobspy")
        row = store.con.execute("SELECT fx_rate, fx_date, pay_usd FROM postings").fetchone()
    assert row is not None and row[1] == "2023-03"
    assert row[0] == pytest.approx(1.0706, rel=1e-4)


def test_a_store_made_before_the_fx_columns_opens_and_gains_them(tmp_path: Path) -> None:
    import duckdb

    from paypath.market.store import SCHEMA_SQL, open_store

    old_schema = (
        SCHEMA_SQL.replace(",\n  fx_rate DOUBLE, fx_date VARCHAR, fx_source VARCHAR", "")
        .replace("ALTER TABLE postings ADD COLUMN IF NOT EXISTS fx_rate DOUBLE;", "")
        .replace("ALTER TABLE postings ADD COLUMN IF NOT EXISTS fx_date VARCHAR;", "")
        .replace("ALTER TABLE postings ADD COLUMN IF NOT EXISTS fx_source VARCHAR;", "")
    )
    assert "fx_" not in old_schema
    path = tmp_path / "old.duckdb"
    with duckdb.connect(str(path)) as con:
        con.execute(old_schema)
        con.execute("INSERT INTO postings (id, source, pay_usd) VALUES ('a', 'csv', 90000)")
    with open_store(path, read_only=True) as store:  # read-only: opened as it is
        assert store.con.execute("SELECT count(*) FROM postings").fetchone() == (1,)
    with open_store(path) as store:  # writable: the columns are added, rows kept
        row = store.con.execute("SELECT pay_usd, fx_rate FROM postings").fetchone()
    assert row == (90000, None)
