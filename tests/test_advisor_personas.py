"""Advisor personas (issue #15): people described as a recruiter would, whose top role is
the one the recruiter would name. The personas live in fixtures/advisor_personas.yaml so
that bench/advisor_personas.py reports on the same set."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from paypath.advisor import build_profile, recommend_roles
from paypath.catalog import get_role

PERSONAS: list[dict[str, Any]] = yaml.safe_load(
    (Path(__file__).parent / "fixtures" / "advisor_personas.yaml").read_text(encoding="utf-8")
)["personas"]


def test_the_personas_cover_the_roles_the_issue_names() -> None:
    assert len(PERSONAS) >= 14
    wanted = {p["expected"] for p in PERSONAS}
    for role in (
        "ml-engineer",
        "software-engineer",
        "data-engineer",
        "data-scientist",
        "data-analyst",
        "cybersecurity-architect",
        "software-engineering-manager",
        "product-manager",
        "ai-product-manager",
        "site-reliability-engineer",
        "devops-engineer",
        "cloud-solutions-architect",
        "blockchain-developer",
        "ai-research-scientist",
    ):
        assert role in wanted
        get_role(role)


@pytest.mark.parametrize("persona", PERSONAS, ids=[p["name"] for p in PERSONAS])
def test_persona_top_role_is_the_one_a_recruiter_would_name(persona: dict[str, Any]) -> None:
    profile = build_profile(persona["skills"], years=persona.get("years"))
    assert not profile.unknown, profile.unknown
    roles = recommend_roles(profile)
    top = roles[0]
    assert top.id == persona["expected"], [(r.id, r.fit, r.score) for r in roles[:3]]
    # the winner wins on fit, not on pay alone: it is among the two best fits
    assert top.fit >= sorted((r.fit for r in roles), reverse=True)[1]
