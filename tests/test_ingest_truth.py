"""Ingest and store truth (issue #20): the reported outcome is the true one, files that
are not what they claim are refused before anything is stored, every row is accounted
for, implausible values are quarantined, `market sql` is read-only, kills leave nothing."""

from __future__ import annotations

import csv
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pytest

from paypath.errors import IngestError, InputError, StoreError
from paypath.market.ingest import STAGING_PREFIX, ingest_file, max_workers
from paypath.market.store import Store, open_store, read_only_query

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
FIXTURES = Path(__file__).parent / "fixtures" / "market"
LINKEDIN = DATA / "linkedin-postings" / "postings_sample1000.csv"
SURVEY_2025 = DATA / "so-survey-2025" / "survey_results_salary_prediction.csv.gz"


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with open_store(tmp_path / "market.duckdb") as opened:
        yield opened


def counts(store: Store) -> dict[str, int]:
    return store.counts()


def write_csv(path: Path, header: list[str], rows: list[list[Any]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(header)
        writer.writerows(rows)
    return path


# ------------------------------------------------------------------ interrupts


class _Interrupting:
    """A DuckDB connection that raises KeyboardInterrupt around its ``at``-th execute
    (before it runs, or after it took effect), as Ctrl-C can."""

    def __init__(self, con: duckdb.DuckDBPyConnection, at: int, after: bool) -> None:
        self._con, self._at, self._after, self.calls = con, at, after, 0
        self.statements: list[str] = []

    def execute(self, sql: str, *args: Any) -> Any:
        self.calls += 1
        self.statements.append(sql.split()[0])
        if self.calls == self._at and not self._after:
            raise KeyboardInterrupt
        out = self._con.execute(sql, *args)
        if self.calls == self._at and self._after:
            raise KeyboardInterrupt
        return out

    def __getattr__(self, name: str) -> Any:
        return getattr(self._con, name)


def _ingest_interrupted(path: Path, at: int, after: bool) -> tuple[Any, dict[str, int]]:
    """(the result, or the exception raised; the store's counts after)."""
    with open_store(path) as real:
        before = counts(real)
        proxy = _Interrupting(real.con, at, after)
        store = Store(proxy, path)  # type: ignore[arg-type]
        try:
            outcome: Any = ingest_file(store, FIXTURES / "jobspy.csv", "jobspy")
        except (KeyboardInterrupt, IngestError) as exc:
            outcome = exc
        after_counts = counts(real)
    return outcome, {k: after_counts[k] - before[k] for k in after_counts}


def test_an_interrupt_at_every_statement_reports_what_the_store_holds(tmp_path: Path) -> None:
    # count the statements one whole ingest runs on the store's connection
    with open_store(tmp_path / "probe.duckdb") as real:
        proxy = _Interrupting(real.con, 0, False)
        ingest_file(Store(proxy, tmp_path / "probe.duckdb"), FIXTURES / "jobspy.csv", "jobspy")  # type: ignore[arg-type]
    assert "COMMIT" in proxy.statements
    phases = proxy.calls
    seen_committed = seen_rolled_back = 0
    for at in range(1, phases + 1):
        for after in (False, True):
            path = tmp_path / f"s-{at}-{after}.duckdb"
            outcome, delta = _ingest_interrupted(path, at, after)
            if isinstance(outcome, BaseException):
                # reported as not done: nothing at all may have changed
                assert delta == {t: 0 for t in delta}, (at, after, proxy.statements[at - 1])
                seen_rolled_back += 1
            else:
                # reported as done: the store holds exactly what the result says
                assert delta["postings"] == outcome.stored, (at, after)
                assert delta["ingests"] == 1
                assert delta["quarantine"] == outcome.quarantined
                assert outcome.read == outcome.stored + outcome.duplicates + outcome.quarantined
                seen_committed += 1
    assert seen_committed >= 1  # the interrupt that lands right after COMMIT
    assert seen_rolled_back >= phases  # every one before it


def test_interrupt_after_commit_is_the_one_the_issue_reported(tmp_path: Path) -> None:
    with open_store(tmp_path / "probe.duckdb") as real:
        proxy = _Interrupting(real.con, 0, False)
        ingest_file(Store(proxy, tmp_path / "probe.duckdb"), FIXTURES / "jobspy.csv", "jobspy")  # type: ignore[arg-type]
    commit = proxy.statements.index("COMMIT") + 1
    outcome, delta = _ingest_interrupted(tmp_path / "c.duckdb", commit, after=True)
    assert not isinstance(outcome, BaseException)
    assert delta["postings"] == outcome.stored == 4


# ------------------------------------------------------------------ stores


def test_a_csv_is_not_taken_as_a_store(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "data.csv", ["a", "b"], [[1, 2]])
    before = path.read_bytes()
    with pytest.raises(StoreError, match="not a paypath store"):
        open_store(path)
    assert path.read_bytes() == before


def test_another_programs_duckdb_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE invoices (n INTEGER)")
    con.close()
    with pytest.raises(StoreError, match=r"not a paypath store.*invoices"):
        open_store(path)
    con = duckdb.connect(str(path), read_only=True)
    tables = {t for (t,) in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
    con.close()
    assert tables == {"invoices"}  # left untouched


def test_a_store_missing_columns_is_refused_with_their_names(tmp_path: Path) -> None:
    path = tmp_path / "old.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE postings (id VARCHAR PRIMARY KEY, source VARCHAR)")
    con.close()
    with pytest.raises(StoreError, match=r"postings table lacks the columns .*pay_usd"):
        open_store(path)


def test_a_new_store_is_readable_by_its_owner_only(tmp_path: Path) -> None:
    path = tmp_path / "new.duckdb"
    open_store(path).close()
    assert path.stat().st_mode & 0o777 == 0o600


# ------------------------------------------------------------------ files


@pytest.mark.parametrize(
    ("file", "kind", "message"),
    [
        (LINKEDIN, "glassdoor", "does not look like a 'glassdoor' file.*'Job Title'"),
        (SURVEY_2025, "csv", "does not look like a 'csv' file.*'title'"),
        (FIXTURES / "jobspy.csv", "levels", "does not look like a 'levels' file"),
    ],
)
def test_a_file_of_another_kind_is_refused_before_anything_is_stored(
    store: Store, file: Path, kind: str, message: str
) -> None:
    before = counts(store)
    with pytest.raises(IngestError, match=message):
        ingest_file(store, file, kind)
    assert counts(store) == before


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("", "no rows to ingest"),
        ("title,salary\n", "no rows to ingest"),
        ("title;salary\nEngineer;120000\n", "separated by ';'"),
        ('{"title": "Engineer",\n"salary": 1}\n', "looks like JSON"),
    ],
    ids=["empty", "header-only", "semicolons", "json-as-csv"],
)
def test_empty_and_malformed_files_are_refused(
    store: Store, tmp_path: Path, content: str, message: str
) -> None:
    path = tmp_path / "in.csv"
    path.write_text(content, encoding="utf-8")
    before = counts(store)
    with pytest.raises(IngestError, match=message):
        ingest_file(store, path, "csv")
    assert counts(store) == before


def test_implausible_values_are_quarantined_with_a_reason(store: Store, tmp_path: Path) -> None:
    rows = [
        ["Data Engineer", "$120,000", "2024-01-05"],
        ["Data Engineer II", "1e308", "2024-01-05"],
        ["Data Engineer III", "-5", "2024-01-05"],
        ["Backend Engineer", "NaN", "2024-01-05"],
        ["Frontend Engineer", "$1,000,000,000", "2024-01-05"],
        ["ML Engineer", "120000abc", "2024-01-05"],
        ["Data Scientist", "$130,000", "9999-01-01"],
        ["Data Analyst", "$90,000", "1850-01-01"],
    ]
    path = write_csv(tmp_path / "pay.csv", ["title", "salary", "posted_at"], rows)
    result = ingest_file(store, path, "csv")
    assert result.read == len(rows) == result.stored + result.duplicates + result.quarantined
    assert result.stored == 1
    assert sum(result.reasons.values()) == result.quarantined == 7
    assert result.reasons["implausible date"] == 2
    quarantined = store.con.execute("SELECT reason, raw FROM quarantine").fetchall()
    assert {json.loads(raw)["title"] for _, raw in quarantined} == {r[0] for r in rows[1:]}
    assert store.con.execute("SELECT title FROM postings").fetchall() == [("Data Engineer",)]


def test_negative_years_are_quarantined(store: Store, tmp_path: Path) -> None:
    header = ["company", "level", "title", "totalyearlycompensation", "location"]
    header += ["yearsofexperience", "timestamp"]
    rows = [
        ["Acme", "L4", "Software Engineer", "180000", "Seattle, WA", "3", "6/7/2017"],
        ["Acme", "L5", "Software Engineer", "220000", "Seattle, WA", "-4", "6/7/2017"],
    ]
    result = ingest_file(store, write_csv(tmp_path / "levels.csv", header, rows), "levels")
    assert (result.stored, result.reasons) == (1, {"implausible years of experience": 1})


@pytest.mark.parametrize(
    ("relative", "kind"),
    [
        ("linkedin-postings/postings_sample1000.csv", "linkedin"),
        ("glassdoor-ds/glassdoor_jobs.csv", "glassdoor"),
        ("ds-salaries/ds_salaries_2022.csv", "ds-salaries"),
    ],
)
def test_every_real_row_is_stored_counted_or_quarantined(
    store: Store, relative: str, kind: str
) -> None:
    result = ingest_file(store, DATA / relative, kind)
    assert result.read == result.stored + result.duplicates + result.quarantined
    assert result.read > 0
    row = store.con.execute("SELECT count(*) FROM postings").fetchone()
    assert row is not None and row[0] == result.stored


@pytest.mark.parametrize("workers", [0, -3, 10_000, True])
def test_workers_are_validated(store: Store, workers: int) -> None:
    with pytest.raises(IngestError, match=f"workers must be between 1 and {max_workers()}"):
        ingest_file(store, FIXTURES / "jobspy.csv", "jobspy", workers=workers)


# ------------------------------------------------------------------ staging and kills


def test_stale_staging_folders_are_removed_on_open(tmp_path: Path) -> None:
    dead = _dead_pid()
    stale = tmp_path / f"{STAGING_PREFIX}{dead}-abc"
    live = tmp_path / f"{STAGING_PREFIX}{os.getpid()}-def"
    legacy = tmp_path / f"{STAGING_PREFIX}k3j2h1"  # an older paypath's name
    for folder in (stale, live, legacy):
        folder.mkdir()
        (folder / "postings-00000000.parquet").write_bytes(b"x")
    open_store(tmp_path / "market.duckdb").close()
    assert not stale.exists() and not legacy.exists()
    assert live.exists()


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


_KILLED_INGEST = """
import sys
from pathlib import Path
from paypath.market.ingest import ingest_file
from paypath.market.store import open_store
store = open_store(Path(sys.argv[1]))
ingest_file(store, Path(sys.argv[2]), "csv", workers=2, batch_size=200)
"""


def _children(pid: int) -> set[int]:
    out: set[int] = set()
    for task in Path(f"/proc/{pid}/task").glob("*"):
        text = (task / "children").read_text() if (task / "children").exists() else ""
        out.update(int(p) for p in text.split())
    return out


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="reads /proc (Linux)")
@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM])
def test_a_killed_ingest_leaves_no_process_and_no_staging(tmp_path: Path, sig: int) -> None:
    rows = [[f"Data Engineer {i}", f"${100 + i % 50},000", "x " * 50] for i in range(20_000)]
    big = write_csv(tmp_path / "big.csv", ["title", "salary", "description"], rows)
    db = tmp_path / "store" / "market.duckdb"
    db.parent.mkdir()
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1] / "src")}
    proc = subprocess.Popen([sys.executable, "-c", _KILLED_INGEST, str(db), str(big)], env=env)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:  # until workers stage files
            staging = list(db.parent.glob(f"{STAGING_PREFIX}*/*.parquet"))
            if staging and len(_children(proc.pid)) >= 2:
                break
            time.sleep(0.1)
        else:
            pytest.fail("the ingest never started its workers")
        workers = _children(proc.pid)
        proc.send_signal(sig)
        proc.wait(timeout=30)
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline and any(_running(p) for p in workers):
            time.sleep(0.2)
        assert not [p for p in workers if _running(p)], "orphan worker processes"
    finally:
        if proc.poll() is None:
            proc.kill()
    open_store(db).close()  # the next open cleans up what a SIGKILL left
    assert not list(db.parent.glob(f"{STAGING_PREFIX}*"))


def _running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0]
    except OSError:
        return False
    return state != "Z"


# ------------------------------------------------------------------ market sql


@pytest.mark.parametrize(
    "sql",
    [
        "SELECT * FROM read_csv('/etc/passwd')",
        "SELECT * FROM read_text('/etc/hostname')",
    ],
)
def test_market_sql_cannot_read_files(sql: str) -> None:
    with pytest.raises(StoreError, match="disabled"):
        read_only_query(sql)


@pytest.mark.parametrize(
    ("sql", "message"),
    [
        ("COPY postings TO '/tmp/paypath-should-not-exist.csv'", "not COPY"),
        ("DELETE FROM postings", "not DELETE"),
        ("ATTACH '/tmp/paypath-should-not-exist.duckdb'", "not ATTACH"),
        ("SELECT 1; SELECT 2", "one SQL statement"),
        ("", "empty"),
        ("   ", "empty"),
    ],
)
def test_market_sql_runs_one_query_only(sql: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        read_only_query(sql)
    assert not Path("/tmp/paypath-should-not-exist.csv").exists()


@pytest.mark.parametrize("limit", [0, -1, 10**9])
def test_market_sql_limit_is_validated(limit: int) -> None:
    with pytest.raises(InputError, match="limit must be between 1 and"):
        read_only_query("SELECT 1", limit)


def test_market_sql_reads_a_store_and_leaves_it_unchanged(store: Store, tmp_path: Path) -> None:
    ingest_file(store, FIXTURES / "jobspy.csv", "jobspy")
    store.close()
    path = tmp_path / "market.duckdb"
    result = read_only_query("SELECT count(*) AS n FROM postings", 10, path)
    assert result.records() == [{"n": 4}]
    with pytest.raises(InputError):
        read_only_query("DROP TABLE postings", 10, path)
    assert read_only_query("SELECT count(*) AS n FROM postings", 10, path).records() == [{"n": 4}]


def test_cli_sql_errors_are_clean(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from paypath.cli import app

    runner = CliRunner()
    for args in (["market", "sql", ""], ["market", "sql", "SELECT 1", "--limit", "-1"]):
        result = runner.invoke(app, args)
        assert result.exit_code == 1
        assert "Traceback" not in result.output
        assert result.exception is None or isinstance(result.exception, SystemExit)


# ------------------------------------------------------------------ readers during an ingest


def test_readers_can_query_while_an_ingest_converts(tmp_path: Path) -> None:
    from paypath.market.ingest import ingest_path

    db = tmp_path / "market.duckdb"
    with open_store(db) as first:
        ingest_file(first, FIXTURES / "jobspy.csv", "jobspy")
    seen: list[int] = []

    def query_now(_rows: int) -> None:  # called while batches are staged
        rows = read_only_query("SELECT count(*) AS n FROM postings", 10, db).records()
        seen.append(rows[0]["n"])

    result = ingest_path(db, LINKEDIN, "linkedin", progress=query_now, batch_size=250)
    assert seen and set(seen) == {4}  # the store as it was, readable throughout
    assert result.read == result.stored + result.duplicates + result.quarantined
    assert read_only_query("SELECT count(*) AS n FROM postings", 10, db).records() == [
        {"n": 4 + result.stored}
    ]


def test_ingest_path_refuses_a_non_store_before_any_work(tmp_path: Path) -> None:
    from paypath.market.ingest import ingest_path

    path = write_csv(tmp_path / "data.csv", ["a"], [[1]])
    with pytest.raises(StoreError, match="not a paypath store"):
        ingest_path(path, LINKEDIN, "linkedin")
    assert not list(tmp_path.glob(f"{STAGING_PREFIX}*"))
