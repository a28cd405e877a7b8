"""`/api/market/…`: pay percentiles and skill premiums over the bundled market data, in the
shapes of `paypath market stats|premiums --json` (the analytics result models)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from paypath.catalog import get_role
from paypath.errors import UnknownArea
from paypath.market.analytics import PayStat, Premium, pay_stats, skill_premiums
from paypath.web.errors import ERROR_RESPONSES
from paypath.web.models import MARKET_BY, MarketQuery
from paypath.web.serial import market_store, serialized

__all__ = ["BY_CHOICES", "market_premiums", "market_stats", "router"]

router = APIRouter(prefix="/api/market", tags=["market"], responses=ERROR_RESPONSES)

BY_CHOICES = MARKET_BY


def market_stats(by: list[str], role: str | None, country: str | None, min_n: int) -> list[PayStat]:
    """Pay stats for the filters; an unknown role or a country without data is an error
    that says so (the page and the API share this rule)."""
    if role:
        get_role(role)  # UnknownRole, with close matches
    code = country.upper() if country else None
    where = {k: v for k, v in (("role_id", role), ("country", code)) if v}
    stats = serialized(pay_stats, market_store(), by, where=where, min_n=min_n)
    if code and not stats:
        known = serialized(pay_stats, market_store(), ["country"], min_n=1)
        ranked = sorted((s for s in known if s.group.get("country")), key=lambda s: -s.n)
        codes = [str(s.group["country"]) for s in ranked]
        raise UnknownArea(
            f"country {code!r} has no pay data; use a two-letter code such as "
            f"{', '.join(codes[:6])} ({len(codes)} countries have data)"
        )
    return stats


def market_premiums(role: str | None, min_n: int) -> list[Premium]:
    return serialized(skill_premiums, market_store(), role=role, min_n=min_n)


@router.get("/stats", response_model=list[PayStat], summary="Pay percentiles by group")
def stats_endpoint(query: Annotated[MarketQuery, Query()]) -> list[PayStat]:
    """n and p10/p25/median/p75/p90 of annual USD pay per group, best-paid first; groups with
    fewer than ``min_n`` rows come back suppressed (n only)."""
    return market_stats(list(query.by), query.role, query.country, query.min_n)


@router.get("/premiums", response_model=list[Premium], summary="Skill pay premiums")
def premiums_endpoint(
    role: str | None = Query(default=None, max_length=80, description="Only this role id."),
    min_n: int = Query(default=30, ge=2, le=100_000, description="Rows needed with and without."),
) -> list[Premium]:
    """Pay premium of each skill (0.12 = +12%) with its 95% confidence interval, from
    log-pay regressions with controls."""
    return market_premiums(role, min_n)
