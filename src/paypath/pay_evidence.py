"""Pay evidence for the advisor: BLS OEWS wages and market analytics, each with its source.

This module is the advisor's only door to pay numbers. Pay figures come from
:mod:`paypath.pay_model`; skill premiums and demand from :mod:`paypath.market.analytics`
over the bundled market store; each travels with its ``source``. When a source has too
little support the figure is ``None`` and a note says why; nothing is invented.

Expected pay (:func:`expected_pay`) is a thin delegation to the one pay model,
:func:`paypath.pay_model.estimate_pay`: the base-salary distribution of the role in the
area at the person's seniority (from years: :func:`paypath.pay_model.level_for_years`);
``expected`` is its median. No other pay figure is computed here.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from functools import cache, lru_cache
from typing import TYPE_CHECKING

from pydantic import BaseModel

from paypath.errors import PaypathError

if TYPE_CHECKING:
    from paypath.market.store import Store

__all__ = [
    "PREMIUM_MIN_N",
    "DemandEvidence",
    "ExpectedPay",
    "PayPosition",
    "PremiumEvidence",
    "expected_pay",
    "percentile_of_value",
    "role_demand",
    "role_premiums",
]

PREMIUM_MIN_N = 30


class ExpectedPay(BaseModel):
    """What a role pays a person in an area at their seniority (annual USD, US, base salary)."""

    kind: str = "base"
    country: str = "US"
    median: float | None  # the pay model's base median at the person's seniority
    p25: float | None
    p75: float | None
    expected: float | None  # = median (kept for the advisor's uplift)
    percentile: float  # 50: the seniority's median
    level: str = "mid"
    area: str
    source: str
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


def _known(points: Sequence[tuple[float, float | None]]) -> list[tuple[float, float]]:
    return [(p, v) for p, v in points if v is not None and math.isfinite(v)]


@cache
def _store() -> Store:
    from paypath.market.store import bundled_store

    return bundled_store()


def percentile_of_value(
    points: Sequence[tuple[float, float | None]], value: float
) -> tuple[float | None, str | None]:
    """The percentile of ``value`` by interpolating between the points (p10..p90).

    Outside the range the nearest end is returned with ``"below p10"``/``"above p90"``.
    Kept only for :mod:`paypath.claims` (its helper wires it to :mod:`paypath.verdict`);
    pay figures are placed with :func:`paypath.verdict.place`.
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


# --- expected pay -------------------------------------------------------------------


@lru_cache(maxsize=1024)
def expected_pay(role_id: str, area: str = "national", years: float | None = None) -> ExpectedPay:
    """Expected base salary for a role in an area at an experience level: the pay model's
    base median at the person's seniority (see :mod:`paypath.pay_model`)."""
    from paypath.pay_model import estimate_pay

    est = estimate_pay(role_id, area, years=years)
    base = est.base
    notes = [f"seniority {est.level} (from years of experience)", *est.notes]
    if base is None:
        notes.append(est.base_reason or "no base figure")
    return ExpectedPay(
        median=base.median if base else None,
        p25=base.p25 if base else None,
        p75=base.p75 if base else None,
        expected=base.median if base else None,
        percentile=50.0,
        level=est.level,
        area=est.area,
        source=base.source if base else f"none: {est.base_reason}",
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
