"""`GET /api/pay`: what a role pays (base and total comp), as `paypath pay ROLE --json`."""

from __future__ import annotations

from fastapi import APIRouter, Query

from paypath.pay_model import PayEstimate, estimate_pay
from paypath.web.errors import ERROR_RESPONSES

__all__ = ["router"]

router = APIRouter(prefix="/api", tags=["pay"], responses=ERROR_RESPONSES)


@router.get("/pay", response_model=PayEstimate, summary="Pay of a role by area and seniority")
def pay_endpoint(
    role: str = Query(..., min_length=1, max_length=80, examples=["ml-engineer"]),
    area: str = Query(default="national", min_length=1, max_length=100),
    years: float | None = Query(default=None, ge=0, le=70),
    level: str | None = Query(
        default=None, pattern="^(junior|mid|senior|staff|principal)$", description="or years"
    ),
    employer: str | None = Query(default=None, max_length=120),
    as_of: str | None = Query(default=None, pattern=r"^\d{4}-\d{2}$", description="YYYY-MM"),
) -> PayEstimate:
    """Base and total-comp p10/p25/median/p75/p90 (annual USD, US), each with n and source;
    a figure the data cannot support is null with base_reason / total_reason."""
    return estimate_pay(role, area, years=years, level=level, employer=employer, as_of=as_of)
