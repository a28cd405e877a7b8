"""Fitted premiums are cached on disk once per data version (issue #20, cold start)."""

from __future__ import annotations

import json
from collections import OrderedDict
from pathlib import Path

import pytest

from paypath.market import analytics
from paypath.market.analytics import skill_premiums
from paypath.market.premium_cache import cache_dir, cached, content_key
from paypath.market.store import bundled_store


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("PAYPATH_CACHE_DIR", str(tmp_path))
    return cache_dir()


def test_bundled_premiums_are_fitted_once_then_read_from_disk(
    cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(analytics, "_PREMIUMS", OrderedDict())  # as in a new process
    store = bundled_store()
    first = skill_premiums(store, role="data-engineer", min_n=30)
    files = list(cache.glob("bundled-*.json"))
    assert len(files) == 1
    stored = json.loads(files[0].read_text(encoding="utf-8"))
    assert [r["skill"] for r in stored] == [p.skill for p in first]

    # a new process: nothing in memory, and fitting is not allowed
    analytics._PREMIUMS.clear()

    def refit(*args: object) -> None:
        raise AssertionError("premiums were refitted instead of read from the cache")

    monkeypatch.setattr(analytics, "_compute_premiums", refit)
    again = skill_premiums(bundled_store(), role="data-engineer", min_n=30)
    assert again == first


def test_a_changed_store_or_question_gets_a_new_key(tmp_path: Path) -> None:
    store = bundled_store()
    assert content_key(store, "a") != content_key(store, "b")
    db = tmp_path / "x.duckdb"
    db.write_bytes(b"one")

    class FileStore:
        path = db

    before = content_key(FileStore(), "a")
    db.write_bytes(b"two, longer")
    assert before is not None and content_key(FileStore(), "a") != before

    class MemoryOnly:
        path = None

    assert content_key(MemoryOnly(), "a") is None


def test_the_model_key_covers_the_sql_that_picks_the_rows() -> None:
    """The premium rows and their control columns (org_size...) are chosen by the engines'
    SQL: a change there must change the cache key like a change to the model does."""
    from paypath.market import premium_cache

    here = Path(premium_cache.__file__).parent
    for name in premium_cache._MODEL_FILES:
        assert (here / name).is_file(), name
    assert "engines/_sql.py" in premium_cache._MODEL_FILES


def test_a_corrupt_entry_is_recomputed(cache: Path) -> None:
    store = bundled_store()
    key = content_key(store, "q")
    cache.mkdir(parents=True)
    (cache / f"{key}.json").write_text("{not json", encoding="utf-8")
    assert cached(store, ("q",), lambda: [{"x": 1}]) == [{"x": 1}]
    assert cached(store, ("q",), lambda: [{"x": 2}]) == [{"x": 1}]  # now read back
