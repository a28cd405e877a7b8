"""`paypath market stats|premiums|demand` through Typer's CliRunner, on a real store file."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import duckdb
import pytest
from typer.testing import CliRunner

from analytics_fixtures import load_frames, schema_sql, survey_frames
from paypath.cli import app

runner = CliRunner()


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("store") / "survey.duckdb"
    con = duckdb.connect(str(path))
    con.execute(schema_sql())
    load_frames(con, *survey_frames())
    con.close()
    return str(path)


def _json(args: list[str]) -> Any:
    result = runner.invoke(app, ["market", *args, "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_stats_json_rows(db: str) -> None:
    rows = _json(["stats", "--db", db, "--by", "role,seniority", "--country", "us"])
    postings, _ = survey_frames()
    us = postings[(postings["country"] == "US") & (postings["pay_usd"] > 0)]
    assert sum(r["n"] for r in rows) == len(us)
    first = rows[0]
    assert set(first) == {
        "group", "n", "p10", "p25", "median", "p75", "p90", "suppressed", "source"
    }  # fmt: skip
    assert set(first["group"]) == {"role_id", "seniority"}
    assert first["source"].startswith("your store: 18,845 postings")


def test_stats_table_shows_suppressed_cells(db: str) -> None:
    result = runner.invoke(app, ["market", "stats", "--db", db, "--min-n", "100"])
    assert result.exit_code == 0, result.output
    assert "suppressed: fewer than 100 rows" in result.stdout
    assert re.search(r"│\s+suppressed\s+│", result.stdout) and "Source: your store" in result.stdout


def test_premiums_json(db: str) -> None:
    rows = _json(["premiums", "--db", db, "--min-n", "100"])
    skills = {r["skill"]: r for r in rows}
    assert "ai-fluency" in skills and "python" in skills
    for r in rows:
        assert r["ci_low"] < r["premium"] < r["ci_high"] and r["n"] >= 100


def test_premiums_for_a_role(db: str) -> None:
    rows = _json(["premiums", "--db", db, "--role", "software-engineer"])
    assert rows and {r["role"] for r in rows} == {"software-engineer"}


def test_demand_json(db: str) -> None:
    rows = _json(["demand", "--db", db, "--role", "data-scientist", "--top", "3"])
    assert next(r["skill"] for r in rows) == "python" and len(rows) == 3


@pytest.mark.parametrize(
    ("args", "message"),
    [
        pytest.param(["demand", "--role", "astronaut"], "unknown role", id="unknown-role"),
        pytest.param(["stats", "--by", "salary"], "cannot group by", id="bad-by"),
        pytest.param(["premiums", "--engine", "polars"], "unknown engine", id="bad-engine"),
    ],
)
def test_errors_exit_1_with_a_message(db: str, args: list[str], message: str) -> None:
    result = runner.invoke(app, ["market", *args, "--db", db])
    assert result.exit_code == 1
    assert message in result.output


def test_a_missing_db_is_an_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["market", "stats", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 1 and "paypath market ingest" in result.output


def test_without_a_store_the_bundled_data_is_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PAYPATH_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("PAYPATH_DB", raising=False)
    rows = _json(["stats", "--by", "role"])
    assert rows and rows[0]["source"].startswith("bundled dataset: ")
