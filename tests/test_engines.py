"""Both engines on the same real data give the same answers (DuckDB vs Spark)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from typing import Any

import pytest

from analytics_fixtures import MemoryStore, survey_store
from paypath.errors import EngineUnavailable, InputError
from paypath.market.analytics import pay_stats, skill_demand, skill_premiums
from paypath.market.engines import ENGINES, get_engine
from paypath.market.engines.duckdb_engine import DuckDBEngine
from paypath.market.store import refresh_pay_facts


@pytest.fixture(scope="module")
def store() -> Iterator[MemoryStore]:
    s = survey_store()
    yield s
    s.con.close()


@pytest.fixture(scope="module")
def spark(spark_session: Any) -> Iterator[Any]:
    """The Spark engine on the run's local Spark session."""
    from paypath.market.engines.spark_engine import SparkEngine

    engine = SparkEngine(session=spark_session)
    yield engine
    engine.close()


def _by_group(rows: list[Any]) -> dict[tuple[tuple[str, str | None], ...], Any]:
    return {tuple(sorted(r.group.items())): r for r in rows}


STATS_CASES = [
    pytest.param(["role"], None, id="role"),
    pytest.param(["role", "country"], None, id="role-country"),
    pytest.param(["skill"], {"country": "US"}, id="skill-us"),
    pytest.param(["country", "seniority"], {"role": "software-engineer"}, id="swe-country"),
    pytest.param([], {"skill": "kubernetes"}, id="kubernetes"),
]


@pytest.mark.spark
@pytest.mark.parametrize(("by", "where"), STATS_CASES)
def test_stats_agree(
    store: MemoryStore, spark: Any, by: list[str], where: dict[str, str] | None
) -> None:
    duck = _by_group(pay_stats(store, by=by, where=where, min_n=5))
    sparked = _by_group(pay_stats(store, by=by, where=where, min_n=5, engine=spark))
    assert duck.keys() == sparked.keys() and duck
    for key, d in duck.items():
        s = sparked[key]
        assert (s.n, s.suppressed, s.source) == (d.n, d.suppressed, d.source)
        figures = [getattr(d, f) for f in ("p10", "p25", "median", "p75", "p90")]
        if d.suppressed:
            assert figures == [None] * 5 == [s.p10, s.p25, s.median, s.p75, s.p90]
        else:
            assert [s.p10, s.p25, s.median, s.p75, s.p90] == pytest.approx(figures, rel=1e-9)


@pytest.mark.spark
@pytest.mark.parametrize("role", ["data-scientist", "devops-engineer", "software-engineer"])
def test_demand_agrees(store: MemoryStore, spark: Any, role: str) -> None:
    assert skill_demand(store, role, top=100, engine=spark) == skill_demand(store, role, top=100)


def asked_store(role: str | None = None) -> MemoryStore:
    """The survey store with every third skill row (of ``role``'s rows, if given) named only
    outside the requirements."""
    s = survey_store()
    of_role = (
        ""
        if role is None
        else f" WHERE posting_id IN (SELECT id FROM postings WHERE role_id = '{role}')"
    )
    s.con.execute(
        "UPDATE posting_skills SET asked = CASE WHEN hash(posting_id, skill_id) % 3 = 0 "
        f"THEN 0 ELSE mentions END{of_role}"
    )
    return s


@pytest.mark.spark
def test_demand_agrees_on_what_postings_ask_for(spark: Any) -> None:
    s = asked_store("data-scientist")
    duck = skill_demand(s, "data-scientist", top=100)
    assert duck == skill_demand(s, "data-scientist", top=100, engine=spark)
    assert duck != skill_demand(survey_store(), "data-scientist", top=100)


@pytest.mark.spark
def test_stats_and_premiums_agree_on_what_postings_ask_for(spark: Any) -> None:
    s = asked_store()
    by_skill = pay_stats(s, by=["skill"], min_n=1)
    assert [(d.group, d.n) for d in pay_stats(s, by=["skill"], min_n=1, engine=spark)] == [
        (d.group, d.n) for d in by_skill
    ]
    filtered = pay_stats(s, by=["role_id"], where={"skill": "go"})
    sparked_filtered = pay_stats(s, by=["role_id"], where={"skill": "go"}, engine=spark)
    assert [(d.group, d.n) for d in sparked_filtered] == [(d.group, d.n) for d in filtered]
    assert [d.median for d in sparked_filtered] == pytest.approx([d.median for d in filtered])
    duck = {p.skill: (p.n, p.premium) for p in skill_premiums(s)}
    sparked = {p.skill: (p.n, p.premium) for p in skill_premiums(s, engine=spark)}
    assert duck.keys() == sparked.keys()
    for skill, (n, premium) in duck.items():
        assert sparked[skill] == (n, pytest.approx(premium, rel=1e-9, abs=1e-12))


@pytest.mark.spark
@pytest.mark.parametrize("role", [None, "software-engineer"], ids=["all", "swe"])
def test_premiums_agree(store: MemoryStore, spark: Any, role: str | None) -> None:
    duck = {p.skill: p for p in skill_premiums(store, role=role)}
    sparked = {p.skill: p for p in skill_premiums(store, role=role, engine=spark)}
    assert duck.keys() == sparked.keys() and duck
    for skill, d in duck.items():
        assert sparked[skill].n == d.n
        assert sparked[skill].premium == pytest.approx(d.premium, rel=1e-9, abs=1e-12)
        assert sparked[skill].ci_low == pytest.approx(d.ci_low, rel=1e-9, abs=1e-12)


@pytest.mark.spark
def test_spark_sees_store_changes(spark: Any) -> None:
    s = survey_store()
    before = pay_stats(s, by=[], engine=spark)[0].n
    s.con.execute("DELETE FROM postings WHERE role_id = 'software-engineer'")
    refresh_pay_facts(s.con)  # what every writer does after changing postings
    after = pay_stats(s, by=[], engine=spark)[0].n
    assert after == pay_stats(s, by=[])[0].n < before


def test_engines_by_name() -> None:
    assert ENGINES == ("duckdb", "spark")
    assert isinstance(get_engine("DuckDB"), DuckDBEngine)
    with pytest.raises(InputError, match="duckdb, spark"):
        get_engine("polars")


def test_the_spark_engine_starts_lazily() -> None:
    engine = get_engine("spark", master="spark://nowhere:7077")
    assert engine.name == "spark" and engine._session is None  # type: ignore[attr-defined]


def test_missing_pyspark_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    from paypath.market.engines.spark_engine import spark_session

    monkeypatch.setitem(sys.modules, "pyspark", None)
    monkeypatch.setitem(sys.modules, "pyspark.sql", None)
    with pytest.raises(EngineUnavailable, match=r"pip install 'paypath\[spark\]'"):
        spark_session("local[1]")
