"""The Parquet market dataset: layout, manifest commits, dedup, failures, and parity with
the DuckDB store (the Spark side is in test_dataset_spark.py)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pytest
from typer.testing import CliRunner

from market_parity import figures, generated, rows, same_figures, same_rows
from paypath.cli import app
from paypath.errors import IngestError, StoreError
from paypath.market import dataset
from paypath.market.dataset import open_dataset, read_manifest, vacuum
from paypath.market.ingest import ingest_dataset, ingest_path
from paypath.market.records import Record
from paypath.market.sources import SOURCES, Source
from paypath.market.store import open_store

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
FIXTURES = Path(__file__).parent / "fixtures" / "market"
JOBSPY = FIXTURES / "jobspy.csv"


@pytest.fixture(scope="module")
def postings_2k(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generated(2_000, tmp_path_factory.mktemp("gen") / "postings.csv")


def data_files(root: Path) -> set[Path]:
    return {p for table in dataset.TABLES for p in (root / table).rglob("*.parquet")}


def test_layout_manifest_and_counts(tmp_path: Path) -> None:
    out = tmp_path / "ds"
    result = ingest_dataset(out, JOBSPY, "jobspy")
    assert (result.stored, result.duplicates) == (4, 1)
    assert result.read == result.stored + result.duplicates + result.quarantined
    manifest = json.loads((out / "_manifest.json").read_text())
    assert (manifest["format"], manifest["format_version"], manifest["version"]) == (
        "paypath-market-dataset",
        1,
        1,
    )
    (entry,) = manifest["ingests"]
    assert entry["id"] == result.ingest_id and entry["reasons"] == result.reasons
    listed = {out / f for files in entry["files"].values() for f in files}
    assert listed == data_files(out)  # every committed file is listed, and nothing else
    for path in listed:  # hive-style: table/source=…/year=… (quarantine: source only)
        parts = path.relative_to(out).parts
        assert parts[1] == "source=jobspy"
        assert parts[0] == "quarantine" or parts[2].startswith("year=")
    assert not list((out / "_staging").iterdir())
    with open_dataset(out) as store:
        assert rows(store, "SELECT count(*) FROM postings") == [(4,)]
        assert rows(store, "SELECT count(*) FROM quarantine") == [(result.quarantined,)]
        assert rows(store, "SELECT read, stored FROM ingests") == [(result.read, 4)]
        paid = rows(store, "SELECT count(*) FROM postings WHERE pay_usd > 0")
        assert rows(store, "SELECT count(*) FROM pay_facts") == paid


def test_reingest_adds_nothing_and_counts_duplicates(tmp_path: Path) -> None:
    out = tmp_path / "ds"
    first = ingest_dataset(out, JOBSPY, "jobspy")
    files = data_files(out)
    again = ingest_dataset(out, JOBSPY, "jobspy")
    assert (again.stored, again.duplicates) == (0, first.stored + first.duplicates)
    assert data_files(out) == files  # nothing written: no new postings, quarantine known
    as_json = ingest_dataset(out, FIXTURES / "jobspy.json", "jobspy")  # same postings
    assert as_json.stored == 0
    with open_dataset(out) as store:
        assert rows(store, "SELECT count(*) FROM postings") == [(first.stored,)]
        assert rows(store, "SELECT count(*) FROM ingests") == [(3,)]
    assert read_manifest(out).version == 3


def test_dataset_stores_what_the_store_stores(tmp_path: Path, postings_2k: Path) -> None:
    ingest_path(tmp_path / "market.duckdb", postings_2k, "jobspy")
    ingest_dataset(tmp_path / "ds", postings_2k, "jobspy")
    store = open_store(tmp_path / "market.duckdb", read_only=True)
    with store, open_dataset(tmp_path / "ds") as ds:
        same_rows(store, ds)
        same_figures(figures(store), figures(ds))


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        pytest.param("linkedin-postings/postings_sample1000.csv", "linkedin", id="linkedin"),
        pytest.param("glassdoor-ds/glassdoor_jobs.csv", "glassdoor", id="glassdoor"),
    ],
)
def test_real_files_match_the_store(tmp_path: Path, name: str, kind: str) -> None:
    ingest_path(tmp_path / "market.duckdb", DATA / name, kind)
    ingest_dataset(tmp_path / "ds", DATA / name, kind)
    store = open_store(tmp_path / "market.duckdb", read_only=True)
    with store, open_dataset(tmp_path / "ds") as ds:
        same_rows(store, ds)


def failing(after: int) -> Source:
    """jobspy, but the converter fails (a bug, not a bad row) after ``after`` rows."""
    real = SOURCES["jobspy"]
    seen = iter(range(after))

    def convert(row: dict[Any, Any]) -> Record:
        if next(seen, None) is None:
            raise RuntimeError("converter bug")
        return real.convert(row)

    return Source("jobspy", real.help, real.read, convert)


def test_a_failed_ingest_leaves_the_dataset_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "ds"
    ingest_dataset(out, JOBSPY, "jobspy")
    before = (out / "_manifest.json").read_bytes()
    monkeypatch.setattr("paypath.market.ingest._source", lambda kind: failing(2))
    with pytest.raises(IngestError, match="nothing was committed, the dataset is unchanged"):
        ingest_dataset(out, FIXTURES / "jobspy.json", "jobspy")
    assert (out / "_manifest.json").read_bytes() == before


def test_readers_read_only_committed_files(tmp_path: Path) -> None:
    out = tmp_path / "ds"
    ingest_dataset(out, JOBSPY, "jobspy")
    # a job that died after writing its partitions but before its commit
    (committed,) = (out / "postings").rglob("*.parquet")
    stray = committed.with_name("part-deadbeef-00000.parquet")
    stray.write_bytes(committed.read_bytes())
    with open_dataset(out) as store:
        assert rows(store, "SELECT count(*) FROM postings") == [(4,)]
    assert vacuum(out) == [str(stray)]
    assert not stray.exists() and committed.exists()


def test_a_commit_after_another_one_is_refused(tmp_path: Path) -> None:
    out = tmp_path / "ds"
    ingest_dataset(out, JOBSPY, "jobspy")
    entry = dataset.IngestEntry("late", "jobspy", "x.csv", None, "", "", 0, 0, 0, 0)
    with pytest.raises(IngestError, match="another ingest committed"):
        dataset.commit(out, entry, {}, base_version=0)
    (out / "_lock").write_text("someone\n")
    with pytest.raises(IngestError, match="holds"):
        dataset.commit(out, entry, {}, base_version=1)
    assert read_manifest(out).version == 1


def test_damaged_or_missing_datasets_are_named(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no dataset at"):
        open_dataset(tmp_path)
    (tmp_path / "_manifest.json").write_text("{not json")
    with pytest.raises(StoreError, match="damaged"):
        open_dataset(tmp_path)
    with pytest.raises(StoreError, match="--engine spark"):
        open_dataset("s3a://bucket/market")
    with pytest.raises(IngestError, match="--engine spark"):
        ingest_dataset("hdfs://nn/market", JOBSPY, "jobspy")


def test_file_uri_and_sql_views(tmp_path: Path) -> None:
    ingest_dataset(f"file://{tmp_path / 'ds'}", JOBSPY, "jobspy")
    with open_dataset(f"file://{tmp_path / 'ds'}") as store:
        tables = {t for (t,) in rows(store, "SELECT view_name FROM duckdb_views()")}
        assert {"postings", "posting_skills", "quarantine", "ingests", "pay_facts"} <= tables
        assert store.query("SELECT count(*) AS n FROM postings").rows == [(4,)]


@pytest.fixture
def runner() -> Iterator[CliRunner]:
    yield CliRunner()


def test_cli_ingest_out_and_stats_dataset(tmp_path: Path, runner: CliRunner) -> None:
    out = str(tmp_path / "ds")
    done = runner.invoke(
        app, ["market", "ingest", str(JOBSPY), "--source", "jobspy", "--out", out, "--json"]
    )
    assert done.exit_code == 0, done.output
    assert json.loads(done.stdout)["stored"] == 4
    shown = runner.invoke(
        app, ["market", "stats", "--dataset", out, "--min-n", "1", "--country", "all", "--json"]
    )
    assert shown.exit_code == 0, shown.output
    stats = json.loads(shown.stdout)
    assert sum(s["n"] for s in stats) == 3  # the paid postings
    assert all(s["source"].startswith(f"Parquet dataset {out}") for s in stats)
    both = runner.invoke(app, ["market", "stats", "--dataset", out, "--db", out])
    assert both.exit_code == 1 and "not both" in both.output
    spark = runner.invoke(
        app, ["market", "ingest", str(JOBSPY), "-s", "jobspy", "--engine", "spark"]
    )
    assert spark.exit_code == 2 and "--out" in spark.output


def test_a_hadoop_dataset_asks_for_the_spark_engine(runner: CliRunner) -> None:
    """DuckDB has no network file system here: every command taking --dataset says what
    to add (test_dataset_spark.py reads such a path with Spark)."""
    uri = "hdfs://nn:8020/paypath/market"
    for command in (["stats"], ["demand", "--role", "data-scientist"], ["premiums"]):
        done = runner.invoke(app, ["market", *command, "--dataset", uri, "--engine", "duckdb"])
        assert done.exit_code == 1, done.output
        assert uri in done.output and "add --engine spark" in done.output


def test_a_dataset_is_plain_parquet(tmp_path: Path) -> None:
    """Any Parquet reader sees the table with its partition columns from the paths."""
    ingest_dataset(tmp_path / "ds", JOBSPY, "jobspy")
    con = duckdb.connect()
    glob = str(tmp_path / "ds" / "postings" / "**" / "*.parquet")
    got = con.execute(
        f"SELECT source, count(*) FROM read_parquet('{glob}', hive_partitioning = true) GROUP BY 1"
    ).fetchall()
    assert got == [("jobspy", 4)]


def test_a_folder_given_to_the_spark_ingest_skips_unfinished_and_marker_files(
    tmp_path: Path,
) -> None:
    from paypath.market.engines.spark_ingest import input_files

    for name in ("part-01.csv.gz", "part-00.csv.gz", ".writing-02.gz", "_SUCCESS"):
        (tmp_path / name).write_bytes(b"")
    (tmp_path / "sub").mkdir()
    assert input_files([tmp_path]) == [tmp_path / "part-00.csv.gz", tmp_path / "part-01.csv.gz"]
    # named on their own, they are what the user asked for
    assert input_files([tmp_path / "_SUCCESS"]) == [tmp_path / "_SUCCESS"]
