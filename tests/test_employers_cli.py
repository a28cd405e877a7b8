"""`paypath employers` and `paypath trends` through the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from paypath.cli import app
from paypath.cli._output import console
from paypath.pay_model import estimate_pay

runner = CliRunner()


@pytest.fixture(autouse=True)
def wide(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(console, "width", 250)


def test_top_payers_table_names_source_and_caveat() -> None:
    result = runner.invoke(app, ["employers", "--role", "ml-engineer", "--area", "California"])
    assert result.exit_code == 0, result.output
    assert "Top payers: ml-engineer in California" in result.output
    assert "U.S. Department of Labor, OFLC disclosure data" in result.output
    assert "no bonus or equity" in result.output


def test_top_payers_json() -> None:
    result = runner.invoke(app, ["employers", "--role", "ml-engineer", "-a", "CA", "--json"])
    doc = json.loads(result.output)
    assert doc["area"] == "CA" and doc["rows"][0]["median"] >= doc["rows"][-1]["median"]


def test_show_employer_json() -> None:
    result = runner.invoke(app, ["employers", "show", "Cisco Systems, Inc.", "--json"])
    doc = json.loads(result.output)
    assert doc["employer"] == "Cisco" and {"source", "caveat"} <= set(doc)


def test_unknown_employer_fails_cleanly() -> None:
    result = runner.invoke(app, ["employers", "show", "Gooogle"])
    assert result.exit_code != 0 and "Google" in result.output


def test_trends_table_and_json() -> None:
    result = runner.invoke(app, ["trends", "software-engineer"])
    assert result.exit_code == 0, result.output
    assert "FY2026 (partial)" in result.output and "$144,999" in result.output
    doc = json.loads(runner.invoke(app, ["trends", "software-engineer", "--json"]).output)
    assert doc["soc"] == "15-1252"


def test_ai_share() -> None:
    result = runner.invoke(app, ["trends", "--ai-share", "--json"])
    doc = json.loads(result.output)
    assert doc["country"] == "US" and doc["series"][-1]["month"] == "2026-06"


def test_offer_from_a_named_employer_is_set_against_the_models_figure_there() -> None:
    args = ["offer", "--role", "software-engineer", "--salary", "200000"]
    result = runner.invoke(app, [*args, "--location", "CA", "--employer", "NVIDIA", "--json"])
    assert result.exit_code == 0, result.output
    vs = json.loads(result.output)["vs_employer"]
    at = estimate_pay("software-engineer", "CA", level="mid", employer="NVIDIA")
    assert at.base is not None and at.total is not None
    assert vs["employer"] == "NVIDIA" and vs["offset"]["n"] >= 15
    assert vs["base_vs_employer"]["position"]["median"] == at.base.median
    assert vs["base_vs_employer"]["position"]["p25"] == at.base.p25
    assert vs["total_vs_employer"]["position"]["p75"] == at.total.p75
    assert vs["base_vs_employer"]["verdict"] in ("below", "within", "above")
    assert "cell" not in vs  # no second derivation from the filings table
    text = runner.invoke(app, [*args, "--location", "CA", "--employer", "NVIDIA"]).output
    assert "peers at NVIDIA" in text and "Employer NVIDIA:" in text


def test_offer_from_an_employer_the_model_does_not_know_says_so() -> None:
    args = ["offer", "--role", "software-engineer", "--salary", "150000", "--json"]
    result = runner.invoke(app, [*args, "--employer", "Tiny Widget Startup"])
    assert result.exit_code == 0, result.output
    vs = json.loads(result.output)["vs_employer"]
    assert vs["offset"] is None and vs["base_vs_employer"] is None
    assert "no employer-specific evidence" in vs["note"]


def test_dol_csv_ingest_then_stats_by_employer(tmp_path: Path) -> None:
    header = "CASE_NUMBER,CASE_STATUS,EMPLOYER_NAME,JOB_TITLE,SOC_CODE,WORKSITE_CITY,"
    header += "WORKSITE_STATE,WAGE_OFFER_FROM,WAGE_OFFER_TO,WAGE_OFFER_UNIT_OF_PAY,PW_SKILL_LEVEL"
    lines = [header]
    for i in range(12):
        name = '"ACME WIDGETS, INC."' if i % 2 else "Acme Widgets Inc"
        lines.append(f"A-{i},Certified,{name},Software Engineer,15-1252.00,Austin,TX,"
                     f"{100000 + i * 1000},,Year,Level II")  # fmt: skip
    lines.append("A-99,Denied,Acme Widgets Inc,Software Engineer,15-1252,Austin,TX,1,,Year,II")
    csv_file = tmp_path / "perm.csv"
    csv_file.write_text("\n".join(lines) + "\n")
    db = str(tmp_path / "store.duckdb")
    ingest = runner.invoke(
        app, ["market", "ingest", str(csv_file), "--source", "dol-perm", "--db", db, "--json"]
    )
    counts = json.loads(ingest.output)
    assert (counts["read"], counts["stored"], counts["quarantined"]) == (13, 12, 1)
    stats = runner.invoke(app, ["market", "stats", "--db", db, "--by", "employer", "--json"])
    rows = json.loads(stats.output)
    assert [r["group"]["company"] for r in rows] == ["Acme Widgets"]
    assert rows[0]["n"] == 12 and rows[0]["median"] == 105_500


def test_trends_show_pay_today_as_an_estimate_beside_the_official_figure() -> None:
    result = runner.invoke(app, ["trends", "software-engineer", "--area", "California"])
    assert (
        "(official, all workers" in result.output and "not an official statistic" in result.output
    )
    doc = json.loads(runner.invoke(app, ["trends", "software-engineer", "--json"]).output)
    assert doc["current_pay"]["estimate_month"] == "2026-04"
    assert doc["current_pay"]["estimate"]["kind"] == "base"
