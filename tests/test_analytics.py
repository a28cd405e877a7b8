"""Market analytics on DuckDB over the real Stack Overflow 2024 survey subset.

Oracles are independent computations: numpy/pandas percentiles (linear interpolation,
the documented definition) and statsmodels' own OLS with HC1 errors.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import statsmodels.api as sm
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analytics_fixtures import MemoryStore, empty_store, load_frames, survey_frames, survey_store
from paypath.catalog import get_skill
from paypath.errors import InputError, InsufficientData, StoreError, UnknownRole, UnknownSkill
from paypath.market.analytics import (
    AI_SKILL,
    open_analytics_store,
    pay_stats,
    skill_demand,
    skill_premiums,
    store_fingerprint,
    store_source,
)
from paypath.market.engines import get_engine
from paypath.market.premium_model import (
    PAY_CEIL,
    PAY_FLOOR,
    TRIM,
    SkillFit,
    Spec,
    fit_frame,
    is_lever,
    profile_batch,
    shrink,
)
from paypath.market.store import BUNDLED_SOURCE, Store, open_store

QS = (0.1, 0.25, 0.5, 0.75, 0.9)


@pytest.fixture(scope="module")
def store() -> Iterator[MemoryStore]:
    s = survey_store()
    yield s
    s.con.close()


@pytest.fixture(scope="module")
def paid() -> pd.DataFrame:
    postings, _ = survey_frames()
    return postings[postings["pay_usd"] > 0]


def _figures(stat: object) -> list[float | None]:
    return [getattr(stat, k) for k in ("p10", "p25", "median", "p75", "p90")]


# --- pay_stats ----------------------------------------------------------------------


def test_role_percentiles_match_numpy(store: MemoryStore, paid: pd.DataFrame) -> None:
    stats = pay_stats(store, by=["role"], min_n=10)
    expected = paid.groupby("role_id")["pay_usd"]
    assert {s.group["role_id"] for s in stats} == set(expected.groups)
    for s in stats:
        pays = expected.get_group(s.group["role_id"]).to_numpy()
        assert s.n == len(pays)
        if not s.suppressed:
            assert _figures(s) == pytest.approx(list(np.quantile(pays, QS)), rel=1e-9)


def test_rows_come_best_paid_first_then_suppressed(store: MemoryStore) -> None:
    stats = pay_stats(store, by=["role"], min_n=100)
    shown = [s for s in stats if not s.suppressed]
    medians = [s.median or 0.0 for s in shown]
    assert medians == sorted(medians, reverse=True)
    assert stats[: len(shown)] == shown  # suppressed rows follow


@pytest.mark.parametrize("min_n", [1, 50, 300, 100_000], ids=["all", "n50", "n300", "none"])
def test_small_cells_are_suppressed_not_dropped(
    store: MemoryStore, paid: pd.DataFrame, min_n: int
) -> None:
    stats = pay_stats(store, by=["role", "country"], min_n=min_n)
    assert sum(s.n for s in stats) == len(paid)  # every row is in some cell
    for s in stats:
        assert s.suppressed == (s.n < min_n)
        assert (s.median is None) == s.suppressed
        assert all(v is None for v in _figures(s)) == s.suppressed


@pytest.mark.parametrize(
    ("by", "where", "mask"),
    [
        pytest.param(["role"], {"country": "us"}, lambda p: p["country"] == "US", id="us"),
        pytest.param(
            ["country"],
            {"role": "data-engineer"},
            lambda p: p["role_id"] == "data-engineer",
            id="data-engineer",
        ),
        pytest.param(
            ["role_id"],
            {"role_id": "software-engineer", "country": "DE"},
            lambda p: (p["role_id"] == "software-engineer") & (p["country"] == "DE"),
            id="swe-de",
        ),
    ],
)
def test_filters_restrict_the_rows(
    store: MemoryStore, paid: pd.DataFrame, by: list[str], where: dict[str, str], mask: object
) -> None:
    rows = paid[mask(paid)]  # type: ignore[operator]
    stats = pay_stats(store, by=by, where=where, min_n=1)
    assert sum(s.n for s in stats) == len(rows)


def test_by_skill_counts_every_skill_of_a_row(store: MemoryStore, paid: pd.DataFrame) -> None:
    _, skills = survey_frames()
    python_ids = set(skills.loc[skills["skill_id"] == "python", "posting_id"])
    stats = {s.group["skill"]: s for s in pay_stats(store, by=["skill"], min_n=30)}
    pays = paid[paid["id"].isin(python_ids)]["pay_usd"].to_numpy()
    assert stats["python"].n == len(pays)
    assert stats["python"].median == pytest.approx(float(np.median(pays)))


def test_skill_filter_uses_the_skill_table(store: MemoryStore, paid: pd.DataFrame) -> None:
    _, skills = survey_frames()
    rust_ids = set(skills.loc[skills["skill_id"] == "rust", "posting_id"])
    (stat,) = pay_stats(store, by=[], where={"skill": "rust"}, min_n=1)
    assert stat.n == paid["id"].isin(rust_ids).sum()
    assert stat.group == {}


# a posting "has" a skill when it asks for it; half the python rows are named elsewhere only
SET_ASIDE = "skill_id = 'python' AND hash(posting_id) % 2 = 0"


@pytest.fixture(scope="module")
def set_aside() -> MemoryStore:
    s = survey_store()
    s.con.execute(f"UPDATE posting_skills SET asked = CASE WHEN {SET_ASIDE} THEN 0 ELSE 1 END")
    return s


@pytest.fixture(scope="module")
def left_out() -> MemoryStore:
    s = survey_store()
    s.con.execute(f"DELETE FROM posting_skills WHERE {SET_ASIDE}")
    return s


@pytest.mark.parametrize(
    ("by", "where"),
    [
        pytest.param(["skill"], None, id="by-skill"),
        pytest.param(["role_id"], {"skill": "python"}, id="skill-filter"),
    ],
)
def test_stats_count_skills_asked_for_not_only_named(
    set_aside: MemoryStore,
    left_out: MemoryStore,
    store: MemoryStore,
    by: list[str],
    where: dict[str, str] | None,
) -> None:
    stats = pay_stats(set_aside, by=by, where=where, min_n=1)
    assert stats == pay_stats(left_out, by=by, where=where, min_n=1)
    assert stats != pay_stats(store, by=by, where=where, min_n=1)


def test_premiums_count_skills_asked_for_not_only_named(
    set_aside: MemoryStore, left_out: MemoryStore, store: MemoryStore
) -> None:
    premiums = {p.skill: p for p in skill_premiums(set_aside)}
    assert premiums == {p.skill: p for p in skill_premiums(left_out)}
    every = {p.skill: p for p in skill_premiums(store)}
    assert premiums["python"].n < every["python"].n
    # other skills keep their rows; their estimates move only through the shared model
    assert premiums["rust"].n == every["rust"].n
    assert premiums["rust"].premium == pytest.approx(every["rust"].premium, abs=0.005)


def test_location_groups_by_country_region_and_city(store: MemoryStore) -> None:
    stats = pay_stats(store, by=["location"], min_n=10)
    assert set(stats[0].group) == {"country", "region", "city"}


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        pytest.param({"by": ["salary"]}, InputError, id="bad-by"),
        pytest.param({"where": {"location": "US"}}, InputError, id="where-location"),
        pytest.param({"where": {"role": "astronaut"}}, UnknownRole, id="unknown-role"),
        pytest.param({"where": {"skill": "basket-weaving"}}, UnknownSkill, id="unknown-skill"),
        pytest.param({"min_n": 0}, InputError, id="min-n-0"),
        pytest.param({"engine": "oracle"}, InputError, id="bad-engine"),
    ],
)
def test_bad_arguments_raise_library_errors(
    store: MemoryStore, kwargs: dict[str, object], error: type[Exception]
) -> None:
    with pytest.raises(error):
        pay_stats(store, **kwargs)  # type: ignore[arg-type]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    pays=st.lists(st.floats(min_value=1, max_value=5e6, allow_nan=False), min_size=1, max_size=60)
)
def test_percentiles_are_linear_interpolation(pays: list[float]) -> None:
    s = empty_store()
    frame = pd.DataFrame(
        {"id": [f"r{i}" for i in range(len(pays))], "source": "csv", "pay_usd": pays}
    )
    load_frames(s.con, frame, pd.DataFrame(columns=["posting_id", "skill_id", "mentions"]))
    (stat,) = pay_stats(s, by=[], min_n=1)
    assert stat.n == len(pays)
    assert _figures(stat) == pytest.approx(list(np.quantile(pays, QS)), rel=1e-9)


@pytest.mark.parametrize(
    "by",
    [["role"], ["role", "country"], ["skill"], ["seniority", "location"]],
    ids=["role", "role-country", "skill", "seniority-location"],
)
def test_a_store_file_gives_exactly_the_figures_of_memory(
    store: MemoryStore, tmp_path: Path, by: list[str]
) -> None:
    """Compressed file storage and row order (here: by falling pay) change no figure."""
    path = tmp_path / "store.duckdb"
    open_store(path).close()
    store.con.execute(f"ATTACH '{path.as_posix()}' AS file")
    try:
        store.con.execute("INSERT INTO file.postings SELECT * FROM postings ORDER BY pay_usd DESC")
        store.con.execute("INSERT INTO file.posting_skills SELECT * FROM posting_skills")
    finally:
        store.con.execute("DETACH file")
    with open_analytics_store(path) as on_disk:
        from_file = pay_stats(on_disk, by=by, min_n=1)
    assert from_file and from_file == pay_stats(store, by=by, min_n=1)


def test_an_empty_store_has_no_rows() -> None:
    assert pay_stats(empty_store(), by=["role"]) == []


# --- sources ------------------------------------------------------------------------


def test_results_carry_the_store_source(store: MemoryStore) -> None:
    source = store_source(store)
    assert (
        source
        == "your store: 18,845 postings from sources Stack Overflow Developer Survey (18,845)"
    )
    assert all(s.source == source for s in pay_stats(store, by=["role"]))


def test_the_bundled_store_cites_the_survey() -> None:
    s = survey_store()
    s.bundled = True
    assert store_source(s) == (
        f"bundled dataset: {BUNDLED_SOURCE}; 18,845 rows from sources "
        "Stack Overflow Developer Survey (18,845)"
    )


def test_a_new_store_never_inherits_a_closed_ones_caches() -> None:
    """Python gives a new connection the address of a closed one: caches must not see it."""
    for _ in range(3):
        closed = survey_store()
        store_source(closed)
        closed.con.close()
        del closed
        gc.collect()
        fresh = survey_store()  # the same row counts, very likely the same id(con)
        fresh.bundled = True
        assert store_source(fresh).startswith("bundled dataset: ")
        fresh.con.close()


def _add_posting(store: Store, posting_id: str) -> None:
    store.con.execute("INSERT INTO postings (id, source) VALUES (?, 'test')", [posting_id])


def test_a_writable_store_is_recounted_after_each_change(tmp_path: Path) -> None:
    with open_store(tmp_path / "s.duckdb") as store:
        before = store_fingerprint(store)
        _add_posting(store, "a")
        assert store_fingerprint(store) != before
        assert store_source(store) == "your store: 1 postings from sources test (1)"


def test_a_read_only_store_is_counted_once_as_no_one_can_write_it(tmp_path: Path) -> None:
    path = tmp_path / "s.duckdb"
    with open_store(path) as writer:
        _add_posting(writer, "a")
    with open_analytics_store(path) as reader:
        assert reader.read_only
        first = store_fingerprint(reader)
        with pytest.raises(StoreError, match="cannot open the store"):
            open_store(path)  # DuckDB refuses a writer while the reader holds the file
        assert store_fingerprint(reader) is first
    with open_store(path) as writer:  # once closed, it can change again
        _add_posting(writer, "b")
    with open_analytics_store(path) as reader:
        assert store_fingerprint(reader)[1:] == (2, 0)


def test_a_missing_db_path_is_an_input_error(tmp_path: object) -> None:
    with pytest.raises(InputError, match="paypath market ingest"):
        open_analytics_store(f"{tmp_path}/nope.duckdb")


# --- skill_premiums -----------------------------------------------------------------


def _trim(rows: pd.DataFrame) -> pd.DataFrame:
    """The sample rule, in pandas: plausible pay, then its 1st-99th percentiles."""
    pay = rows["pay_usd"].astype(float)
    rows = rows[(pay >= PAY_FLOOR) & (pay <= PAY_CEIL)]
    low, high = np.quantile(rows["pay_usd"].astype(float), TRIM)
    return rows[(rows["pay_usd"] >= low) & (rows["pay_usd"] <= high)].reset_index(drop=True)


def _design(rows: pd.DataFrame, *, pooled_roles: bool) -> tuple[np.ndarray, np.ndarray]:
    spec = Spec.of(profile_batch(rows), pooled_roles=pooled_roles, skills=None)
    return spec.design(rows)


def _controls(rows: pd.DataFrame) -> tuple[str, ...]:
    return Spec.of(profile_batch(rows), pooled_roles=False, skills=None).controls


def _statsmodels_fit(role: str | None, skill: str) -> tuple[float, float]:
    """The same regression, fitted by statsmodels on the full design matrix (the sample
    picked in pandas, not by the engines' SQL)."""
    postings, skills = survey_frames()
    rows = postings[postings["pay_usd"] > 0]
    if role is not None:
        rows = rows[rows["role_id"] == role]
    if skill == AI_SKILL:
        sample = _trim(rows[rows["ai_use"].notna()])
        dummy = sample["ai_use"].astype(float).to_numpy()
    else:
        sample = _trim(rows[rows["id"].isin(skills["posting_id"])])
        ids = set(skills.loc[skills["skill_id"] == skill, "posting_id"])
        dummy = sample["id"].isin(ids).to_numpy(dtype=float)
    y, x = _design(sample, pooled_roles=role is None)
    result = sm.OLS(y, np.column_stack([x, dummy])).fit(cov_type="HC1")
    return float(result.params[-1]), float(result.bse[-1])


@pytest.mark.parametrize(
    ("role", "skill"),
    [
        pytest.param(None, "python", id="all-python"),
        pytest.param(None, "kubernetes", id="all-kubernetes"),
        pytest.param(None, "javascript", id="all-javascript"),
        pytest.param(None, AI_SKILL, id="all-ai"),
        pytest.param("software-engineer", "aws", id="swe-aws"),
        pytest.param("software-engineer", AI_SKILL, id="swe-ai"),
    ],
)
def test_premiums_equal_statsmodels_hc1(store: MemoryStore, role: str | None, skill: str) -> None:
    premiums = {p.skill: p for p in skill_premiums(store, role=role, min_n=30)}
    beta, se = _statsmodels_fit(role, skill)
    got = premiums[skill]
    assert got.beta == pytest.approx(beta, rel=1e-8)
    assert got.se == pytest.approx(se, rel=1e-8)
    assert got.raw_premium == pytest.approx(np.expm1(beta))
    if skill == AI_SKILL:  # one dummy: nothing to pool, so nothing is shrunk
        assert got.premium == pytest.approx(np.expm1(beta))
        assert got.ci_low == pytest.approx(np.expm1(beta - 1.959964 * se), rel=1e-6)
        assert got.ci_high == pytest.approx(np.expm1(beta + 1.959964 * se), rel=1e-6)
    else:  # empirical Bayes pulls the estimate toward 0, never past it
        assert 0 <= got.premium / got.raw_premium < 1
        assert got.ci_low < got.premium < got.ci_high


def test_shrinkage_pulls_noisy_estimates_hardest() -> None:
    fits = [
        SkillFit(0.40, 0.20, 64, 9000),  # small n, noisy
        SkillFit(0.40, 0.02, 3000, 6000),  # same size, precise
        SkillFit(0.05, 0.02, 3000, 6000),
        SkillFit(-0.10, 0.03, 800, 8000),
        None,
    ]
    noisy, precise, small, negative, none = shrink(fits)
    assert none is None and noisy is not None and precise is not None
    assert 0 < noisy.beta < precise.beta < 0.40
    assert noisy.se < 0.20 and noisy.n_with == 64
    assert small is not None and negative is not None and negative.beta < 0 < small.beta
    # no spread beyond the noise: every estimate is 0, with the raw uncertainty
    flat = shrink([SkillFit(0.01, 0.1, 50, 50), SkillFit(-0.01, 0.1, 50, 50)] * 2)
    assert all(f is not None and f.beta == 0 and f.se == 0.1 for f in flat)


def test_rows_without_skill_information_are_not_without() -> None:
    s = empty_store()
    n = 40
    ids = [f"r{i}" for i in range(n)]
    postings = pd.DataFrame(
        {
            "id": ids,
            "source": "so-survey",
            "source_file": ["2024.csv"] * 20 + ["2025.csv"] * 20,
            "pay_usd": np.linspace(60_000, 140_000, n),
            "role_id": "software-engineer",
        }
    )
    # 2024.csv: r0-r9 name python and sql, r10-r14 go, r15-r19 nothing;
    # 2025.csv records one primary language a row, so it lists no skills at all
    pairs = [(i, sk) for i in ids[:10] for sk in ("python", "sql")] + [
        (i, "go") for i in ids[10:15]
    ]
    pairs += [(i, "python") for i in ids[20:]]
    skills = pd.DataFrame(pairs, columns=["posting_id", "skill_id"]).assign(mentions=1)
    load_frames(s.con, postings, skills)
    with get_engine().premium_sample(s, None, "skills") as sample:
        assert sample.listed == 15 and sample.bounds is not None
        kept = sample.reduce(lambda b: list(b["id"]))
    assert kept is not None and set(kept) <= set(ids[:15])


def test_non_skills_are_not_ranked_as_pay_levers(store: MemoryStore) -> None:
    ranked = {p.skill for p in skill_premiums(store, min_n=30)}
    assert ranked, "the survey subset has premiums to rank"
    for skill in ("npm", "pip", "homebrew", "yarn", "vscode", "windows", "macos"):
        assert skill not in ranked
        assert not is_lever(skill, get_skill(skill).category)
    assert is_lever("python", "language") and is_lever("linux", "os")


def test_survey_edition_is_a_control_when_the_sample_mixes_editions() -> None:
    n = 40
    rows = pd.DataFrame(
        {
            "pay_usd": np.linspace(50_000, 150_000, n),
            "role_id": "software-engineer",
            "years_experience": np.arange(n) % 20,
            "seniority": None,
            "country": "US",
            "source": "so-survey",
            "comp_kind": "total",
            "source_file": ["2024.csv", "2025.csv"] * (n // 2),
        }
    )
    assert "edition" in _controls(rows)
    one = rows.assign(source_file="2024.csv")
    assert "edition" not in _controls(one)


def test_org_size_is_a_control_where_recorded() -> None:
    """Pay set by the employer's size alone, the skill commoner at big employers: without
    the org-size control the skill looks paid; with it, it does not (seeded data)."""
    rng = np.random.default_rng(7)
    n = 2_000
    big = rng.random(n) < 0.5
    skill = (rng.random(n) < np.where(big, 0.7, 0.2)).astype(float)
    pay = np.exp(np.log(100_000) + 0.4 * big + rng.normal(0, 0.2, n))
    rows = pd.DataFrame(
        {
            "pay_usd": pay,
            "role_id": "software-engineer",
            "years_experience": rng.integers(0, 20, n),
            "seniority": None,
            "country": "US",
            "source": "so-survey",
            "comp_kind": "total",
            "source_file": "2024.csv",
            "org_size": np.where(big, "10,000 or more employees", "20 to 99 employees"),
        }
    )
    rows.loc[:99, "org_size"] = None  # not recorded: its own level, not a size
    rows["skills"] = [["x"] if has else [] for has in skill]
    spec, (fit,) = fit_frame(rows, pooled_roles=False, skills=["x"])
    assert "org_size" in spec.controls
    naive_spec, (naive,) = fit_frame(
        rows.drop(columns="org_size"), pooled_roles=False, skills=["x"]
    )
    assert "org_size" not in naive_spec.controls
    assert fit is not None and naive is not None
    assert naive.ci[0] > 0.15  # confounded: about +0.2 in log pay
    assert fit.ci[0] < 0 < fit.ci[1]  # controlled: no premium
    assert "org_size" not in _controls(rows.assign(org_size=None))


def test_bundled_premiums_control_for_org_size() -> None:
    from paypath.market.store import bundled_store

    premiums = skill_premiums(bundled_store(), min_n=30)
    assert premiums and all("org_size" in p.controls for p in premiums)


@pytest.mark.parametrize("min_n", [30, 500], ids=["n30", "n500"])
def test_premiums_need_support_with_and_without(store: MemoryStore, min_n: int) -> None:
    premiums = skill_premiums(store, min_n=min_n)
    assert premiums
    for p in premiums:
        assert p.n >= min_n and p.n_without >= min_n
        assert p.ci_low < p.premium < p.ci_high
        assert p.role is None and "role" in p.controls and "country" in p.controls


def test_rare_skills_are_left_out(store: MemoryStore) -> None:
    few = {p.skill for p in skill_premiums(store, min_n=30)}
    many = {p.skill for p in skill_premiums(store, min_n=500)}
    assert many < few
    assert "solidity" in few and "solidity" not in many  # 132 respondents use it


def test_premiums_come_sorted_and_include_ai_use(store: MemoryStore) -> None:
    premiums = skill_premiums(store)
    values = [p.premium for p in premiums]
    assert values == sorted(values, reverse=True)
    assert sum(p.skill == AI_SKILL for p in premiums) == 1


def test_per_role_premiums_do_not_control_for_role(store: MemoryStore) -> None:
    premiums = skill_premiums(store, role="software-engineer")
    assert premiums and all(p.role == "software-engineer" for p in premiums)
    assert all("role" not in p.controls for p in premiums)


def test_premiums_are_cached_until_the_store_changes() -> None:
    s = survey_store()
    first = skill_premiums(s)
    assert skill_premiums(s)[0] is first[0]
    s.con.execute("DELETE FROM postings WHERE id IN (SELECT id FROM postings LIMIT 500)")
    assert skill_premiums(s)[0] is not first[0]


def test_a_thin_role_raises_insufficient_data(store: MemoryStore) -> None:
    with pytest.raises(InsufficientData, match="blockchain-developer"):
        skill_premiums(store, role="blockchain-developer", min_n=30)


# --- skill_demand -------------------------------------------------------------------


@pytest.mark.parametrize(
    "role", ["data-scientist", "devops-engineer", "software-engineer"], ids=str
)
def test_demand_is_the_share_of_role_rows_with_a_skill(store: MemoryStore, role: str) -> None:
    postings, skills = survey_frames()
    ids = set(postings.loc[postings["role_id"] == role, "id"]) & set(skills["posting_id"])
    expected = skills[skills["posting_id"].isin(ids)]["skill_id"].value_counts()
    demand = skill_demand(store, role, top=5)
    assert len(demand) == 5
    for d in demand:
        assert d.total == len(ids)
        assert d.n == expected[d.skill]
        assert d.share == pytest.approx(expected[d.skill] / len(ids))
    assert [d.n for d in demand] == sorted(expected.to_numpy(), reverse=True)[:5]


def test_demand_counts_postings_that_ask_not_those_that_only_name() -> None:
    s = empty_store()
    s.con.execute(
        "INSERT INTO postings (id, source, role_id) VALUES "
        "('a', 'jobspy', 'devops-engineer'), ('b', 'jobspy', 'devops-engineer'), "
        "('c', 'jobspy', 'devops-engineer'), ('d', 'jobspy', 'data-analyst')"
    )
    s.con.execute(  # b names go only in its stack; c was stored before `asked` existed
        "INSERT INTO posting_skills VALUES ('a', 'go', 2, 1), ('a', 'aws', 1, 1), "
        "('b', 'go', 1, 0), ('b', 'aws', 3, 2), ('c', 'go', 1, NULL), ('d', 'go', 1, 1)"
    )
    demand = {d.skill: (d.n, d.total) for d in skill_demand(s, "devops-engineer")}
    assert demand == {"aws": (2, 3), "go": (2, 3)}


def test_demand_for_a_role_without_rows_is_empty(store: MemoryStore) -> None:
    assert skill_demand(store, "ai-research-scientist") == []


@pytest.mark.parametrize(
    ("role", "top", "error"),
    [
        pytest.param("astronaut", 5, UnknownRole, id="unknown-role"),
        pytest.param("data-scientist", 0, InputError, id="top-0"),
    ],
)
def test_demand_rejects_bad_arguments(
    store: MemoryStore, role: str, top: int, error: type[Exception]
) -> None:
    with pytest.raises(error):
        skill_demand(store, role, top=top)


def test_skill_filters_accept_catalog_names_and_store_only_ids() -> None:
    s = empty_store()
    postings = pd.DataFrame(
        {"id": ["a", "b", "c"], "source": "csv", "pay_usd": [100_000.0, 120_000.0, 90_000.0]}
    )
    skills = pd.DataFrame(
        {
            "posting_id": ["a", "b", "c"],
            "skill_id": ["inhouse-orm", "python", "python"],
            "mentions": 1,
        }
    )
    load_frames(s.con, postings, skills)
    assert pay_stats(s, by=[], where={"skill": "Python"}, min_n=1)[0].n == 2
    assert pay_stats(s, by=[], where={"skill": "Inhouse-ORM"}, min_n=1)[0].median == 100_000.0
    with pytest.raises(UnknownSkill):
        pay_stats(s, by=[], where={"skill": "basket-weaving"})
