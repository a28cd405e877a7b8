"""Pay evidence for the advisor: BLS OEWS wages and market analytics, each with its source.

This module is the advisor's only door to pay numbers. Every figure comes from
:mod:`paypath.wages` (BLS OEWS, base wages) or :mod:`paypath.market.analytics` over
the bundled market store, and travels with its ``source``. When a source has too
little support the figure is ``None`` and a note says why; nothing is invented.

Experience positioning (documented rule, :func:`experience_percentile`): a person is
placed at a percentile of the role's BLS wage distribution by years of experience:
p25 under 2 years, rising linearly to the median at 5 years and to p75 at 10 years,
p75 beyond (the median when years are unknown). The wage at that percentile is read
by linear interpolation between BLS p10, p25, median, p75 and p90.

Market adjustment (:func:`expected_pay`): where the bundled market data has at least
``MIN_N`` US base-pay observations for the role, the BLS figure is blended with the
market figure at the same percentile, with weight ``n / (n + SHRINK_K)`` capped at
``MAX_MARKET_WEIGHT`` (BLS stays the anchor: it is a census-scale survey).
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping, Sequence
from functools import cache, lru_cache
from typing import TYPE_CHECKING

from pydantic import BaseModel

from paypath.errors import InsufficientData, PaypathError, UnknownSOC

if TYPE_CHECKING:
    from paypath.market.store import Store
    from paypath.wages import RoleWages

__all__ = [
    "MAX_MARKET_WEIGHT",
    "MIN_N",
    "PREMIUM_MIN_N",
    "SHRINK_K",
    "DemandEvidence",
    "ExpectedPay",
    "MarketPay",
    "PayPosition",
    "PremiumEvidence",
    "bls_position",
    "expected_pay",
    "experience_percentile",
    "market_pay",
    "percentile_of_value",
    "role_demand",
    "role_premiums",
    "value_at_percentile",
]

MIN_N = 30
SHRINK_K = 100.0
MAX_MARKET_WEIGHT = 0.5
PREMIUM_MIN_N = 30
PCTS = (10.0, 25.0, 50.0, 75.0, 90.0)
MARKET_COUNTRY = "US"  # BLS covers the US only; market figures are compared on US rows


class MarketPay(BaseModel):
    """Market pay percentiles for one group of the bundled market data."""

    n: int
    p10: float | None
    p25: float | None
    median: float | None
    p75: float | None
    p90: float | None
    filters: dict[str, str]
    source: str


class ExpectedPay(BaseModel):
    """What a role pays a person in an area with some experience (annual USD, base)."""

    median: float | None  # BLS median for the role in the area
    p25: float | None
    p75: float | None
    expected: float | None  # at the experience percentile, market-adjusted
    percentile: float  # the experience percentile used
    area: str
    source: str
    market: MarketPay | None = None
    market_weight: float = 0.0
    notes: list[str] = []


class PayPosition(BaseModel):
    """Where an amount falls in a pay distribution."""

    amount: float
    percentile: float | None  # 10..90, interpolated; None when no percentiles
    clipped: str | None  # "below p10" / "above p90" when outside the published range
    p10: float | None
    p25: float | None
    median: float | None
    p75: float | None
    p90: float | None
    n: int | None = None
    source: str
    notes: list[str] = []


class PremiumEvidence(BaseModel):
    skill: str
    premium: float  # fraction: 0.12 = +12%
    ci_low: float | None
    ci_high: float | None
    n: int
    scope: str  # the role id, or "all roles"
    significant: bool  # the confidence interval excludes zero
    source: str


class DemandEvidence(BaseModel):
    skill: str
    share: float  # share of the role's postings that ask for the skill
    n: int
    source: str


# --- pure helpers -----------------------------------------------------------------


def experience_percentile(years: float | None) -> float:
    """The BLS percentile a person with ``years`` of experience is placed at (see module doc)."""
    if years is None:
        return 50.0
    if years < 2:
        return 25.0
    if years < 5:
        return 25.0 + (years - 2.0) / 3.0 * 25.0
    if years < 10:
        return 50.0 + (years - 5.0) / 5.0 * 25.0
    return 75.0


def _known(points: Sequence[tuple[float, float | None]]) -> list[tuple[float, float]]:
    return [(p, v) for p, v in points if v is not None and math.isfinite(v)]


def value_at_percentile(points: Sequence[tuple[float, float | None]], pct: float) -> float | None:
    """Linear interpolation of (percentile, value) points; clamped to the known range."""
    known = _known(points)
    if not known:
        return None
    if pct <= known[0][0]:
        return known[0][1]
    for (p0, v0), (p1, v1) in itertools.pairwise(known):
        if pct <= p1:
            return v0 + (v1 - v0) * (pct - p0) / (p1 - p0)
    return known[-1][1]


def percentile_of_value(
    points: Sequence[tuple[float, float | None]], value: float
) -> tuple[float | None, str | None]:
    """The percentile of ``value`` by interpolating between the points (p10..p90).

    Outside the range the nearest end is returned with ``"below p10"``/``"above p90"``.
    """
    known = _known(points)
    if not known:
        return None, None
    if value < known[0][1]:
        return known[0][0], f"below p{known[0][0]:g}"
    if value > known[-1][1]:
        return known[-1][0], f"above p{known[-1][0]:g}"
    for (p0, v0), (p1, v1) in itertools.pairwise(known):
        if value <= v1:
            return (p0 if v1 == v0 else p0 + (p1 - p0) * (value - v0) / (v1 - v0)), None
    return known[-1][0], None


def _points(obj: object) -> list[tuple[float, float | None]]:
    names = ("p10", "p25", "median", "p75", "p90")
    return [(p, getattr(obj, n, None)) for p, n in zip(PCTS, names, strict=True)]


# --- BLS --------------------------------------------------------------------------


@lru_cache(maxsize=512)
def _role_wages(role_id: str, area: str) -> tuple[RoleWages | None, str]:
    from paypath.wages import role_wages

    try:
        return role_wages(role_id, area), ""
    except (InsufficientData, UnknownSOC) as exc:
        return None, exc.message


def bls_position(role_id: str, area: str, amount: float) -> PayPosition:
    """Where a base salary falls among BLS OEWS wages for the role's SOC codes in the area."""
    wages, why = _role_wages(role_id, area)
    if wages is None:
        return PayPosition(
            amount=amount,
            percentile=None,
            clipped=None,
            p10=None,
            p25=None,
            median=None,
            p75=None,
            p90=None,
            source="BLS OEWS",
            notes=[why],
        )
    pct, clipped = percentile_of_value(_points(wages), amount)
    return PayPosition(
        amount=amount,
        percentile=None if pct is None else round(pct, 1),
        clipped=clipped,
        p10=getattr(wages, "p10", None),
        p25=getattr(wages, "p25", None),
        median=getattr(wages, "median", None),
        p75=getattr(wages, "p75", None),
        p90=getattr(wages, "p90", None),
        n=getattr(wages, "employment", None),
        source=str(getattr(wages, "source", "BLS OEWS")),
        notes=list(getattr(wages, "notes", [])),
    )


# --- market -------------------------------------------------------------------------


@cache
def _store() -> Store:
    from paypath.market.store import bundled_store

    return bundled_store()


@lru_cache(maxsize=64)
def _pay_stats(by: tuple[str, ...], where: tuple[tuple[str, str], ...]) -> tuple[MarketPay, ...]:
    from paypath.market.analytics import pay_stats

    rows = pay_stats(_store(), by=by, where=dict(where), min_n=MIN_N)
    out = []
    for row in rows:
        if row.suppressed or row.median is None:
            continue
        groups = {k: str(v) for k, v in row.group.items()} if hasattr(row, "group") else {}
        groups = groups or {k: str(v) for k, v in getattr(row, "groups", {}).items()}
        out.append(
            MarketPay(
                n=int(row.n),
                p10=row.p10,
                p25=row.p25,
                median=row.median,
                p75=row.p75,
                p90=row.p90,
                filters={**dict(where), **groups},
                source=str(row.source),
            )
        )
    return tuple(out)


def market_pay(
    role_id: str, *, comp_kind: str, seniority: str | None = None
) -> tuple[MarketPay | None, str]:
    """US market pay for a role (and seniority) from the bundled store, or None and why."""
    where: Mapping[str, str] = {"country": MARKET_COUNTRY, "comp_kind": comp_kind}
    by = ("role_id", "seniority") if seniority else ("role_id",)
    try:
        rows = _pay_stats(by, tuple(sorted(where.items())))
    except PaypathError as exc:
        return None, f"market data unavailable: {exc.message}"
    for row in rows:
        if row.filters.get("role_id") == role_id and (
            seniority is None or row.filters.get("seniority") == seniority
        ):
            return row, ""
    scope = f"{role_id}, {seniority}" if seniority else role_id
    return None, f"too few US {comp_kind}-pay market observations for {scope} (n < {MIN_N})"


# --- expected pay -------------------------------------------------------------------


@lru_cache(maxsize=1024)
def expected_pay(role_id: str, area: str = "national", years: float | None = None) -> ExpectedPay:
    """Expected base pay for a role in an area at an experience level (see module doc)."""
    pct = experience_percentile(years)
    wages, why = _role_wages(role_id, area)
    notes = [why] if why else []
    bls_value = value_at_percentile(_points(wages), pct) if wages is not None else None
    if wages is not None:
        notes += list(getattr(wages, "notes", []))
    market, market_why = market_pay(role_id, comp_kind="base")
    weight = 0.0
    expected = bls_value
    market_value = value_at_percentile(_points(market), pct) if market else None
    if market is not None and market_value is not None:
        weight = (
            1.0 if bls_value is None else min(MAX_MARKET_WEIGHT, market.n / (market.n + SHRINK_K))
        )
        expected = (
            market_value if bls_value is None else (1 - weight) * bls_value + weight * market_value
        )
        notes.append(f"blended with market p{pct:.0f} (n={market.n}, weight {weight:.2f})")
    elif market_why:
        notes.append(f"BLS only: {market_why}")
    source = str(getattr(wages, "source", "")) if wages is not None else ""
    if market is not None and weight > 0:
        source = "; ".join(s for s in (source, market.source) if s)
    return ExpectedPay(
        median=getattr(wages, "median", None),
        p25=getattr(wages, "p25", None),
        p75=getattr(wages, "p75", None),
        expected=None if expected is None else round(expected, -2),
        percentile=round(pct, 1),
        area=str(getattr(wages, "area", area)),
        source=source or "none: no BLS or market figure",
        market=market,
        market_weight=round(weight, 3),
        notes=notes,
    )


# --- premiums and demand ----------------------------------------------------------------


def _premium_evidence(rows: Sequence[object], scope: str) -> dict[str, PremiumEvidence]:
    out: dict[str, PremiumEvidence] = {}
    for row in rows:
        premium = getattr(row, "premium", None)
        if premium is None or not math.isfinite(premium):
            continue
        low, high = getattr(row, "ci_low", None), getattr(row, "ci_high", None)
        significant = low is not None and high is not None and (low > 0 or high < 0)
        skill = str(getattr(row, "skill", ""))
        out[skill] = PremiumEvidence(
            skill=skill,
            premium=float(premium),
            ci_low=low,
            ci_high=high,
            n=int(getattr(row, "n", 0)),
            scope=scope,
            significant=significant,
            source=str(getattr(row, "source", "market analytics")),
        )
    return out


@lru_cache(maxsize=64)
def _premiums(role_id: str | None) -> tuple[dict[str, PremiumEvidence], str]:
    from paypath.market.analytics import skill_premiums

    try:
        rows = skill_premiums(_store(), role=role_id, min_n=PREMIUM_MIN_N)
    except PaypathError as exc:
        return {}, exc.message
    return _premium_evidence(rows, role_id or "all roles"), ""


def _width(p: PremiumEvidence) -> float:
    if p.ci_low is None or p.ci_high is None:
        return math.inf
    return p.ci_high - p.ci_low


@lru_cache(maxsize=64)
def role_premiums(role_id: str) -> tuple[dict[str, PremiumEvidence], list[str]]:
    """Skill pay premiums for a role: per skill, the more precise (narrower 95% CI) of the
    role's own estimate and the all-roles estimate (which controls for role).

    Cached per role like its inputs: treat the returned dict and list as read-only."""
    own, why_own = _premiums(role_id)
    pooled, why_pooled = _premiums(None)
    merged = dict(pooled)
    for skill, premium in own.items():
        if skill not in merged or _width(premium) < _width(merged[skill]):
            merged[skill] = premium
    notes = [n for n in (why_own, why_pooled) if n]
    return merged, notes


@lru_cache(maxsize=64)
def role_demand(role_id: str) -> tuple[dict[str, DemandEvidence], str]:
    """Share of the role's market postings that mention each skill."""
    from paypath.market.analytics import skill_demand

    try:
        rows = skill_demand(_store(), role_id, top=500)
    except PaypathError as exc:
        return {}, exc.message
    out = {
        str(r.skill): DemandEvidence(
            skill=str(r.skill),
            share=float(r.share),
            n=int(r.n),
            source=str(getattr(r, "source", "market analytics: skill demand")),
        )
        for r in rows
    }
    return out, ""
