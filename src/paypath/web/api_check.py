"""`/api/check`: claims in an article beside official and market pay, in the shape of
`paypath check --json` (the report without the echoed text)."""

from __future__ import annotations

from fastapi import APIRouter
from pydantic import BaseModel

from paypath.advisor import resolve_location
from paypath.claims import ClaimReport, PayClaim, RoleMention, SkillClaim, check_claims
from paypath.web.errors import ERROR_RESPONSES
from paypath.web.models import CheckIn
from paypath.web.serial import serialized

__all__ = ["ClaimCheck", "router", "run_check"]

router = APIRouter(prefix="/api", tags=["claims"], responses=ERROR_RESPONSES)


class ClaimCheck(BaseModel):
    """`paypath check --json`: the claim report less the text it was given."""

    area: str
    roles: list[RoleMention]
    pay_claims: list[PayClaim]
    skill_claims: list[SkillClaim]
    caveats: list[str]
    sources: list[str]


CLAIMS_SHOWN = 200  # per list: a reply stays well under 1 MB whatever the text


def run_check(body: CheckIn) -> ClaimReport:
    """Check the claims; an unknown area is refused up front (404), never echoed back."""
    area = serialized(resolve_location, body.area)
    return serialized(check_claims, body.text, area=area)


def bounded(report: ClaimReport) -> ClaimCheck:
    """The report less its text, each list cut to :data:`CLAIMS_SHOWN` with a caveat."""
    data = report.model_dump(exclude={"text"})
    for key, label in (
        ("roles", "role mentions"),
        ("pay_claims", "pay claims"),
        ("skill_claims", "skill claims"),
    ):
        if len(data[key]) > CLAIMS_SHOWN:
            data["caveats"].append(
                f"showing the first {CLAIMS_SHOWN} of {len(data[key]):,} {label}; "
                "check a shorter part of the text for the rest"
            )
            data[key] = data[key][:CLAIMS_SHOWN]
    return ClaimCheck.model_validate(data)


@router.post("/check", response_model=ClaimCheck, summary="Check an article's claims")
def check_endpoint(body: CheckIn) -> ClaimCheck:
    """Find role, pay and skill claims in a text (plain, Markdown or HTML) and set each
    beside BLS wages and market data, with a verdict."""
    return bounded(run_check(body))
