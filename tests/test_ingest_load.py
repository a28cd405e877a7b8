"""The load runs batch by batch while rows are converted, inside the ingest's one
transaction: each staged batch goes into the store (and its files away) as it comes, a
failure after some batches are in leaves the store as it was, and a store written in
bulk (the ingest's copy) holds the same rows in smaller row groups."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb
import pytest

from paypath.errors import IngestError
from paypath.market import chunks, ingest
from paypath.market.ingest import ingest_path
from paypath.market.store import BULK_ROW_GROUP_ROWS, open_store, refresh_pay_facts
from test_ingest_workers_dedup import _stored, _write


def _two_workers(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(chunks, "CHUNK_BYTES", 4096)  # many chunks, so many batches
    monkeypatch.setattr(ingest, "BATCH_SIZE", 9)


def _counts(db: Path) -> dict[str, int]:
    with duckdb.connect(str(db), read_only=True) as con:
        return {
            table: int(con.execute(f"SELECT count(*) FROM {table}").fetchone()[0])  # type: ignore[index]
            for table in ("postings", "posting_skills", "quarantine", "ingests")
        }


def test_each_batch_is_loaded_as_it_comes_and_its_files_removed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = _write(tmp_path / "postings.csv")
    _two_workers(monkeypatch)
    loads: list[int] = []
    left: list[list[str]] = []
    load_part, load = ingest._Staging._load_part, ingest._Staging.load

    def counted(self: ingest._Staging, con: Any, numbers: list[int]) -> None:
        load_part(self, con, numbers)
        loads.append(self.result.read)  # rows counted when this batch went in

    def at_the_end(self: ingest._Staging, con: Any) -> None:
        left.extend(p.name for p in self.dir.iterdir())
        load(self, con)

    monkeypatch.setattr(ingest._Staging, "_load_part", counted)
    monkeypatch.setattr(ingest._Staging, "load", at_the_end)
    result = ingest_path(tmp_path / "two.duckdb", source, "jobspy", workers=2)
    assert len(loads) > 10 and loads == sorted(loads) and loads[-1] <= result.read
    assert loads[0] < result.read / 4  # the first batch went in long before the last one
    # only the quarantined rows wait for the end; every loaded batch's files are gone
    assert left and all(name.startswith("quarantine-") for name in left)
    assert _counts(tmp_path / "two.duckdb")["postings"] == result.stored


def test_a_failure_after_some_batches_are_loaded_leaves_the_store_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = _write(tmp_path / "postings.csv")
    db = tmp_path / "market.duckdb"
    ingest_path(db, _write(tmp_path / "first.csv", rows=40, seed=9), "jobspy", workers=1)
    before = _counts(db)
    _two_workers(monkeypatch)
    load_part = ingest._Staging._load_part
    calls = 0

    def fail_on_the_fifth(self: ingest._Staging, con: Any, numbers: list[int]) -> None:
        nonlocal calls
        calls += 1
        if calls == 5:  # four batches are in the store, uncommitted
            raise RuntimeError("disk full")
        load_part(self, con, numbers)

    monkeypatch.setattr(ingest._Staging, "_load_part", fail_on_the_fifth)
    with pytest.raises(IngestError, match="store is unchanged"):
        ingest_path(db, source, "jobspy", workers=2)
    assert _counts(db) == before
    assert not list(tmp_path.glob(".paypath-ingest-*"))  # staging and the copy are gone


@pytest.mark.parametrize("workers", [1, 2])
def test_rows_the_store_holds_are_duplicates(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, workers: int
) -> None:
    source = _write(tmp_path / "postings.csv")
    _two_workers(monkeypatch)
    db = tmp_path / "market.duckdb"
    first = ingest_path(db, source, "jobspy", workers=workers)
    stored = _stored(db)
    again = ingest_path(db, source, "jobspy", workers=workers)
    assert (again.stored, again.duplicates) == (0, first.stored + first.duplicates)
    assert _stored(db) == stored


def test_a_bulk_store_holds_the_same_rows_in_smaller_row_groups(tmp_path: Path) -> None:
    rows = 3 * BULK_ROW_GROUP_ROWS + 5
    insert = (
        "INSERT INTO postings (id, source, title, pay_usd) "
        "SELECT 'id-' || i, 'test', 'Engineer ' || (i % 7), i FROM range(?) AS t(i)"
    )
    for name, bulk in (("bulk.duckdb", True), ("plain.duckdb", False)):
        with open_store(tmp_path / name, bulk=bulk) as store:
            store.con.execute("BEGIN TRANSACTION")
            store.con.execute(insert, [rows])
            refresh_pay_facts(store.con)
            store.con.execute("COMMIT")
    query = "SELECT id, source, title, pay_usd FROM postings ORDER BY id"
    groups = (
        "SELECT count(DISTINCT row_group_id) FROM pragma_storage_info('postings') "
        "WHERE column_name = 'id'"
    )
    with (
        open_store(tmp_path / "bulk.duckdb", read_only=True) as bulk_store,
        open_store(tmp_path / "plain.duckdb", read_only=True) as plain_store,
    ):
        assert bulk_store.con.execute(query).fetchall() == plain_store.con.execute(query).fetchall()
        assert bulk_store.con.execute(groups).fetchone() == (4,)  # 3 full groups + 5 rows
        assert plain_store.con.execute(groups).fetchone() == (1,)  # DuckDB's 122,880 rows
