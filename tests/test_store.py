"""The DuckDB store: schema, read-only opening, bundled dataset, ad-hoc SQL, the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from paypath.cli import app
from paypath.errors import StoreError
from paypath.market.analytics import skill_demand
from paypath.market.ingest import ingest_file
from paypath.market.records import POSTING_COLUMNS
from paypath.market.store import SCHEMA_SQL, TABLES, bundled_store, open_store

FIXTURES = Path(__file__).parent / "fixtures" / "market"
runner = CliRunner()


def test_schema_matches_the_record(tmp_path: Path) -> None:
    with open_store(tmp_path / "s.duckdb") as store:
        columns = [r[1] for r in store.con.execute("PRAGMA table_info('postings')").fetchall()]
        assert tuple(columns) == POSTING_COLUMNS
        assert store.counts() == dict.fromkeys(TABLES, 0)


def test_read_only_store_must_exist(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="paypath market ingest"):
        open_store(tmp_path / "missing.duckdb", read_only=True)


def test_read_only_store_refuses_writes(tmp_path: Path) -> None:
    open_store(tmp_path / "s.duckdb").close()
    with (
        open_store(tmp_path / "s.duckdb", read_only=True) as store,
        pytest.raises(StoreError, match="query failed"),
    ):
        store.query("DELETE FROM postings")


def test_bundled_store() -> None:
    store = bundled_store()
    assert store.bundled
    counts = store.counts()
    assert counts["postings"] > 20_000
    assert counts["posting_skills"] > counts["postings"]
    result = store.query("SELECT DISTINCT source, record_kind, comp_kind FROM postings ORDER BY 1")
    assert result.rows == [("so-survey", "survey", "total")]
    nulls = store.query("SELECT count(*) FROM postings WHERE description IS NOT NULL")
    assert nulls.rows == [(0,)]


def test_query_records_and_limit() -> None:
    result = bundled_store().query("SELECT role_id, pay_usd FROM postings", limit=3)
    assert result.columns == ["role_id", "pay_usd"]
    assert len(result.records()) == 3


def test_cli_ingest_then_sql(tmp_path: Path) -> None:
    db = str(tmp_path / "cli.duckdb")
    args = ["market", "ingest", str(FIXTURES / "jobspy.csv"), "--source", "jobspy", "--db", db]
    out = runner.invoke(app, [*args, "--json"])
    assert out.exit_code == 0, out.output
    counts = json.loads(out.stdout)
    assert (counts["read"], counts["stored"], counts["duplicates"]) == (8, 4, 1)
    human = runner.invoke(app, args)
    assert human.exit_code == 0 and "duplicates" in human.stdout
    sql = "SELECT role_id, count(*) AS n FROM postings GROUP BY 1 ORDER BY 1"
    rows = runner.invoke(app, ["market", "sql", sql, "--db", db, "--json"])
    assert rows.exit_code == 0, rows.output
    assert {r["role_id"] for r in json.loads(rows.stdout)} == {
        "ml-engineer", "devops-engineer", "data-scientist", "software-engineer"
    }  # fmt: skip


def test_cli_errors_exit_1(tmp_path: Path) -> None:
    bad = runner.invoke(app, ["market", "sql", "SELEC nonsense", "--db", str(tmp_path / "x")])
    assert bad.exit_code == 1
    kind = runner.invoke(
        app, ["market", "ingest", str(FIXTURES / "jobspy.csv"), "--source", "monster",
              "--db", str(tmp_path / "y.duckdb")]
    )  # fmt: skip
    assert kind.exit_code == 1 and "unknown source" in kind.output


def test_cli_sources() -> None:
    out = runner.invoke(app, ["market", "sources", "--json"])
    assert out.exit_code == 0
    assert "so-survey" in {s["kind"] for s in json.loads(out.stdout)}


def test_no_connection_draws_duckdb_progress_bars(tmp_path: Path) -> None:
    # DuckDB prints a progress bar on stdout for queries over 2 s, which once corrupted
    # `paypath market ingest --json` on a million postings: every store connection is quiet.
    setting = "SELECT current_setting('enable_progress_bar')"
    with open_store(tmp_path / "m.duckdb") as store:
        assert store.con.execute(setting).fetchone() == (False,)
    assert bundled_store().con.execute(setting).fetchone() == (False,)


def _old_store(path: Path) -> None:
    """A store as written before ``pay_facts`` existed: the schema without it, 3 rows."""
    con = duckdb.connect(str(path))
    con.execute(SCHEMA_SQL)
    con.execute("DROP TABLE pay_facts")
    con.executemany(
        "INSERT INTO postings (id, source, role_id, pay_usd) VALUES (?, 'csv', ?, ?)",
        [("a", "data-scientist", 150_000.0), ("b", "data-analyst", 80_000.0), ("c", "qa", None)],
    )
    con.close()


@pytest.mark.parametrize("read_only", [False, True])
def test_opening_an_older_store_builds_pay_facts(tmp_path: Path, read_only: bool) -> None:
    _old_store(tmp_path / "old.duckdb")
    with open_store(tmp_path / "old.duckdb", read_only=read_only) as store:
        rows = store.con.execute("SELECT id, role_id, pay_usd FROM pay_facts").fetchall()
    assert rows == [("b", "data-analyst", 80_000.0), ("a", "data-scientist", 150_000.0)]


@pytest.mark.parametrize("read_only", [False, True])
def test_opening_a_store_without_asked_adds_it(tmp_path: Path, read_only: bool) -> None:
    path = tmp_path / "old.duckdb"
    con = duckdb.connect(str(path))  # posting_skills as written before `asked` existed
    con.execute(SCHEMA_SQL)
    con.execute("ALTER TABLE posting_skills DROP COLUMN asked")
    con.execute("INSERT INTO postings (id, source, role_id) VALUES ('a', 'csv', 'qa-engineer')")
    con.execute("INSERT INTO posting_skills VALUES ('a', 'selenium', 2)")
    con.close()
    with open_store(path, read_only=read_only) as store:
        rows = store.con.execute("SELECT * FROM posting_skills").fetchall()
        demand = skill_demand(store, "qa-engineer")
    assert rows == [("a", "selenium", 2, None)]  # not recorded: unknown, not 0
    assert [(d.skill, d.n, d.total) for d in demand] == [("selenium", 1, 1)]


@pytest.mark.parametrize("read_only", [False, True])
def test_opening_a_store_without_org_size_adds_it(tmp_path: Path, read_only: bool) -> None:
    path = tmp_path / "old.duckdb"
    con = duckdb.connect(str(path))  # postings as written before `org_size` existed
    con.execute(SCHEMA_SQL)
    con.execute("ALTER TABLE postings DROP COLUMN org_size")
    con.execute("INSERT INTO postings (id, source, role_id) VALUES ('a', 'csv', 'qa-engineer')")
    con.close()
    with open_store(path, read_only=read_only) as store:
        rows = store.con.execute("SELECT id, org_size FROM postings").fetchall()
    assert rows == [("a", None)]  # not recorded: unknown
    with open_store(path) as store:  # and new rows go in after the upgrade
        ingest_file(store, FIXTURES / "jobspy.csv", "jobspy")
        assert store.counts()["postings"] > 1


def test_bundled_survey_rows_record_org_size() -> None:
    rows = dict(
        bundled_store()
        .con.execute("SELECT source_file, count(org_size) FROM postings GROUP BY 1 ORDER BY 1")
        .fetchall()
    )
    assert rows["survey_data_updated.csv.bz2"] > 8_000  # the 2024 edition asks OrgSize
    assert rows["survey_results_salary_prediction.csv.gz"] == 0  # the 2025 table does not


def test_a_store_changed_by_hand_gets_pay_facts_rebuilt_on_open(tmp_path: Path) -> None:
    path = tmp_path / "s.duckdb"
    with open_store(path) as store:
        ingest_file(store, FIXTURES / "jobspy.csv", "jobspy")
    con = duckdb.connect(str(path))  # outside paypath: no refresh
    con.execute("DELETE FROM postings WHERE pay_usd = (SELECT max(pay_usd) FROM postings)")
    con.close()
    with open_store(path, read_only=True) as store:
        facts = store.con.execute("SELECT count(*) FROM pay_facts").fetchone()
        paid = store.con.execute("SELECT count(*) FROM postings WHERE pay_usd > 0").fetchone()
    assert facts == paid == (2,)
