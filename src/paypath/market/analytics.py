"""Market analytics: pay percentiles, skill pay premiums and skill demand.

Each entry point takes a store (``paypath.market.store.Store``) and an engine name
(``"duckdb"``, the default, or ``"spark"`` with an optional ``master`` URL); the engine
runs the SQL (:mod:`paypath.market.engines`), this module adds what is statistics:

- :func:`pay_stats`: n and p10/p25/median/p75/p90 of annual USD pay per group (role,
  country/region/city, seniority, skill, …). Percentiles are continuous (linear
  interpolation between order statistics) on both engines. Groups with fewer than
  ``min_n`` rows are returned with ``suppressed=True`` and no percentiles, never dropped.
- :func:`skill_premiums`: per-skill log-pay regressions with controls and HC1 95%
  intervals (the model is documented in :mod:`paypath.market.premium_model`), including
  the AI-tool-use premium from the survey's ``ai_use`` answers, reported as skill
  ``ai-fluency``. Results are cached per (store contents, role, min_n, engine).
- :func:`skill_demand`: the share of a role's postings (those with skill information)
  that ask for each skill.

Everywhere, a posting has a skill when it asks for it: names it in a requirement, not
only in a title, the company's stack or the benefits (``posting_skills.asked``; the rule
is ``ASKED`` in :mod:`paypath.market.engines._sql`). Stats by skill, skill filters,
premiums and demand all follow it.

Every result carries ``source``: the bundled dataset's citation, or "your store: …".
"""

from __future__ import annotations

import math
from collections import OrderedDict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import count
from pathlib import Path
from typing import Any
from weakref import WeakKeyDictionary

from pydantic import BaseModel, ConfigDict

from paypath.catalog import get_role, get_skill
from paypath.config import default_db_path
from paypath.errors import InputError, InsufficientData, PaypathError, UnknownSkill
from paypath.market.engines import Engine, StatsQuery, StoreLike, get_engine
from paypath.market.engines._sql import GROUP_COLUMNS
from paypath.market.engines.spark_dataset import SparkDatasetStore
from paypath.market.premium_cache import cached
from paypath.market.premium_fit import SkillFit, shrink
from paypath.market.store import BUNDLED_SOURCE, Store, bundled_store, open_store

__all__ = [
    "AI_SKILL",
    "BY_ALIASES",
    "Demand",
    "PayStat",
    "Premium",
    "open_analytics_store",
    "pay_stats",
    "skill_demand",
    "skill_premiums",
    "store_fingerprint",
    "store_source",
]

AI_SKILL = "ai-fluency"
AI_NAME = "AI fluency (uses AI tools at work)"
OTHER_ROLE = "other"
# What `--by` and `where` accept, mapped to store columns.
BY_ALIASES: dict[str, tuple[str, ...]] = {
    "role": ("role_id",),
    "location": ("country", "region", "city"),
    "kind": ("record_kind",),
    "employer": ("company",),  # OFLC filings: normalised employer names
    **{c: (c,) for c in GROUP_COLUMNS},
}
METHOD = (
    "OLS of log(pay_usd) on the skill and controls; HC1 robust 95% CI; pay trimmed p1–p99; "
    "rows without skill information left out; empirical-Bayes shrinkage toward 0; "
    "non-skills (package managers, desktop OSes, editors) not ranked"
)


class _Result(BaseModel):
    model_config = ConfigDict(frozen=True)


class PayStat(_Result):
    """Pay percentiles (annual USD) of one group; suppressed cells have n but no figures."""

    group: dict[str, str | None]
    n: int
    p10: float | None
    p25: float | None
    median: float | None
    p75: float | None
    p90: float | None
    suppressed: bool
    source: str


class Premium(_Result):
    """Pay premium of a skill as a fraction (0.12 = +12%) with its 95% interval."""

    skill: str
    name: str
    premium: float
    ci_low: float
    ci_high: float
    n: int  # rows with the skill
    n_without: int
    beta: float  # the raw (unshrunk) log-pay coefficient
    se: float  # its HC1 standard error
    p_value: float  # of the raw coefficient
    raw_premium: float | None = None  # exp(beta) - 1: before shrinkage (premium is after)
    role: str | None  # None = all roles pooled (role is then a control)
    controls: list[str]
    method: str
    source: str


class Demand(_Result):
    """Share of a role's postings (with skill information) that ask for a skill."""

    skill: str
    name: str
    share: float
    n: int  # postings asking for the skill (naming it in a requirement)
    total: int  # postings of the role with skill information
    role: str
    source: str


# --- stores -------------------------------------------------------------------------


def open_analytics_store(
    db: str | Path | None = None,
    *,
    dataset: str | Path | None = None,
    engine: str | None = None,
    master: str | None = None,
) -> Store | SparkDatasetStore:
    """The store at ``db``, or the Parquet dataset ``dataset`` read in place (see
    :mod:`paypath.market.dataset`); without either, the default store if it exists, else
    the bundled one.

    With ``engine="spark"``, a dataset given as a URI (``hdfs://``, ``s3a://``,
    ``file://``, …) is read through Hadoop's FileSystem by Spark on ``master``
    (:mod:`paypath.market.engines.spark_dataset`); a plain folder is read as with DuckDB.
    With DuckDB, a URI other than ``file://`` is refused, saying to use Spark.
    """
    if dataset is not None:
        if db is not None:
            raise InputError("give --db (a store) or --dataset (a Parquet dataset), not both")
        if (engine or "").strip().lower() == "spark" and "://" in str(dataset):
            from paypath.market.engines.spark_dataset import open_spark_dataset

            return open_spark_dataset(str(dataset), master=master)
        from paypath.market.dataset import open_dataset

        return open_dataset(dataset)
    if db is not None and not Path(db).exists():
        raise InputError(f"no store at {db}; create it with `paypath market ingest FILE`")
    if db is not None:
        return open_store(db, read_only=True)
    if default_db_path().exists():
        return open_store(default_db_path(), read_only=True)
    return bundled_store()


# A serial number per live connection: unlike id(), never handed to a later connection
# that happens to get the address of a closed one (and with it, the closed one's caches).
_CONNECTIONS: WeakKeyDictionary[object, int] = WeakKeyDictionary()
_SERIALS = count()


def _connection_serial(con: object) -> int:
    serial = _CONNECTIONS.get(con)
    if serial is None:
        serial = _CONNECTIONS[con] = next(_SERIALS)
    return serial


# Fingerprints of read-only connections: no one can write to a store file while a
# read-only connection holds it (DuckDB locks it), so its contents cannot change.
_FROZEN: WeakKeyDictionary[object, tuple[object, ...]] = WeakKeyDictionary()


def store_fingerprint(store: StoreLike) -> tuple[object, ...]:
    """Identity of a store's contents: its connection and its row counts (cheap, <1 ms).

    Ingest only adds rows, so counts change whenever the contents do; an in-place UPDATE
    that keeps every count would go unnoticed by the caches keyed on this. A read-only
    store's fingerprint is counted once; a dataset read by Spark has its manifest's.
    """
    if isinstance(store, SparkDatasetStore):
        return store.fingerprint()
    frozen = _FROZEN.get(store.con)
    if frozen is not None:
        return frozen
    row = (
        store.con.cursor()
        .execute("SELECT (SELECT count(*) FROM postings), (SELECT count(*) FROM posting_skills)")
        .fetchone()
    )
    fingerprint = (_connection_serial(store.con), *(row or ()))
    if getattr(store, "read_only", False):
        _FROZEN[store.con] = fingerprint
    return fingerprint


_SOURCES: OrderedDict[tuple[object, ...], str] = OrderedDict()


def store_source(store: StoreLike) -> str:
    """Where a store's figures come from, for every result's ``source``."""
    key = (*store_fingerprint(store), getattr(store, "bundled", False))
    if key not in _SOURCES:
        rows = _lookup(
            store, "SELECT source, count(*) FROM postings GROUP BY source ORDER BY 2 DESC"
        )
        _remember(_SOURCES, key, _describe(store, [(str(s), int(n)) for s, n in rows]))
    return _SOURCES[key]


def _lookup(store: StoreLike, sql: str, params: Sequence[object] = ()) -> list[tuple[Any, ...]]:
    """Rows of a lookup query (SQL both engines read, ``?`` parameters): through Spark for
    a dataset read by Spark (it has no DuckDB connection), else through DuckDB."""
    if isinstance(store, SparkDatasetStore):
        return store.rows(sql, params)
    return store.con.cursor().execute(sql, list(params)).fetchall()


def _describe(store: StoreLike, counts: list[tuple[str, int]]) -> str:
    total = sum(n for _, n in counts)
    listed = ", ".join(f"{_source_name(s)} ({n:,})" for s, n in counts)
    if getattr(store, "bundled", False):
        return f"bundled dataset: {BUNDLED_SOURCE}; {total:,} rows from sources {listed}"
    uri, manifest = getattr(store, "uri", None), getattr(store, "manifest", None)
    if uri is not None and manifest is not None:
        return (
            f"Parquet dataset {uri} (manifest version {manifest.version}): {total:,} "
            f"postings from sources {listed or 'none'}"
        )
    return f"your store: {total:,} postings from sources {listed or 'none'}"


def _source_name(kind: str) -> str:
    """A source kind as people know it: 'so-survey' -> 'Stack Overflow Developer Survey'."""
    from paypath.market.sources import SOURCES

    source = SOURCES.get(kind)
    if source is None:
        return kind
    if kind in ("csv", "jsonl", "parquet"):
        return f"{kind} files"
    return source.help.split(":")[0].split(" (")[0]


def _remember(cache: OrderedDict[Any, Any], key: Any, value: Any, size: int = 64) -> None:
    cache[key] = value
    cache.move_to_end(key)
    while len(cache) > size:
        cache.popitem(last=False)


# --- arguments ----------------------------------------------------------------------


def _engine(engine: str | Engine, master: str | None) -> Engine:
    return get_engine(engine, master=master) if isinstance(engine, str) else engine


def _columns(keys: Sequence[str], what: str) -> tuple[str, ...]:
    out: list[str] = []
    for key in keys:
        name = key.strip().lower().replace("-", "_")
        if name not in BY_ALIASES:
            known = ", ".join(sorted(BY_ALIASES))
            raise InputError(f"cannot {what} {key!r}; use one of: {known}")
        out += [c for c in BY_ALIASES[name] if c not in out]
    return tuple(out)


def _check_role(role: str) -> str:
    if role != OTHER_ROLE:
        get_role(role)  # UnknownRole lists the known ones
    return role


def _skill_id(store: StoreLike, text: str) -> str:
    """A catalog skill (id, any case), or a skill id the store holds; else UnknownSkill."""
    try:
        return get_skill(text.lower()).id
    except UnknownSkill:
        found = _lookup(
            store, "SELECT 1 FROM posting_skills WHERE skill_id = ? LIMIT 1", [text.lower()]
        )
        if not found:
            raise
        return text.lower()


def _where(store: StoreLike, where: Mapping[str, str] | None) -> tuple[tuple[str, str], ...]:
    out: list[tuple[str, str]] = []
    for key, value in (where or {}).items():
        columns = _columns([key], "filter by")
        if len(columns) != 1:
            raise InputError(f"filter by country, region or city, not {key!r}")
        column, text = columns[0], str(value).strip()
        if column == "role_id":
            _check_role(text)
        elif column == "skill":
            text = _skill_id(store, text)
        elif column == "country":
            text = text.upper()
        out.append((column, text))
    return tuple(out)


# --- pay_stats ----------------------------------------------------------------------


def pay_stats(
    store: StoreLike,
    by: Sequence[str] = ("role_id",),
    *,
    where: Mapping[str, str] | None = None,
    min_n: int = 10,
    engine: str | Engine = "duckdb",
    master: str | None = None,
) -> list[PayStat]:
    """Pay percentiles per group, best-paid first; groups below ``min_n`` come suppressed."""
    if min_n < 1:
        raise InputError(f"min_n must be at least 1, not {min_n}")
    columns = _columns(by, "group by")
    query = StatsQuery(by=columns, where=_where(store, where))
    rows = _engine(engine, master).pay_quantiles(store, query)
    source = store_source(store)
    # model_validate, not model_construct: pydantic-core builds them 3x faster
    stats = [
        PayStat.model_validate(
            {
                "group": dict(zip(columns, row.group, strict=True)),
                "n": row.n,
                "suppressed": row.n < min_n,
                "source": source,
                **dict(zip(_PERCENTILES, _NONE if row.n < min_n else row.quantiles, strict=True)),
            }
        )
        for row in rows
    ]
    return sorted(stats, key=_stat_order)


_PERCENTILES = ("p10", "p25", "median", "p75", "p90")
_NONE = (None,) * len(_PERCENTILES)


def _stat_order(s: PayStat) -> tuple[bool, float, int, tuple[str, ...]]:
    return (s.suppressed, -(s.median or 0.0), -s.n, tuple(v or "" for v in s.group.values()))


# --- skill_demand -------------------------------------------------------------------


def _skill_category(skill_id: str) -> str | None:
    try:
        return str(get_skill(skill_id).category)
    except PaypathError:
        return None


def _skill_name(skill_id: str) -> str:
    if skill_id == AI_SKILL:
        return AI_NAME
    try:
        return get_skill(skill_id).name
    except PaypathError:
        return skill_id


def skill_demand(
    store: StoreLike,
    role: str,
    *,
    top: int = 30,
    engine: str | Engine = "duckdb",
    master: str | None = None,
) -> list[Demand]:
    """The ``top`` skills by share of the role's postings (with skills) asking for them.

    A posting asks for a skill when it names it in a requirement or duty
    (:mod:`paypath.mention_context`), not only in its title, the company's stack or the
    benefits; a survey answer names what the respondent works with, so it always asks.
    """
    if top < 1:
        raise InputError(f"top must be at least 1, not {top}")
    _check_role(role)
    total, counts = _engine(engine, master).skill_counts(store, role)
    if total == 0:
        return []
    source = store_source(store)
    ranked = sorted(counts, key=lambda c: (-c[1], c[0]))[:top]
    return [
        Demand(
            skill=skill,
            name=_skill_name(skill),
            share=n / total,
            n=n,
            total=total,
            role=role,
            source=source,
        )
        for skill, n in ranked
    ]


# --- skill_premiums -----------------------------------------------------------------

_PREMIUMS: OrderedDict[tuple[object, ...], tuple[Premium, ...]] = OrderedDict()


def skill_premiums(
    store: StoreLike,
    *,
    role: str | None = None,
    min_n: int = 30,
    engine: str | Engine = "duckdb",
    master: str | None = None,
) -> list[Premium]:
    """Pay premiums of skills with at least ``min_n`` rows with and without them.

    The regressions are fitted once per (store contents, role, engine) for every skill
    with ``FIT_FLOOR`` rows or more with and without it, and cached on disk. Each skill's
    regression is its own, so fitting more skills changes no skill's fit: ``min_n`` only
    picks the fits to keep and shrinks those together, and a new ``min_n`` costs
    milliseconds, never a refit.
    """
    if isinstance(min_n, bool) or min_n < FIT_FLOOR:
        raise InputError(f"min_n must be at least {FIT_FLOOR}, not {min_n}")
    if role is not None:
        _check_role(role)
    eng = _engine(engine, master)
    key = (store_fingerprint(store), role, min_n, eng.name, getattr(eng, "master", None))
    if key not in _PREMIUMS:
        # fitted once per data version: on disk across runs (paypath.market.premium_cache)
        fits = cached(
            store,
            ("skill_premium_fits", role, eng.name),
            lambda: _premium_fits(store, eng, role),
        )
        _remember(_PREMIUMS, key, tuple(_premiums_at(fits, role, min_n)))
    return list(_PREMIUMS[key])


FIT_FLOOR = 2  # the fewest rows with and without a skill that any min_n may ask for


def _premium_fits(store: StoreLike, eng: Engine, role: str | None) -> list[dict[str, Any]]:
    """The sample's header, then one raw fit per skill with ``FIT_FLOOR`` rows or more
    with and without it (the survey's AI-use answer marked ``"ai": True``). The engine
    holds the rows; each pass here adds up per-batch sums (see premium_model)."""
    header: dict[str, Any] = {"source": store_source(store), "controls": [], "ai_controls": []}
    ai_rows, ai = _sample_fits(store, eng, role, "ai")
    skill_rows, skills = _sample_fits(store, eng, role, "skills")
    header.update(ai_rows=ai_rows, skill_rows=skill_rows, sample_rows=skills.rows)
    out: list[dict[str, Any]] = [header]
    if ai.spec is not None:
        header["ai_controls"] = list(ai.spec.controls)
        (fit,) = ai.fits
        out.append({"skill": AI_SKILL, "ai": True, "n": ai.n_with[0], "fit": _fit_fields(fit)})
    if skills.spec is not None and skills.spec.skills:
        header["controls"] = list(skills.spec.controls)
        out += [
            {"skill": s, "ai": False, "n": n, "fit": _fit_fields(f)}
            for s, n, f in zip(skills.spec.skills, skills.n_with, skills.fits, strict=True)
        ]
    return out


@dataclass(frozen=True)
class _SampleFits:
    rows: int = 0  # the trimmed sample's rows
    spec: Any = None  # premium_model.Spec, or None when nothing is estimated
    n_with: tuple[int, ...] = ()
    fits: tuple[SkillFit | None, ...] = ()


def _sample_fits(
    store: StoreLike, eng: Engine, role: str | None, kind: str
) -> tuple[int, _SampleFits]:
    """The rows of the ``kind`` sample before the trim, and its fits: three passes over
    the trimmed sample (profile, cross-products, robust variance)."""
    from functools import partial

    from paypath.market.premium_model import (
        Spec,
        fit_sums,
        hc_batch,
        is_lever,
        profile_batch,
        solve,
        sums_batch,
    )

    with eng.premium_sample(store, role, kind) as sample:
        listed = sample.listed
        profile = sample.reduce(profile_batch)
        if profile is None:
            return listed, _SampleFits()
        if profile.rows < 2 * FIT_FLOOR:
            return listed, _SampleFits(profile.rows)
        skills: list[str] | None = None
        if kind == "ai":
            if min(profile.ai_used, profile.rows - profile.ai_used) < FIT_FLOOR:
                return listed, _SampleFits(profile.rows)
        else:
            skills = sorted(
                (
                    str(s)
                    for s, n in profile.skills.items()
                    if n >= FIT_FLOOR
                    and profile.rows - n >= FIT_FLOOR
                    and is_lever(str(s), _skill_category(str(s)))
                ),
                key=lambda s: (-profile.skills[s], s),
            )
            if not skills:
                return listed, _SampleFits(profile.rows)
        spec = Spec.of(profile, pooled_roles=role is None, skills=skills)
        sums = sample.reduce(partial(sums_batch, spec))
        if sums is None:
            return listed, _SampleFits(profile.rows)
        coefs = solve(sums)
        hc = sample.reduce(partial(hc_batch, spec, coefs))
        if hc is None:
            return listed, _SampleFits(profile.rows)
    n_with = tuple(int(n) for n in sums.dtd)
    return listed, _SampleFits(profile.rows, spec, n_with, tuple(fit_sums(coefs, hc)))


def _fit_fields(fit: SkillFit | None) -> list[float] | None:
    return None if fit is None else [fit.beta, fit.se, fit.n_with, fit.n_without]


def _skill_fit(record: dict[str, Any]) -> SkillFit | None:
    f = record["fit"]
    return None if f is None else SkillFit(float(f[0]), float(f[1]), int(f[2]), int(f[3]))


def _premiums_at(fits: list[dict[str, Any]], role: str | None, min_n: int) -> list[Premium]:
    """The premiums for ``min_n``, out of the fits of :func:`_premium_fits`."""
    header, records = fits[0], fits[1:]
    base = {"role": role, "method": METHOD, "source": header["source"]}
    has_ai = header["ai_rows"] >= 2 * min_n
    out: list[Premium] = []
    for record in records:
        fit = _skill_fit(record)
        if has_ai and record["ai"] and fit and min(fit.n_with, fit.n_without) >= min_n:
            out.append(_premium(AI_SKILL, fit, tuple(header["ai_controls"]), base))
    if role is not None and header["skill_rows"] < 2 * min_n and not out:
        raise InsufficientData(
            f"only {header['skill_rows']} rows with pay and skills for role {role!r}; premiums "
            f"need at least {2 * min_n} (lower --min-n, or ingest more data)"
        )
    n_rows = header["sample_rows"]
    kept = [
        r
        for r in records
        if not r["ai"]
        and n_rows >= 2 * min_n
        and r["n"] >= min_n
        and n_rows - r["n"] >= min_n
        and not (has_ai and r["skill"] == AI_SKILL)
    ]
    raw = [_skill_fit(r) for r in kept]
    controls = tuple(header["controls"])
    out += [
        _premium(r["skill"], fit, controls, base, raw=ols)
        for r, fit, ols in zip(kept, shrink(raw), raw, strict=True)
        if fit is not None
    ]
    return sorted(out, key=lambda p: (-p.premium, p.skill))


def _premium(
    skill: str, fit: Any, controls: tuple[str, ...], base: dict[str, Any], raw: Any = None
) -> Premium:
    """``premium`` and its interval from ``fit`` (shrunk, when given ``raw``); ``beta``,
    ``se`` and ``p_value`` stay the raw regression's (``raw``, else ``fit``)."""
    low, high = fit.ci
    ols = fit if raw is None else raw
    return Premium(
        raw_premium=float(math.expm1(ols.beta)),
        skill=skill,
        name=_skill_name(skill),
        premium=float(math.expm1(fit.beta)),
        ci_low=float(math.expm1(low)),
        ci_high=float(math.expm1(high)),
        n=fit.n_with,
        n_without=fit.n_without,
        beta=ols.beta,
        se=ols.se,
        p_value=ols.p_value,
        controls=list(controls),
        **base,
    )
