"""Ingest: counts, dedup, quarantine, one transaction, column mappings, real files."""

from __future__ import annotations

import json
from collections.abc import Iterator
from itertools import islice
from pathlib import Path
from typing import Any

import duckdb
import pytest

from paypath.errors import IngestError
from paypath.market import ingest, sources
from paypath.market.ingest import ingest_file, ingest_rows, parse_mapping
from paypath.market.records import Record
from paypath.market.sources import SOURCES, Source
from paypath.market.store import Store, open_store

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
FIXTURES = Path(__file__).parent / "fixtures" / "market"


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with open_store(tmp_path / "market.duckdb") as opened:
        yield opened


def count(store: Store, sql: str) -> int:
    row = store.con.execute(sql).fetchone()
    assert row is not None
    return int(row[0])


@pytest.mark.parametrize("name", ["jobspy.csv", "jobspy.json"])
def test_jobspy_fixture_counts(store: Store, name: str) -> None:
    result = ingest_file(store, FIXTURES / name, "jobspy")
    # 6 postings + the first seen again on another site (+ a short row in the CSV);
    # the barista's $5-9/yr and the XYZ currency are quarantined.
    malformed = {"malformed row": 1} if name.endswith(".csv") else {}
    assert result.reasons == {"pay out of range": 1, "unknown currency": 1, **malformed}
    assert (result.stored, result.duplicates) == (4, 1)
    assert result.read == result.stored + result.duplicates + result.quarantined
    assert count(store, "SELECT count(*) FROM postings") == 4
    assert count(store, "SELECT count(*) FROM postings WHERE pay_usd IS NULL") == 1
    assert count(store, "SELECT count(*) FROM quarantine") == result.quarantined
    assert count(store, "SELECT count(DISTINCT posting_id) FROM posting_skills") == 4


def test_reingest_adds_nothing(store: Store) -> None:
    first = ingest_file(store, FIXTURES / "jobspy.csv", "jobspy")
    again = ingest_file(store, FIXTURES / "jobspy.json", "jobspy")  # same postings as JSON
    assert again.stored == 0
    assert again.duplicates == first.stored + first.duplicates
    assert count(store, "SELECT count(*) FROM postings") == first.stored
    assert count(store, "SELECT count(*) FROM ingests") == 2


def test_reingest_of_the_same_file_quarantines_nothing_twice(store: Store) -> None:
    first = ingest_file(store, FIXTURES / "jobspy.csv", "jobspy")
    again = ingest_file(store, FIXTURES / "jobspy.csv", "jobspy")
    assert (again.stored, again.quarantined, again.reasons) == (0, 3, first.reasons)
    assert count(store, "SELECT count(*) FROM quarantine") == first.quarantined == 3
    assert store.counts()["ingests"] == 2


def test_failure_midway_leaves_the_store_as_it_was(store: Store) -> None:
    ingest_file(store, FIXTURES / "jobspy.csv", "jobspy")
    before = store.counts()
    real = SOURCES["glassdoor"]
    seen = 0

    def explode(row: dict[str, Any]) -> Record:
        nonlocal seen
        seen += 1
        if seen == 150:  # after two batches of 50 were written
            raise RuntimeError("disk on fire")
        return real.convert(row)

    broken = Source("glassdoor", real.help, real.read, explode)
    rows = real.read(DATA / "glassdoor-ds" / "glassdoor_jobs.csv")
    with pytest.raises(IngestError, match="rolled back"):
        ingest_rows(store, rows, broken, source_file="glassdoor_jobs.csv", batch_size=50)
    assert store.counts() == before


def test_bad_file_and_kind(store: Store, tmp_path: Path) -> None:
    with pytest.raises(IngestError, match="no such file"):
        ingest_file(store, tmp_path / "nope.csv", "jobspy")
    with pytest.raises(IngestError, match="unknown source 'monster'"):
        ingest_file(store, FIXTURES / "jobspy.csv", "monster")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("title=job_name,salary=pay", {"title": "job_name", "salary": "pay"}, id="two"),
        pytest.param(" title = Job Title ", {"title": "Job Title"}, id="spaces"),
        pytest.param("", {}, id="empty"),
    ],
)
def test_parse_mapping(text: str, expected: dict[str, str]) -> None:
    assert parse_mapping(text) == expected


@pytest.mark.parametrize("text", ["title", "wage=pay", "title="], ids=["no-eq", "field", "col"])
def test_parse_mapping_errors(text: str) -> None:
    with pytest.raises(IngestError):
        parse_mapping(text)


def test_generic_csv_with_mapping(store: Store) -> None:
    mapping = parse_mapping(
        "title=Job Title,salary=Salary Estimate,company=Company Name,location=Location,"
        "description=Job Description"
    )
    result = ingest_file(
        store, DATA / "glassdoor-ds" / "Uncleaned_DS_jobs.csv", "csv", mapping=mapping
    )
    native = SOURCES["glassdoor"]
    rows = list(islice(native.read(DATA / "glassdoor-ds" / "Uncleaned_DS_jobs.csv"), 5))
    stored = store.con.execute(
        "SELECT title, pay_usd, role_id FROM postings WHERE title = ? AND pay_usd = ?",
        [native.convert(rows[0]).title, native.convert(rows[0]).pay_usd],
    ).fetchall()
    assert stored
    assert result.read == 672
    assert result.stored + result.duplicates + result.quarantined == result.read


def test_mapping_names_a_missing_column(store: Store) -> None:
    with pytest.raises(IngestError, match="no column 'job_name'"):
        ingest_file(store, FIXTURES / "jobspy.csv", "csv", mapping={"title": "job_name"})
    assert store.counts()["postings"] == 0


def test_parquet_and_jsonl(store: Store, tmp_path: Path) -> None:
    rows = [
        {"job": "Site Reliability Engineer", "pay": "$140,000 - $185,000", "where": "Denver, CO"},
        {"job": "Blockchain Developer", "pay": "$70/hour", "where": "Remote"},
    ]
    jsonl = tmp_path / "p.jsonl"
    jsonl.write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    parquet = tmp_path / "p.parquet"
    con = duckdb.connect()
    con.execute(f"COPY (SELECT * FROM read_json_auto('{jsonl}')) TO '{parquet}' (FORMAT parquet)")
    mapping = {"title": "job", "salary": "pay", "location": "where"}
    a = ingest_file(store, jsonl, "jsonl", mapping=mapping)
    b = ingest_file(store, parquet, "parquet", mapping=mapping)
    assert (a.stored, b.stored, b.duplicates) == (2, 0, 2)  # same content: duplicates
    got = store.con.execute("SELECT role_id, pay_usd, region FROM postings ORDER BY 1").fetchall()
    assert got == [
        ("blockchain-developer", 70 * 2080.0, None),
        ("site-reliability-engineer", 162_500.0, "CO"),
    ]


REAL = [
    pytest.param("linkedin-postings/postings_sample1000.csv", "linkedin", 1000, id="linkedin"),
    pytest.param("glassdoor-ds/glassdoor_jobs.csv", "glassdoor", 956, id="glassdoor-ds"),
    pytest.param("glassdoor-ds/Uncleaned_DS_jobs.csv", "glassdoor", 672, id="glassdoor-uncleaned"),
    pytest.param("glassdoor-da/DataAnalyst.csv", "glassdoor", 2253, id="glassdoor-da"),
    pytest.param("ds-salaries/ds_salaries_2022.csv", "ds-salaries", 607, id="ds-2022"),
    pytest.param("ds-salaries/ds_salaries_2023.csv", "ds-salaries", 3755, id="ds-2023"),
]


@pytest.mark.parametrize(("name", "kind", "rows"), REAL)
def test_real_file_accounts_for_every_row(store: Store, name: str, kind: str, rows: int) -> None:
    result = ingest_file(store, DATA / name, kind)
    assert result.read == rows
    assert result.read == result.stored + result.duplicates + result.quarantined
    assert store.counts()["postings"] == result.stored
    assert count(store, "SELECT count(*) FROM quarantine") == result.quarantined
    assert sum(result.reasons.values()) == result.quarantined
    assert "malformed row" not in result.reasons
    paid = count(store, "SELECT count(*) FROM postings WHERE pay_usd IS NOT NULL")
    assert paid >= result.stored * 0.3
    assert ingest_file(store, DATA / name, kind).stored == 0


def test_ds_salaries_editions_overlap(store: Store) -> None:
    ingest_file(store, DATA / "ds-salaries/ds_salaries_2022.csv", "ds-salaries")
    later = ingest_file(store, DATA / "ds-salaries/ds_salaries_2023.csv", "ds-salaries")
    # the 2023 edition repeats rows of 2020-2022; they are duplicates, not new rows
    assert later.duplicates > 0


def test_so_survey_head(store: Store) -> None:
    path = DATA / "so-survey-2024/survey_data_updated.csv.bz2"
    source = SOURCES["so-survey"]
    result = ingest_rows(store, islice(source.read(path), 500), source, source_file=str(path))
    assert result.read == 500
    assert result.reasons.get("no compensation", 0) > 0
    assert result.stored + result.quarantined + result.duplicates == 500
    kinds = store.con.execute("SELECT DISTINCT record_kind, comp_kind FROM postings").fetchall()
    assert kinds == [("survey", "total")]
    assert count(store, "SELECT count(*) FROM posting_skills") > result.stored


def test_skills_record_what_a_posting_asks_for(store: Store, tmp_path: Path) -> None:
    description = (
        "About us\nWe run on Kubernetes and Go.\nRequirements\n"
        "3+ years of experience with Java and PostgreSQL.\nBenefits\nMacBook or Linux laptop"
    )
    path = tmp_path / "one.json"
    path.write_text(
        json.dumps(
            [{"title": "Senior Java Developer", "company": "Acme", "description": description}]
        )
    )
    ingest_file(store, path, "jobspy")
    rows = store.con.execute(
        "SELECT skill_id, mentions, asked FROM posting_skills ORDER BY skill_id"
    ).fetchall()
    assert rows == [
        ("go", 1, 0),
        ("java", 1, 1),
        ("kubernetes", 1, 0),
        ("linux", 1, 0),
        ("postgresql", 1, 1),
    ]


def test_survey_answers_are_all_asked_for(store: Store) -> None:
    path = DATA / "so-survey-2024/survey_data_updated.csv.bz2"
    source = SOURCES["so-survey"]
    ingest_rows(store, islice(source.read(path), 200), source, source_file=str(path))
    assert count(store, "SELECT count(*) FROM posting_skills") > 0
    assert count(store, "SELECT count(*) FROM posting_skills WHERE asked <> mentions") == 0


def test_sources_module_exports() -> None:
    assert set(sources.__all__) <= set(dir(sources))


def test_worker_processes_give_the_same_result(tmp_path: Path) -> None:
    name = DATA / "glassdoor-ds" / "Uncleaned_DS_jobs.csv"
    outcomes = []
    for workers in (1, 2):
        with open_store(tmp_path / f"w{workers}.duckdb") as store:
            result = ingest_file(store, name, "glassdoor", batch_size=100, workers=workers)
            ids = store.con.execute("SELECT id, pay_usd FROM postings ORDER BY id").fetchall()
            outcomes.append((result.stored, result.duplicates, result.reasons, ids))
    assert outcomes[0] == outcomes[1]


def test_duplicates_across_batches_and_no_staging_left(store: Store, tmp_path: Path) -> None:
    # batches of one row: the repeat is in a later batch than its first occurrence
    result = ingest_file(store, FIXTURES / "jobspy.csv", "jobspy", batch_size=1)
    assert (result.stored, result.duplicates, result.quarantined) == (4, 1, 3)
    assert count(store, "SELECT count(*) FROM postings") == 4
    assert count(store, "SELECT count(DISTINCT posting_id) FROM posting_skills") == 4
    assert not list(tmp_path.glob(".paypath-ingest-*"))  # the staged batches are gone


def test_failure_in_the_load_rolls_back(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    ingest_file(store, FIXTURES / "jobspy.csv", "jobspy")
    before = store.counts()
    load = ingest._Staging.load

    def load_then_fail(self: ingest._Staging, con: duckdb.DuckDBPyConnection) -> None:
        load(self, con)  # every staged row is in the store, uncommitted
        raise RuntimeError("disk full")

    monkeypatch.setattr(ingest._Staging, "load", load_then_fail)
    with pytest.raises(IngestError, match="rolled back"):
        ingest_file(store, DATA / "glassdoor-ds" / "Uncleaned_DS_jobs.csv", "glassdoor")
    assert store.counts() == before


def pay_facts(store: Store) -> list[tuple[Any, ...]]:
    return store.con.execute("SELECT * FROM pay_facts").fetchall()


def test_ingest_rebuilds_pay_facts_sorted(store: Store) -> None:
    ingest_file(store, FIXTURES / "jobspy.csv", "jobspy")
    ingest_file(store, DATA / "glassdoor-ds" / "Uncleaned_DS_jobs.csv", "glassdoor")
    paid = store.con.execute(
        "SELECT id, role_id, pay_usd FROM postings WHERE pay_usd > 0 ORDER BY role_id, pay_usd"
    ).fetchall()
    facts = store.con.execute("SELECT id, role_id, pay_usd FROM pay_facts").fetchall()
    assert len(facts) == len(paid) > 600
    # stored in (role, pay) order, row for row the paid postings
    assert [(r, p) for _, r, p in facts] == [(r, p) for _, r, p in paid]
    assert sorted(facts) == sorted(paid)


def test_a_failed_ingest_leaves_pay_facts_as_they_were(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    ingest_file(store, FIXTURES / "jobspy.csv", "jobspy")
    before = pay_facts(store)
    refresh = ingest.refresh_pay_facts

    def refresh_then_fail(con: duckdb.DuckDBPyConnection) -> None:
        refresh(con)  # pay_facts already holds the new rows, uncommitted
        raise RuntimeError("disk full")

    monkeypatch.setattr(ingest, "refresh_pay_facts", refresh_then_fail)
    with pytest.raises(IngestError, match="rolled back"):
        ingest_file(store, DATA / "glassdoor-ds" / "Uncleaned_DS_jobs.csv", "glassdoor")
    assert pay_facts(store) == before and len(before) == 3
