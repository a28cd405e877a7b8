"""Fitted premiums are cached on disk once per data version (issue #20, cold start)."""

from __future__ import annotations

import datetime
import json
import stat
from collections import OrderedDict
from pathlib import Path
from typing import Any

import pytest
import yaml

from paypath.errors import InputError
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
    fitted = {r["skill"] for r in stored[1:]}  # after the sample's header: one fit per skill
    assert {p.skill for p in first} <= fitted

    # a new process: nothing in memory, and fitting is not allowed
    analytics._PREMIUMS.clear()

    def refit(*args: object) -> None:
        raise AssertionError("premiums were refitted instead of read from the cache")

    monkeypatch.setattr(analytics, "_premium_fits", refit)
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


def test_a_new_min_n_filters_the_cached_fits_without_refitting(
    cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(analytics, "_PREMIUMS", OrderedDict())
    fitted: list[object] = []
    fit = analytics._premium_fits

    def counting(*args: Any) -> Any:
        fitted.append(args)
        return fit(*args)

    monkeypatch.setattr(analytics, "_premium_fits", counting)
    store = bundled_store()
    by_min_n = {m: skill_premiums(store, role="data-engineer", min_n=m) for m in (2, 30, 31, 60)}
    assert len(fitted) == 1  # one fit answers every min_n
    for m, premiums in by_min_n.items():
        assert premiums, m
        assert all(p.n >= m and p.n_without >= m for p in premiums), m
    # a larger min_n keeps a subset of the skills, each with the same raw regression
    raw = {p.skill: p.beta for p in by_min_n[2]}
    for m in (30, 31, 60):
        assert all(raw[p.skill] == p.beta for p in by_min_n[m])
    assert len(by_min_n[60]) < len(by_min_n[2])
    with pytest.raises(InputError, match="at least 2"):
        skill_premiums(store, min_n=1)


def test_parsed_yaml_is_cached_as_json_owner_only(
    cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from paypath import resources

    monkeypatch.setattr(resources, "load_yaml", resources.load_yaml.__wrapped__)
    parsed = yaml.load(resources.data_path("roles.yaml").read_bytes(), Loader=yaml.SafeLoader)
    assert resources.load_yaml("roles.yaml") == parsed  # parsed, and kept
    (entry,) = (cache.parent / "data").glob("roles-*.json")
    assert json.loads(entry.read_text(encoding="utf-8")) == parsed
    assert stat.S_IMODE(entry.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(entry.stat().st_mode) == 0o600

    def no_yaml(*args: object, **kwargs: object) -> None:
        raise AssertionError("parsed the YAML again instead of reading the JSON")

    real_load = resources.yaml.load
    monkeypatch.setattr(resources.yaml, "load", no_yaml)
    assert resources.load_yaml("roles.yaml") == parsed  # read back from the JSON
    entry.write_text("{broken", encoding="utf-8")
    monkeypatch.setattr(resources.yaml, "load", real_load)
    assert resources.load_yaml("roles.yaml") == parsed  # a corrupt entry is parsed again
    assert json.loads(entry.read_text(encoding="utf-8")) == parsed  # and kept again


def test_values_json_cannot_hold_are_not_cached(cache: Path) -> None:
    from paypath import resources

    entry = cache.parent / "data" / "x.json"
    resources._keep(entry, {1: "integer key"})
    resources._keep(entry, {"when": datetime.date(2026, 1, 1)})
    assert not entry.exists()
