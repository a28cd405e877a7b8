"""Readers query during an ingest's load (issue #20): ``ingest_path`` loads into a copy
of the store and swaps it in whole, so another process's ``paypath market stats`` answers
from the last committed state while the load runs; the swap's reported outcome is the
true one under an interrupt at every step; side files (write-ahead log, staging, lock,
premium cache) are owner-only."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from paypath.market import ingest as ingest_module
from paypath.market import store_copy as store_copy_module
from paypath.market.ingest import STAGING_PREFIX, ingest_file, ingest_path
from paypath.market.premium_cache import cache_dir, cached
from paypath.market.store import open_store, read_only_query
from paypath.market.store_copy import lock_path

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
FIXTURES = Path(__file__).parent / "fixtures" / "market"
LINKEDIN = DATA / "linkedin-postings" / "postings_sample1000.csv"


def _postings(db: Path) -> int:
    return int(read_only_query("SELECT count(*) AS n FROM postings", 10, db).records()[0]["n"])


def _seeded(tmp_path: Path) -> Path:
    db = tmp_path / "market.duckdb"
    with open_store(db) as first:
        ingest_file(first, FIXTURES / "jobspy.csv", "jobspy")
    return db


def _during_load(monkeypatch: pytest.MonkeyPatch, hook: Callable[[], None]) -> None:
    """Run ``hook`` inside the load transaction, once the staged rows are inserted."""
    load = ingest_module._Staging.load

    def load_then_hook(self: Any, con: Any) -> None:
        load(self, con)
        hook()

    monkeypatch.setattr(ingest_module._Staging, "load", load_then_hook)


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    code = "from paypath.cli import main; main()"
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1] / "src")}
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        check=False,
    )


def test_market_stats_in_another_process_answers_during_the_load(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = _seeded(tmp_path)
    answers: list[subprocess.CompletedProcess[str]] = []
    counts: list[int] = []

    def ask() -> None:
        answers.append(_cli("market", "stats", "--db", str(db), "--min-n", "1", "--json"))
        counts.append(_postings(db))

    _during_load(monkeypatch, ask)
    result = ingest_path(db, LINKEDIN, "linkedin")
    assert answers and answers[0].returncode == 0, answers[0].stderr
    rows = json.loads(answers[0].stdout)
    assert sum(r["n"] for r in rows) <= 4  # the 4 committed jobspy rows, not the load's
    assert counts == [4]
    assert result.stored > 0
    assert _postings(db) == 4 + result.stored
    assert not list(tmp_path.glob(f"{STAGING_PREFIX}*"))


def _interrupt(monkeypatch: pytest.MonkeyPatch, module: Any, name: str, after: bool) -> list[int]:
    """Make ``module.name`` raise KeyboardInterrupt before it runs or after it took effect."""
    real = getattr(module, name)
    calls: list[int] = []

    def interrupted(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        if not after:
            raise KeyboardInterrupt
        real(*args, **kwargs)
        raise KeyboardInterrupt

    monkeypatch.setattr(module, name, interrupted)
    return calls


@pytest.mark.parametrize(
    ("module", "name"),
    [
        pytest.param(store_copy_module.shutil, "copyfile", id="copy"),
        pytest.param(store_copy_module.os, "replace", id="rename"),
        pytest.param(store_copy_module.shutil, "rmtree", id="cleanup"),
    ],
)
@pytest.mark.parametrize("after", [False, True], ids=["before", "after"])
def test_an_interrupt_at_every_swap_step_reports_what_the_store_holds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, module: Any, name: str, after: bool
) -> None:
    db = _seeded(tmp_path)
    with monkeypatch.context() as patch:
        calls = _interrupt(patch, module, name, after)
        try:
            outcome: Any = ingest_path(db, LINKEDIN, "linkedin")
        except KeyboardInterrupt as exc:
            outcome = exc
    assert calls
    if isinstance(outcome, BaseException):
        assert _postings(db) == 4  # reported as not done: the store is as it was
    else:
        assert _postings(db) == 4 + outcome.stored  # reported as done: it is all there
    renamed = (name == "replace" and after) or name == "rmtree"
    assert isinstance(outcome, BaseException) is not renamed
    assert not (db.parent / f"{db.name}.wal").exists()


def test_a_failed_load_leaves_the_store_and_no_staging(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = _seeded(tmp_path)

    def fail() -> None:
        raise RuntimeError("disk full")

    _during_load(monkeypatch, fail)
    with pytest.raises(Exception, match="rolled back"):
        ingest_path(db, LINKEDIN, "linkedin")
    assert _postings(db) == 4
    assert not list(tmp_path.glob(f"{STAGING_PREFIX}*"))


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_side_files_are_owner_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = _seeded(tmp_path)
    seen: dict[str, int] = {}

    def look() -> None:  # inside the load: staged batches, the staged copy, their folders
        for folder in tmp_path.glob(f"{STAGING_PREFIX}*"):
            seen[f"folder {folder.name}"] = _mode(folder)
            for file in folder.rglob("*"):
                seen[str(file.relative_to(tmp_path))] = _mode(file)

    _during_load(monkeypatch, look)
    ingest_path(db, LINKEDIN, "linkedin")
    folders = [mode for name, mode in seen.items() if name.startswith("folder ")]
    assert len(folders) == 2 and set(folders) == {0o700}  # batches, and the store's copy
    assert [mode for name, mode in seen.items() if name.endswith(f"/{db.name}")] == [0o600]
    assert all(mode & 0o077 == 0 for mode in seen.values()), seen
    assert _mode(db) == 0o600
    assert _mode(lock_path(db)) == 0o600


def test_a_write_ahead_log_is_owner_only(tmp_path: Path) -> None:
    old = os.umask(0o022)  # the usual umask, under which DuckDB makes 0644 files
    try:
        with open_store(tmp_path / "market.duckdb") as store:
            wal = tmp_path / "market.duckdb.wal"
            with store.transaction() as con:
                ingest_module.refresh_pay_facts(con)
            assert wal.exists()  # committed, not yet checkpointed
            assert _mode(wal) == 0o600
        assert os.umask(0o022) == 0o022  # restored once the writes are done
    finally:
        os.umask(old)


def test_the_premium_cache_folder_is_owner_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PAYPATH_CACHE_DIR", str(tmp_path / "cache"))
    db = _seeded(tmp_path)
    with open_store(db, read_only=True) as store:
        assert cached(store, ("probe",), lambda: [{"a": 1}]) == [{"a": 1}]
    folder = cache_dir()
    assert folder.is_dir() and _mode(folder) == 0o700
    assert [_mode(f) for f in folder.iterdir()] == [0o600]
