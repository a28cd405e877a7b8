"""`paypath employers` and `paypath trends` through the CLI."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from paypath.cli import app
from paypath.cli._output import console

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
