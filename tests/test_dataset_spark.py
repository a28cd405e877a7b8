"""Ingest as a Spark job (local[2]) into the Parquet dataset, and parity with the local
engine and the DuckDB store: same rows, same analytics from both engines. A 100k-row
parity run is bench/spark_scale.py --parity."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from _csv_cases import stray_quote_postings
from market_parity import figures, generated, rows, same_figures, same_rows, top_roles
from paypath.errors import IngestError, StoreError, UnknownSkill
from paypath.market.analytics import pay_stats
from paypath.market.chunks import ChunkMisaligned, csv_chunks, read_chunk
from paypath.market.dataset import open_dataset, read_manifest
from paypath.market.ingest import ingest_dataset, ingest_path
from paypath.market.store import open_store

pytestmark = pytest.mark.spark

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
FIXTURES = Path(__file__).parent / "fixtures" / "market"
JOBSPY = FIXTURES / "jobspy.csv"


@pytest.fixture(scope="module")
def generated_set(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generated(2_500, tmp_path_factory.mktemp("gen") / "postings.csv", seed=11)


PIECE = 2**20  # the generated set (~10 MB) in about ten tasks, each reading its byte range


@pytest.fixture(scope="module")
def spark_out(
    spark_session: Any, generated_set: Path, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, Any]:
    """The generated set ingested by Spark in byte ranges of about ``PIECE`` bytes (the
    job shared by the parity tests: row numbers, dedup and skills across tasks)."""
    from paypath.market.engines.spark_ingest import spark_ingest

    out = tmp_path_factory.mktemp("spark") / "ds"
    return out, spark_ingest(spark_session, [generated_set], "jobspy", str(out), piece_bytes=PIECE)


def test_spark_stores_what_the_store_stores(
    spark_out: tuple[Path, Any], generated_set: Path, tmp_path: Path
) -> None:
    """Spark against the DuckDB store (test_dataset.py checks the local engine's dataset
    against the store on a generated set too)."""
    out, result = spark_out
    assert len(list(csv_chunks(generated_set, PIECE))) >= 5  # the job had that many tasks
    local = ingest_path(tmp_path / "market.duckdb", generated_set, "jobspy")
    assert local.quarantined and local.duplicates  # row numbers and dedup are compared
    counts = ("read", "stored", "duplicates", "quarantined", "reasons")
    assert {c: getattr(result, c) for c in counts} == {c: getattr(local, c) for c in counts}
    assert result.read == result.stored + result.duplicates + result.quarantined
    store = open_store(tmp_path / "market.duckdb", read_only=True)
    with store, open_dataset(out) as sparked:
        same_rows(store, sparked)
        same_figures(figures(store), figures(sparked))
    assert read_manifest(out).ingests[0].engine == "spark"


@pytest.fixture(scope="module")
def duck_figures(spark_out: tuple[Path, Any]) -> tuple[list[str], dict[str, Any]]:
    """The Spark-written dataset's roles and figures, read locally by DuckDB."""
    with open_dataset(spark_out[0]) as ds:
        roles = top_roles(ds)
        duck = figures(ds, roles=roles)
    assert duck["stats"] and duck["demand"] and duck["premiums"]
    return roles, duck


def test_both_engines_give_the_same_figures_on_a_spark_dataset(
    spark_out: tuple[Path, Any], spark_session: Any, duck_figures: tuple[list[str], Any]
) -> None:
    from paypath.market.engines.spark_engine import SparkEngine

    engine = SparkEngine(session=spark_session)
    roles, duck = duck_figures
    with open_dataset(spark_out[0]) as ds:
        same_figures(duck, figures(ds, engine, roles))


def test_spark_reads_a_dataset_on_a_hadoop_path_in_place(
    spark_out: tuple[Path, Any], spark_session: Any, duck_figures: tuple[list[str], Any]
) -> None:
    """A ``file://`` URI under the Spark engine goes the hdfs:// / s3a:// way: manifest and
    files through Hadoop's FileSystem, lookups as Spark SQL, no DuckDB and no local copy;
    the figures are those DuckDB gives reading the same files locally."""
    from paypath.market.engines.spark_dataset import open_spark_dataset
    from paypath.market.engines.spark_engine import SparkEngine

    out, _ = spark_out
    uri = out.as_uri()
    engine = SparkEngine(session=spark_session)
    roles, duck = duck_figures
    with open_spark_dataset(uri + "/", session=spark_session) as remote:
        assert remote.manifest == read_manifest(out)
        files = remote.files("postings")
        assert files and all(f.startswith(f"{uri}/postings/source=") for f in files)
        same_figures(duck, figures(remote, engine, roles))
        assert engine._tmp is None  # nothing was exported to local disk
        (stat, *_) = pay_stats(remote, by=["role"], engine=engine)
        with open_dataset(out) as local:
            (local_stat, *_) = pay_stats(local, by=["role"])
        assert stat.source == local_stat.source.replace(str(out), uri)
        assert stat.source.startswith(f"Parquet dataset {uri} (manifest version 1): ")
        with pytest.raises(UnknownSkill):  # the stored-skill lookup runs on Spark
            pay_stats(remote, where={"skill": "no-such-skill"}, engine=engine)
        with pytest.raises(StoreError, match="--engine spark"):
            pay_stats(remote, by=["role"])  # DuckDB cannot read it


def test_engines_sharing_a_session_never_read_each_others_views(
    spark_out: tuple[Path, Any], spark_session: Any, tmp_path: Path
) -> None:
    """Temporary views belong to the session: an engine whose store's views another
    engine (or a store's lookup) replaced registers them again."""
    from paypath.market.engines.spark_dataset import open_spark_dataset
    from paypath.market.engines.spark_engine import SparkEngine

    ingest_dataset(tmp_path / "small", JOBSPY, "jobspy")
    first, second = SparkEngine(session=spark_session), SparkEngine(session=spark_session)
    with (
        open_spark_dataset(spark_out[0].as_uri(), session=spark_session) as big,
        open_dataset(tmp_path / "small") as small,
    ):
        (whole,) = pay_stats(big, by=[], where={"country": "US"}, min_n=1, engine=first)
        (few,) = pay_stats(small, by=[], where={"country": "US"}, min_n=1, engine=second)
        assert few.n < whole.n
        (again,) = pay_stats(big, by=[], where={"country": "US"}, min_n=1, engine=first)
        assert again == whole


def test_the_analytics_commands_read_a_hadoop_path_with_spark(
    spark_out: tuple[Path, Any], spark_session: Any, duck_figures: tuple[list[str], Any]
) -> None:
    """`market stats|demand|premiums --dataset file://… --engine spark` (the hdfs:// and
    s3a:// way) print what the default engine prints reading the folder."""
    from typer.testing import CliRunner

    from paypath.cli import app

    out, uri, runner = spark_out[0], spark_out[0].as_uri(), CliRunner()
    spark = ("--engine", "spark", "--master", "local[2]", "--json")
    commands = (
        ["stats", "--by", "role,seniority", "--min-n", "3"],
        ["demand", "--role", duck_figures[0][0]],
        ["premiums", "--min-n", "20"],
    )
    try:
        for command in commands:
            local = runner.invoke(app, ["market", *command, "--dataset", str(out), "--json"])
            remote = runner.invoke(app, ["market", *command, "--dataset", uri, *spark])
            assert local.exit_code == 0, local.output
            assert remote.exit_code == 0, remote.output
            expected = json.loads(local.stdout)
            assert expected, command  # an empty answer would prove nothing
            for row in expected:
                row["source"] = row["source"].replace(str(out), uri)
            same_figures({"rows": expected}, {"rows": json.loads(remote.stdout)})
    finally:  # the CLI's session builder re-applied paypath's default to the shared session
        spark_session.conf.set("spark.sql.shuffle.partitions", "2")


def test_a_hadoop_path_that_cannot_be_read_is_named(spark_session: Any, tmp_path: Path) -> None:
    from paypath.market.engines.spark_dataset import open_spark_dataset

    with pytest.raises(StoreError, match=r"no dataset at .*--engine spark --out"):
        open_spark_dataset(tmp_path.as_uri(), session=spark_session)
    with pytest.raises(StoreError, match=r'No FileSystem for scheme "nosuch".*connector'):
        open_spark_dataset("nosuch://host/market", session=spark_session)


def test_reingest_by_spark_adds_nothing(spark_session: Any, tmp_path: Path) -> None:
    from paypath.market.engines.spark_ingest import spark_ingest

    out = str(tmp_path / "ds")
    ingest_dataset(out, JOBSPY, "jobspy")  # the local engine first: one format for both
    again = spark_ingest(spark_session, [JOBSPY], "jobspy", f"file://{out}")
    assert (again.stored, again.duplicates) == (0, 5)
    with open_dataset(out) as ds:
        assert rows(ds, "SELECT count(*) FROM postings") == [(4,)]
        assert rows(ds, "SELECT count(*) FROM quarantine") == [(again.quarantined,)]
    assert read_manifest(out).version == 2


def test_real_file_and_a_glob_of_files(spark_session: Any, tmp_path: Path) -> None:
    """The LinkedIn sample, and a folder glob of two files as one ingest."""
    from paypath.market.engines.spark_ingest import spark_ingest

    real = DATA / "linkedin-postings" / "postings_sample1000.csv"
    result = spark_ingest(spark_session, [real], "linkedin", str(tmp_path / "spark"))
    ingest_path(tmp_path / "market.duckdb", real, "linkedin")
    store = open_store(tmp_path / "market.duckdb", read_only=True)
    with store, open_dataset(tmp_path / "spark") as ds:
        same_rows(store, ds)
    assert result.read == 1000
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("jobspy.csv", "jobspy.json"):  # the JSON repeats the CSV's postings
        (folder / name).write_bytes((FIXTURES / name).read_bytes())
    both = spark_ingest(spark_session, [f"{folder}/jobspy.*"], "jobspy", str(tmp_path / "g"))
    assert both.stored == 4 and both.duplicates == 6
    assert both.file == f"{folder / 'jobspy.csv'}, {folder / 'jobspy.json'}"


def test_gzip_parts_store_what_the_whole_file_stores(
    spark_session: Any, generated_set: Path, tmp_path: Path
) -> None:
    """The generated set split into two gzip files (one task each, not splittable): the
    postings a repeat in the second file has in the first are duplicates, as in the
    whole file; the same rows, skills and pay as the local engine on the whole file."""
    from paypath.market.engines.spark_ingest import spark_ingest

    chunks = list(csv_chunks(generated_set, 2**20))
    body = generated_set.read_bytes()
    header, start = body[: chunks[0].header[1]], chunks[0].start
    cut = chunks[len(chunks) // 2].start  # a record's end, in the middle of the file
    folder = tmp_path / "parts"
    folder.mkdir()
    for name, part in (("a.csv.gz", body[start:cut]), ("b.csv.gz", body[cut:])):
        (folder / name).write_bytes(gzip.compress(header + part))
    sparked = spark_ingest(spark_session, [folder], "jobspy", str(tmp_path / "spark"))
    local = ingest_dataset(tmp_path / "local", generated_set, "jobspy")
    counts = ("read", "stored", "duplicates", "quarantined", "reasons")
    assert {c: getattr(sparked, c) for c in counts} == {c: getattr(local, c) for c in counts}
    postings = "SELECT * EXCLUDE (ingest_id, source_file) FROM postings ORDER BY id"
    skills = "SELECT posting_id, skill_id, mentions, asked FROM posting_skills ORDER BY ALL"
    with open_dataset(tmp_path / "spark") as a, open_dataset(tmp_path / "local") as b:
        assert rows(a, postings) == rows(b, postings)
        assert rows(a, skills) == rows(b, skills)
        files = rows(a, "SELECT DISTINCT source_file FROM postings ORDER BY 1")
        assert files == [(str(folder / "a.csv.gz"),), (str(folder / "b.csv.gz"),)]


def test_a_cut_inside_a_record_reads_that_file_whole(spark_session: Any, tmp_path: Path) -> None:
    """A stray quote (5" in an unquoted field) makes the cut fall inside a record: the
    task says so and the job reads that file whole, as the local engine does."""
    from paypath.market.engines.spark_ingest import spark_ingest

    path = stray_quote_postings(tmp_path / "stray.csv")
    with pytest.raises(ChunkMisaligned):  # the cut does fall inside a record
        for chunk in csv_chunks(path, 100):
            list(read_chunk(chunk))
    result = spark_ingest(spark_session, [path], "csv", str(tmp_path / "ds"), piece_bytes=100)
    local = ingest_dataset(tmp_path / "local", path, "csv")
    assert (result.read, result.stored, result.quarantined) == (31, 31, 0)
    with open_dataset(tmp_path / "ds") as a, open_dataset(tmp_path / "local") as b:
        same_rows(a, b)
    assert local.stored == 31


def test_a_failed_job_commits_nothing(spark_session: Any, tmp_path: Path) -> None:
    from paypath.market.engines.spark_ingest import spark_ingest

    out = tmp_path / "ds"
    ingest_dataset(out, JOBSPY, "jobspy")
    before = (out / "_manifest.json").read_bytes()
    wrong = DATA / "ds-salaries" / "ds_salaries_2022.csv"  # not a LinkedIn export
    with pytest.raises(IngestError, match="does not look like a 'linkedin' file"):
        spark_ingest(spark_session, [JOBSPY, wrong], "linkedin", str(out))
    assert (out / "_manifest.json").read_bytes() == before
    assert not list((out / "_staging").iterdir())
    with pytest.raises(IngestError, match="no such file"):
        spark_ingest(spark_session, [tmp_path / "missing.csv"], "jobspy", str(out))


@pytest.mark.slow
def test_the_cli_spark_job_is_quiet(tmp_path: Path) -> None:
    """A fresh `paypath market ingest --engine spark` prints its table and nothing of
    Spark's (no JVM warning, no log4j banner)."""
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[1] / "src")}
    command = [
        sys.executable, "-c", "from paypath.cli import main; main()", "market", "ingest",
        str(JOBSPY), "-s", "jobspy", "--engine", "spark", "--master", "local[1]",
        "--out", str(tmp_path / "ds"), "--json",
    ]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=300)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["stored"] == 4
    assert done.stderr == ""


def test_the_hadoop_file_system_commits_like_the_local_one(
    spark_session: Any, tmp_path: Path
) -> None:
    """The commit protocol through Hadoop's FileSystem API (file:// here; hdfs://, s3a://
    on a cluster): read the manifest, move staged files, replace the manifest."""
    from paypath.market import dataset
    from paypath.market.engines.spark_ingest import HadoopFileSystem

    fs = HadoopFileSystem(spark_session)
    out = tmp_path / "ds"
    ingest_dataset(out, JOBSPY, "jobspy")
    uri = f"file://{out}"
    assert dataset.read_manifest(uri, fs) == read_manifest(out)
    assert fs.create_exclusive(f"{uri}/_probe", "x") and not fs.create_exclusive(
        f"{uri}/_probe", "y"
    )
    assert fs.read_text(f"{uri}/_probe") == "x"
    fs.delete(f"{uri}/_probe")
    assert not fs.exists(f"{uri}/_probe")
    (committed,) = (out / "postings").rglob("*.parquet")
    staged = out / "_staging" / "late" / "postings" / "source=jobspy" / "year=2031" / "a.parquet"
    staged.parent.mkdir(parents=True)
    staged.write_bytes(committed.read_bytes())
    listed = fs.list_files(f"{uri}/_staging/late/postings")
    assert [Path(p.removeprefix("file:")).name for p in listed] == ["a.parquet"]
    entry = dataset.IngestEntry("late", "jobspy", "x.csv", None, "", "", 0, 0, 0, 0)
    manifest = dataset.commit(uri, entry, {"postings": listed}, base_version=1, fs=fs)
    assert manifest.version == 2
    assert entry.files == {"postings": ["postings/source=jobspy/year=2031/part-late-00000.parquet"]}
    assert read_manifest(out) == manifest
    assert (out / entry.files["postings"][0]).is_file() and not staged.exists()
