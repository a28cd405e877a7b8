"""Offer check: a job offer's base pay and total compensation placed among its peers.

Totals (documented rule): equity is the grant's total value spread evenly over its
vesting years; the sign-on bonus is spread over ``SIGNON_SPREAD_YEARS`` (4, a typical
vesting schedule, so a one-off sum does not inflate a yearly figure), and the
first-year total counts it whole. ``total = base + bonus + equity / vesting_years +
signon / 4``.

Peers: the pay model (:func:`paypath.pay_model.estimate_pay`) gives the base and the
total-comp distribution of the offer's role at its seniority (``seniority``, else from
``years``) in its metro. Where the model has no figure for the metro (OEWS publishes no
wage for the role's SOC codes there) it falls back to the metro's state, then to the
country, and the comparison's ``note`` and ``scope`` say so. Each figure is placed with
:func:`paypath.verdict.place` (the one percentile and band rule) and worded with
:func:`paypath.verdict.offer_verdict`: below (under p25), within, above (over p75).

Employer (optional): ``vs_employer`` places base and total the same way against the pay
model's figure *at that employer* (``estimate_pay(..., employer=NAME)``: the market's figure
shifted by the employer's PERM offset, :func:`paypath.pay_model.employer_offset`). An
employer the model has no offset for gets no second comparison, and the note says so; the
"who pays most" table of filings (:mod:`paypath.employers`) is descriptive and gives no
verdict.

The verdict is suppressed (``None``, with the reason) when the peer evidence is thin:
fewer than ``MIN_PEER_N`` observations behind the role's own figure. ``years`` moves
both the base and the total benchmark. Skills do not shift the benchmark: the skill
premiums do not support adding them to a seniority-specific figure.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Literal

from pydantic import BaseModel

from paypath.advisor import resolve_location
from paypath.areas import resolve_area, resolve_area_detail
from paypath.catalog import get_role
from paypath.errors import InputError
from paypath.pay_evidence import PayPosition
from paypath.pay_model import (
    EMPLOYER_MIN_FILINGS,
    EMPLOYERS_MAX,
    EmployerOffset,
    PayDistribution,
    PayEstimate,
    employer_offset,
    estimate_pay,
    level_for_years,
)
from paypath.verdict import offer_verdict, place

__all__ = [
    "MIN_PEER_N",
    "SIGNON_SPREAD_YEARS",
    "Comparison",
    "EmployerCheck",
    "OfferCheck",
    "evaluate_offer",
    "seniority_for_years",
]

SIGNON_SPREAD_YEARS = 4
MIN_PEER_N = 30
Verdict = Literal["below", "within", "above"]
Scope = Literal["metro", "state", "country"]


class Comparison(BaseModel):
    against: str  # "peers: base salary, <role>, <level>, <area> (US)"
    kind: Literal["base", "total"]
    scope: Scope | None  # the peer group's area level actually used
    area: str | None
    position: PayPosition | None
    band: str | None  # verdict.place's band
    verdict: Verdict | None
    note: str


class EmployerCheck(BaseModel):
    """The offer against the pay model's figures at one employer."""

    employer: str  # the model's name for it, else as given
    offset: EmployerOffset | None  # None: no employer-specific evidence, no comparison
    base_vs_employer: Comparison | None
    total_vs_employer: Comparison | None
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
    base_vs_peers: Comparison
    total_vs_peers: Comparison
    vs_employer: EmployerCheck | None = None
    sources: list[str]
    method: str


def seniority_for_years(years: float | None) -> str:
    """The pay model's seniority for years of experience (mid when unknown)."""
    return level_for_years(years)


def _amount(name: str, value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise InputError(f"{name} must be a number of USD per year (got {value!r})")
    if not math.isfinite(value):
        raise InputError(f"{name} must be a finite number (got {value!r})")
    return float(value)


def _scopes(area_name: str) -> list[tuple[Scope, str]]:
    """The metro (or given area), then its state, then the country."""
    area, _ = resolve_area_detail(area_name)
    out: list[tuple[Scope, str]] = []
    if area.type == "national":
        return [("country", "national")]
    out.append(("metro" if area.type in ("metro", "nonmetro") else "state", area.name))
    if area.type in ("metro", "nonmetro"):
        st = area.name.rpartition(",")[2].strip().split("-")[0]
        try:
            state = resolve_area(st)
        except LookupError:
            state = None
        if state is not None and state.type == "state":
            out.append(("state", state.name))
    out.append(("country", "national"))
    return out


def _compare(
    kind: Literal["base", "total"],
    amount: float,
    role_id: str,
    area: str,
    level: str,
    as_of: str | None,
    employer: str | None = None,
) -> tuple[Comparison, PayEstimate | None]:
    label = "base salary" if kind == "base" else "total comp (base + bonus + yearly stock)"
    who = f"peers at {employer}" if employer else "peers"
    tried: list[str] = []
    scopes = _scopes(area)
    for scope, name in scopes:
        est = estimate_pay(role_id, name, level=level, as_of=as_of, employer=employer)
        dist: PayDistribution | None = est.base if kind == "base" else est.total
        if dist is None:
            tried.append(f"{name}: {est.base_reason if kind == 'base' else est.total_reason}")
            continue
        placed = place(amount, dist)
        against = f"{who}: {label}, {role_id}, {level}, {est.area} (US, USD)"
        notes = list(tried)
        if scope != scopes[0][0]:
            notes.append(f"no {kind} figure for the {scopes[0][0]}; fell back to the {scope}")
        thin = dist.n < MIN_PEER_N
        if thin:
            notes.append(
                f"verdict suppressed: only {dist.n} observations behind {role_id}'s own figure "
                f"(fewer than {MIN_PEER_N})"
            )
        if placed.note:
            notes.append(placed.note)
        position = PayPosition(
            amount=amount,
            percentile=placed.percentile,
            clipped=placed.note,
            p10=dist.p10,
            p25=dist.p25,
            median=dist.median,
            p75=dist.p75,
            p90=dist.p90,
            n=dist.n,
            source=dist.source,
            notes=list(est.notes),
        )
        cmp = Comparison(
            against=against,
            kind=kind,
            scope=scope,
            area=est.area,
            position=position,
            band=placed.band,
            verdict=None if thin else offer_verdict(placed.band),
            note="; ".join(notes) or f"n={dist.n}",
        )
        return cmp, est
    return (
        Comparison(
            against=f"{who}: {label}, {role_id}, {level} (US, USD)",
            kind=kind,
            scope=None,
            area=None,
            position=None,
            band=None,
            verdict=None,
            note="no peer figure: " + "; ".join(tried),
        ),
        None,
    )


def _vs_employer(
    employer: str,
    salary: float,
    total: float,
    role_id: str,
    area: str,
    level: str,
    as_of: str | None,
) -> tuple[EmployerCheck, list[PayEstimate]]:
    if not isinstance(employer, str) or not employer.strip():
        raise InputError("an employer name is required with --employer, e.g. 'Microsoft'")
    found = employer_offset(employer)
    if found is None:
        note = (
            f"no employer-specific evidence for {employer!r}: the pay model has no PERM "
            f"employer offset for it (fewer than {EMPLOYER_MIN_FILINGS} filings, or not among "
            f"the {EMPLOYERS_MAX:,} employers with the most), so the comparison above (the "
            "market's) is the only one"
        )
        return EmployerCheck(
            employer=employer.strip(),
            offset=None,
            base_vs_employer=None,
            total_vs_employer=None,
            note=note,
        ), []
    base_cmp, base_est = _compare("base", salary, role_id, area, level, as_of, employer)
    total_cmp, total_est = _compare("total", total, role_id, area, level, as_of, employer)
    note = (
        f"the pay model's figures at {found.employer}: the market's x "
        f"{math.exp(found.offset):.3f} ({found.offset:+.3f} log points from {found.n:,} PERM "
        "filings, shrunk toward the market; PERM wages are often the bottom of the offered "
        "range, and PERM has no bonus or stock, so total shifts as base does)"
    )
    ests = [e for e in (base_est, total_est) if e is not None]
    return EmployerCheck(
        employer=found.employer,
        offset=found,
        base_vs_employer=base_cmp,
        total_vs_employer=total_cmp,
        note=note,
    ), ests


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
    as_of: str | None = None,
    employer: str | None = None,
) -> OfferCheck:
    """Check an offer: base and total comp each placed among peers of the same role,
    seniority and metro (see module doc), with a verdict for each; with ``employer``, also
    against the model's figures at that employer (``vs_employer``)."""
    if not isinstance(role_id, str) or not role_id.strip():
        raise InputError("a role id is required, e.g. software-engineer (see `paypath roles list`)")
    role = get_role(role_id)
    salary = _amount("base salary", salary)
    bonus, equity, signon = (
        _amount(n, v) for n, v in (("bonus", bonus), ("equity", equity), ("sign-on", signon))
    )
    vesting_years = _amount("vesting years", vesting_years)
    if not 0 < salary < 100_000_000:
        raise InputError(f"base salary {salary:g} is not a plausible annual amount in USD")
    if min(bonus, equity, signon) < 0:
        raise InputError("bonus, equity and sign-on must not be negative")
    if vesting_years <= 0:
        raise InputError("vesting years must be positive (e.g. 4)")
    if years is not None:
        years = _amount("years of experience", years)
    area = resolve_location(location)
    level = seniority or level_for_years(years)
    if seniority is not None:
        level = estimate_pay(role.id, "national", level=seniority, as_of=as_of).level
    equity_per_year = equity / vesting_years
    total = salary + bonus + equity_per_year + signon / SIGNON_SPREAD_YEARS
    base_cmp, base_est = _compare("base", salary, role.id, area, level, as_of)
    total_cmp, total_est = _compare("total", total, role.id, area, level, as_of)
    vs_employer, employer_ests = (
        (None, [])
        if employer is None
        else _vs_employer(employer, salary, total, role.id, area, level, as_of)
    )
    sources: list[str] = []
    for est in (base_est, total_est, *employer_ests):
        for s in est.sources if est else []:
            if s not in sources:
                sources.append(s)
    skill_list = list(skills)
    method = (
        "total = base + bonus + equity / vesting years + sign-on / 4; base and total each "
        "placed among peers (pay model: role, seniority, metro -> state -> country) with "
        "paypath.verdict.place; below < p25 <= within <= p75 < above"
    )
    if skill_list:
        method += "; skills are not used to shift the peer figures"
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
        base_vs_peers=base_cmp,
        total_vs_peers=total_cmp,
        vs_employer=vs_employer,
        sources=sources,
        method=method,
    )
