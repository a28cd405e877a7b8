"""`/api/employers` and `/api/trends`: DOL OFLC employer pay and pay over time (what
`paypath employers … --json` and `paypath trends … --json` print)."""

from __future__ import annotations

from fastapi import APIRouter, Path, Query

from paypath.employers import EmployerProfile, EmployerRanking, employer_profile, top_payers
from paypath.trends import RoleTrend, role_trend
from paypath.web.errors import ERROR_RESPONSES

__all__ = ["router"]

router = APIRouter(tags=["employers"], responses=ERROR_RESPONSES)

AREA = Query(
    default="national",
    min_length=1,
    max_length=100,
    description="national, a state or a metro area.",
)
YEAR = Query(default="all", pattern="^(all|2023|2026)$", description="Fiscal year.")


@router.get("/api/employers", response_model=EmployerRanking, summary="Top payers for a role")
def employers_endpoint(
    role: str = Query(min_length=1, max_length=80, examples=["ml-engineer"]),
    area: str = AREA,
    year: str = YEAR,
    limit: int = Query(default=10, ge=1, le=100),
) -> EmployerRanking:
    """Employers ranked by median offered base wage (DOL OFLC PERM filings, n >= 10)."""
    return top_payers(role, area, fiscal_year=year, limit=limit)


@router.get("/api/employers/{name}", response_model=EmployerProfile, summary="Pay at one employer")
def employer_endpoint(
    name: str = Path(min_length=1, max_length=200, examples=["Google"]),
    area: str = AREA,
    year: str = YEAR,
) -> EmployerProfile:
    """Roles and offered base wage at one employer; names are read like filings."""
    return employer_profile(name, area, fiscal_year=year)


@router.get("/api/trends/{role_id}", response_model=RoleTrend, summary="Pay over time")
def trends_endpoint(
    role_id: str = Path(min_length=1, max_length=80, examples=["software-engineer"]),
    program: str = Query(default="lca", pattern="^(lca|perm)$"),
    country: str = Query(default="US", min_length=2, max_length=2),
) -> RoleTrend:
    """Median offered wage of the role's SOC by fiscal year, and advertised-wage growth."""
    return role_trend(role_id, program=program, country=country)
