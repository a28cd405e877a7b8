"""`/api/market/…`: pay percentiles and skill premiums over the bundled market data, in the
shapes of `paypath market stats|premiums --json` (the analytics result models)."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Query

from paypath.market.analytics import PayStat, Premium, pay_stats, skill_premiums
from paypath.web.errors import ERROR_RESPONSES
from paypath.web.serial import market_store, serialized

__all__ = ["BY_CHOICES", "market_premiums", "market_stats", "router"]

router = APIRouter(prefix="/api/market", tags=["market"], responses=ERROR_RESPONSES)

ByKey = Literal["role", "location", "country", "region", "city", "seniority", "skill", "kind"]
BY_CHOICES: tuple[str, ...] = ByKey.__args__  # type: ignore[attr-defined]


def market_stats(by: list[str], role: str | None, country: str | None, min_n: int) -> list[PayStat]:
    where = {k: v for k, v in (("role_id", role), ("country", country)) if v}
    return serialized(pay_stats, market_store(), by, where=where, min_n=min_n)


def market_premiums(role: str | None, min_n: int) -> list[Premium]:
    return serialized(skill_premiums, market_store(), role=role, min_n=min_n)


@router.get("/stats", response_model=list[PayStat], summary="Pay percentiles by group")
def stats_endpoint(
    by: list[ByKey] = Query(
        default=["role"],
        max_length=4,
        description="Group by these (repeat the parameter): role, location, seniority, …",
    ),
    role: str | None = Query(default=None, max_length=80, description="Only this role id."),
    country: str | None = Query(
        default=None,
        min_length=2,
        max_length=2,
        description="Only this country (ISO 3166-1 alpha-2).",
    ),
    min_n: int = Query(default=10, ge=1, le=100_000, description="Suppress smaller groups."),
) -> list[PayStat]:
    """n and p10/p25/median/p75/p90 of annual USD pay per group, best-paid first; groups with
    fewer than ``min_n`` rows come back suppressed (n only)."""
    return market_stats(list(by), role, country, min_n)


@router.get("/premiums", response_model=list[Premium], summary="Skill pay premiums")
def premiums_endpoint(
    role: str | None = Query(default=None, max_length=80, description="Only this role id."),
    min_n: int = Query(default=30, ge=2, le=100_000, description="Rows needed with and without."),
) -> list[Premium]:
    """Pay premium of each skill (0.12 = +12%) with its 95% confidence interval, from
    log-pay regressions with controls."""
    return market_premiums(role, min_n)
