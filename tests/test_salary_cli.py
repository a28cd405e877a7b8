"""`paypath salary parse|find` through Typer's CliRunner."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from paypath.cli import app

runner = CliRunner()
CONTRACT = {"text", "found", "min", "max", "currency", "period", "annual_min_usd",
            "annual_max_usd"}  # fmt: skip


def test_parse_json_contract() -> None:
    result = runner.invoke(app, ["salary", "parse", "$170-180k", "--json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.output)
    assert set(doc) >= CONTRACT
    assert (doc["found"], doc["min"], doc["max"], doc["currency"]) == (True, 170000, 180000, "USD")
    assert doc["period_inferred"] is True and doc["fx_date"] == "2024-06-28"


def test_parse_stdin_json_lines_in_order() -> None:
    lines = "$53K-$91K (Glassdoor est.)\n-1\n60.000 € brutto/Jahr\n"
    result = runner.invoke(app, ["salary", "parse", "-"], input=lines)
    assert result.exit_code == 0, result.output
    docs = [json.loads(line) for line in result.output.splitlines()]
    assert [d["found"] for d in docs] == [True, False, True]
    assert all(set(d) >= CONTRACT for d in docs)
    assert docs[1]["text"] == "-1" and docs[2]["currency"] == "EUR"
    assert [d["input"] for d in docs] == lines.splitlines()
    assert docs[0]["text"] == "$53K-$91K"  # the salary as matched


def test_parse_default_currency_and_table_output() -> None:
    result = runner.invoke(app, ["salary", "parse", "$100k", "--currency", "CAD"])
    assert result.exit_code == 0 and "CAD" in result.output and "ECB" in result.output


def test_parse_not_found_and_bad_currency() -> None:
    assert "No salary" in runner.invoke(app, ["salary", "parse", "negotiable"]).output
    bad = runner.invoke(app, ["salary", "parse", "$5", "--currency", "dollars"])
    assert bad.exit_code == 1 and "ISO 4217" in bad.output


def test_find_lists_spans() -> None:
    text = "Salary $120k-$150k plus a $5,000 signing bonus; 5+ years required."
    result = runner.invoke(app, ["salary", "find", "-", "--json"], input=text)
    assert result.exit_code == 0, result.output
    found = json.loads(result.output)["salaries"]
    assert [(f["text"], f["kind"]) for f in found] == [("$120k-$150k", "base"),
                                                      ("$5,000", "signing")]  # fmt: skip
    assert all(text[f["start"] : f["end"]] == f["text"] for f in found)
    table = runner.invoke(app, ["salary", "find", "-"], input=text)
    assert table.exit_code == 0 and "signing" in table.output


def test_find_reads_a_file(tmp_path: Path) -> None:
    ad = tmp_path / "ad.txt"
    ad.write_text("Gehalt: 60.000 - 75.000 € brutto/Jahr\nTeam of 8, 3 years.\n", encoding="utf-8")
    result = runner.invoke(app, ["salary", "find", str(ad), "--json"])
    assert result.exit_code == 0, result.output
    [found] = json.loads(result.output)["salaries"]
    assert (found["min"], found["max"], found["currency"], found["period"]) == (
        60000,
        75000,
        "EUR",
        "year",
    )
