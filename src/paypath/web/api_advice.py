"""`/api/advise`, `/api/path`, `/api/offer`: career advice, in the shapes of
`paypath advise|path|offer --json` (the library's own result models)."""

from __future__ import annotations

from functools import lru_cache

from fastapi import APIRouter, Query
from fastapi.responses import Response

from paypath.advisor import Advice, advise, build_profile
from paypath.career import CareerPath, career_path
from paypath.offer import OfferCheck, evaluate_offer
from paypath.web.errors import ERROR_RESPONSES
from paypath.web.models import AdviseIn, OfferIn
from paypath.web.serial import serialized

__all__ = ["offer_check", "router", "run_advice"]

router = APIRouter(prefix="/api", tags=["advice"], responses=ERROR_RESPONSES)
ADVICE_CACHE_SIZE = 1024  # answers of ~25 KB: at most ~25 MB


def run_advice(body: AdviseIn) -> Advice:
    """Build the profile and advise, exactly as `paypath advise` does."""
    profile = build_profile(
        body.skills,
        body.resume_text,
        years=body.years,
        location=body.location,
        salary=body.salary,
        current_role=body.current,
    )
    return advise(profile, target=body.target)


def offer_check(body: OfferIn) -> OfferCheck:
    """Check an offer, exactly as `paypath offer` does."""
    skills = build_profile(body.skills).skills if body.skills else []
    return evaluate_offer(
        body.role,
        body.salary,
        bonus=body.bonus,
        equity=body.equity,
        vesting_years=body.vesting_years,
        signon=body.signon,
        location=body.location,
        years=body.years,
        skills=skills,
        employer=body.employer,
    )


@router.post("/advise", response_model=Advice, summary="Advise on roles and skills")
def advise_endpoint(body: AdviseIn) -> Response:
    """Roles ranked for your skills (or résumé text), expected pay, gaps, next skills and,
    with a current role, the career path."""
    # A plain ``def``: FastAPI runs it in the thread pool, never on the event loop, so a
    # long résumé cannot delay other requests. The answer is a pure function of the input
    # and the bundled data, so repeated questions are cached.
    return Response(_advice_json(body.model_dump_json()), media_type="application/json")


@lru_cache(maxsize=ADVICE_CACHE_SIZE)
def _advice_json(body_json: str) -> bytes:
    advice = serialized(run_advice, AdviseIn.model_validate_json(body_json))
    return advice.model_dump_json().encode()


@router.get("/path", response_model=CareerPath, summary="Career path between two roles")
def path_endpoint(
    from_role: str = Query(
        alias="from",
        min_length=1,
        max_length=80,
        description="Current role id.",
        examples=["data-analyst"],
    ),
    to_role: str = Query(
        alias="to",
        min_length=1,
        max_length=80,
        description="Target role id.",
        examples=["ml-engineer"],
    ),
) -> CareerPath:
    """The shortest path of roles between two roles, with the skills to add at each step."""
    return serialized(career_path, from_role, to_role)


@router.post("/offer", response_model=OfferCheck, summary="Check an offer")
def offer_endpoint(body: OfferIn) -> OfferCheck:
    """An offer's base and total comp each placed among peers by the pay model (role,
    seniority, metro), with verdicts; with ``employer``, also against the model's figures
    at that employer (``vs_employer``)."""
    return serialized(offer_check, body)
