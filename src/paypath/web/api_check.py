"""`/api/check`: claims in an article beside official and market pay, in the shape of
`paypath check --json` (the report without the echoed text)."""

from __future__ import annotations

from fastapi import APIRouter
from pydantic import BaseModel

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


def run_check(body: CheckIn) -> ClaimReport:
    return serialized(check_claims, body.text, area=body.area)


@router.post("/check", response_model=ClaimCheck, summary="Check an article's claims")
def check_endpoint(body: CheckIn) -> ClaimCheck:
    """Find role, pay and skill claims in a text (plain, Markdown or HTML) and set each
    beside BLS wages and market data, with a verdict."""
    report = run_check(body)
    return ClaimCheck.model_validate(report.model_dump(exclude={"text"}))
