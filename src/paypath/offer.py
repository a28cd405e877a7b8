"""Offer check: a job offer's base pay and total compensation against BLS and market pay.

Totals (documented rule): equity is the grant's total value spread evenly over its
vesting years; the sign-on bonus is spread over ``SIGNON_SPREAD_YEARS`` (4, a typical
vesting schedule, so a one-off sum does not inflate a yearly figure), and the
first-year total counts it whole. ``total = base + bonus + equity / vesting_years +
signon / 4``.

Base pay is placed among BLS OEWS wages for the role's SOC codes in the area (OEWS
counts base wages only): its percentile is interpolated between p10, p25, median,
p75 and p90. Total compensation is placed among the bundled market data's US
total-compensation figures for the role and seniority (the role alone when the
seniority cell is too small), adjusted for the person's skills: each skill with a
significant premium shifts the benchmark by ``(1 + premium) ** (1 - share)``, where
``share`` is the skill's share of the role's postings (the benchmark already holds
that share of people with the skill). Verdicts: below market under p25, above market
over p75, within market between.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

from pydantic import BaseModel

from paypath.advisor import resolve_location
from paypath.catalog import get_role
from paypath.errors import InputError
from paypath.pay_evidence import (
    MarketPay,
    PayPosition,
    bls_position,
    market_pay,
    percentile_of_value,
    role_demand,
    role_premiums,
)

__all__ = [
    "SIGNON_SPREAD_YEARS",
    "Comparison",
    "OfferCheck",
    "evaluate_offer",
    "seniority_for_years",
    "verdict",
]

SIGNON_SPREAD_YEARS = 4
Verdict = Literal["below", "within", "above"]


class Comparison(BaseModel):
    against: str  # "BLS OEWS base wages" / "market total compensation"
    position: PayPosition | None
    verdict: Verdict | None
    note: str


class OfferCheck(BaseModel):
    role: str
    title: str
    area: str
    seniority: str
    base: float
    bonus: float
    equity_per_year: float
    signon: float
    total: float  # annualised
    first_year_total: float
    base_vs_bls: Comparison
    total_vs_market: Comparison
    sources: list[str]
    method: str


def seniority_for_years(years: float | None) -> str:
    """junior < 2 years, mid < 5, senior < 10, staff after (mid when unknown)."""
    if years is None:
        return "mid"
    return "junior" if years < 2 else "mid" if years < 5 else "senior" if years < 10 else "staff"


def verdict(percentile: float | None) -> Verdict | None:
    if percentile is None:
        return None
    return "below" if percentile < 25 else "above" if percentile > 75 else "within"


def _skill_factor(role_id: str, skills: Iterable[str]) -> tuple[float, list[str]]:
    premiums, _ = role_premiums(role_id)
    demand, _ = role_demand(role_id)
    factor, used = 1.0, []
    for skill in skills:
        p = premiums.get(skill)
        if p is None or not p.significant:
            continue
        share = demand[skill].share if skill in demand else 0.0
        factor *= (1.0 + p.premium) ** (1.0 - share)
        used.append(f"{skill} {p.premium:+.1%}")
    return factor, used


def _market_comparison(
    role_id: str, seniority: str, total: float, skills: Iterable[str]
) -> Comparison:
    against = "market total compensation (US)"
    market, why = market_pay(role_id, comp_kind="total", seniority=seniority)
    scope = f"{role_id}, {seniority}"
    if market is None:
        market, why_role = market_pay(role_id, comp_kind="total")
        scope = role_id
        if market is None:
            return Comparison(against=against, position=None, verdict=None, note=why_role)
    factor, used = _skill_factor(role_id, skills)
    scaled = _scaled(market, factor)
    pct, clipped = percentile_of_value(
        [
            (10, scaled.p10),
            (25, scaled.p25),
            (50, scaled.median),
            (75, scaled.p75),
            (90, scaled.p90),
        ],
        total,
    )
    note = f"{scope}, n={market.n}"
    if used:
        note += f"; benchmark × {factor:.3f} for skills ({', '.join(used)})"
    position = PayPosition(
        amount=total,
        percentile=None if pct is None else round(pct, 1),
        clipped=clipped,
        p10=scaled.p10,
        p25=scaled.p25,
        median=scaled.median,
        p75=scaled.p75,
        p90=scaled.p90,
        n=market.n,
        source=market.source,
        notes=[why] if why and scope == role_id else [],
    )
    return Comparison(against=against, position=position, verdict=verdict(pct), note=note)


def _scaled(market: MarketPay, factor: float) -> MarketPay:
    def f(v: float | None) -> float | None:
        return None if v is None else round(v * factor, -2)

    return market.model_copy(
        update={
            "p10": f(market.p10),
            "p25": f(market.p25),
            "median": f(market.median),
            "p75": f(market.p75),
            "p90": f(market.p90),
        }
    )


def evaluate_offer(
    role_id: str,
    salary: float,
    *,
    bonus: float = 0.0,
    equity: float = 0.0,
    vesting_years: float = 4.0,
    signon: float = 0.0,
    location: str | None = None,
    years: float | None = None,
    seniority: str | None = None,
    skills: Iterable[str] = (),
) -> OfferCheck:
    """Check an offer: base vs BLS in the area, total vs market, a verdict for each."""
    role = get_role(role_id)
    if not 0 < salary < 100_000_000:
        raise InputError(f"base salary {salary:g} is not a plausible annual amount in USD")
    if min(bonus, equity, signon) < 0:
        raise InputError("bonus, equity and sign-on must not be negative")
    if vesting_years <= 0:
        raise InputError("vesting years must be positive (e.g. 4)")
    area = resolve_location(location)
    level = seniority or seniority_for_years(years)
    equity_per_year = equity / vesting_years
    total = salary + bonus + equity_per_year + signon / SIGNON_SPREAD_YEARS
    bls = bls_position(role.id, area, salary)
    base_cmp = Comparison(
        against="BLS OEWS base wages",
        position=bls,
        verdict=verdict(bls.percentile),
        note=f"{', '.join(role.soc_codes)} in {'the US' if area == 'national' else area}"
        + (f"; {bls.clipped}" if bls.clipped else ""),
    )
    market_cmp = _market_comparison(role.id, level, total, skills)
    sources = [bls.source] + ([market_cmp.position.source] if market_cmp.position else [])
    return OfferCheck(
        role=role.id,
        title=role.title,
        area=area,
        seniority=level,
        base=salary,
        bonus=bonus,
        equity_per_year=round(equity_per_year, 2),
        signon=signon,
        total=round(total, 2),
        first_year_total=round(salary + bonus + equity_per_year + signon, 2),
        base_vs_bls=base_cmp,
        total_vs_market=market_cmp,
        sources=sources,
        method=(
            "total = base + bonus + equity / vesting years + sign-on / 4; percentiles "
            "interpolated between p10..p90; below < p25 ≤ within ≤ p75 < above"
        ),
    )
