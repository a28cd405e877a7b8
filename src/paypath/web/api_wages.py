"""`/api/wages/…`: BLS OEWS May 2025 wages for a role or a SOC code, in the library's models
(what `paypath wages ROLE|SOC --json` prints)."""

from __future__ import annotations

import re

from fastapi import APIRouter, Path, Query

from paypath.pay_model import official_wages, official_wages_by_state
from paypath.wages import RoleWages, WagePercentiles
from paypath.web.errors import ERROR_RESPONSES

__all__ = ["router"]

router = APIRouter(prefix="/api/wages", tags=["wages"], responses=ERROR_RESPONSES)

_SOC = re.compile(r"^\d{2}-?\d{4}$")
KEY = Path(
    description="A role id (e.g. ml-engineer) or a SOC 2018 code (e.g. 15-1252).",
    min_length=1,
    max_length=80,
    examples=["ml-engineer"],
)


@router.get("/{key}", response_model=RoleWages | WagePercentiles, summary="Wages of a role or SOC")
def wages_endpoint(
    key: str = KEY,
    area: str = Query(
        default="national",
        min_length=1,
        max_length=100,
        description="national, a state or a metro area (close matches are suggested).",
    ),
) -> RoleWages | WagePercentiles:
    """Annual p10/p25/median/p75/p90, mean and employment; a role combines its SOC codes by
    employment. Values BLS suppresses are null; top-coded values are listed in top_coded."""
    return official_wages(key, area)


@router.get(
    "/{key}/states",
    response_model=list[RoleWages] | list[WagePercentiles],
    summary="Wages by state",
)
def states_endpoint(key: str = KEY) -> list[RoleWages] | list[WagePercentiles]:
    """The same figures in every state (and DC, PR, territories), in BLS area order."""
    return official_wages_by_state(key)
