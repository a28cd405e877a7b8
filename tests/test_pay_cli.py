"""`paypath pay` and `GET /api/pay`: the pay model's answer, the same through both."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from _web_client import assert_error, cli_json, client
from paypath.cli import app

runner = CliRunner()
C = client()
SHAPE = {"role", "area", "level", "years", "base", "total", "method"}
DIST = {"p10", "p25", "median", "p75", "p90", "n", "source"}


def test_pay_json_has_the_issue_shape() -> None:
    doc = cli_json("pay", "ml-engineer", "--area", "Redmond, WA", "--years", "6")
    assert set(doc) >= SHAPE
    assert doc["area"] == "Seattle-Tacoma-Bellevue, WA" and doc["level"] == "senior"
    for kind in ("base", "total"):
        assert set(doc[kind]) >= DIST and doc[kind]["kind"] == kind
        assert doc[kind]["country"] == "US"
        assert doc[kind]["p25"] <= doc[kind]["median"] <= doc[kind]["p75"]


def test_api_pay_matches_the_cli() -> None:
    args = ["pay", "data-analyst", "--area", "CA", "--level", "staff"]
    got = C.get("/api/pay", params={"role": "data-analyst", "area": "CA", "level": "staff"})
    assert got.status_code == 200
    assert got.json() == cli_json(*args)


def test_unsupported_figure_is_null_with_the_reason() -> None:
    doc = cli_json("pay", "data-analyst", "--area", "Casper, WY")
    assert doc["base"] is None and doc["total"] is None
    assert "Casper" in doc["base_reason"]


def test_pay_table_labels_base_and_total() -> None:
    result = runner.invoke(app, ["pay", "software-engineer", "--level", "junior"])
    assert result.exit_code == 0, result.output
    assert "base salary" in result.stdout and "total comp" in result.stdout
    assert "US, USD per year" in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["pay", "software-engineer", "--level", "wizard"], "not one of"),
        (["pay", "software-engineer", "--years", "1", "--level", "staff"], "give one of them"),
        (["pay", "astronaut"], "astronaut"),
    ],
)
def test_pay_bad_input_is_a_clear_error(args: list[str], message: str) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code != 0
    assert message in result.output


def test_api_pay_bad_level_is_the_error_shape() -> None:
    got = C.get("/api/pay", params={"role": "ml-engineer", "level": "wizard"})
    assert got.status_code in (400, 422)
    assert_error(got.json())


def test_market_stats_says_which_country_it_pools() -> None:
    result = runner.invoke(app, ["market", "stats", "--by", "role"])
    assert result.exit_code == 0, result.output
    assert "country US" in result.stdout
    pooled = runner.invoke(app, ["market", "stats", "--by", "role", "--country", "all"])
    assert "all countries pooled" in pooled.stdout
    us = json.loads(runner.invoke(app, ["market", "stats", "--by", "role", "--json"]).stdout)
    every = json.loads(
        runner.invoke(app, ["market", "stats", "--by", "role", "--country", "all", "--json"]).stdout
    )
    assert sum(r["n"] for r in us) < sum(r["n"] for r in every)
