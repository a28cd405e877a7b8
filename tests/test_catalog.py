"""The role catalog holds the seed article's facts exactly, and validates."""

from __future__ import annotations

from pathlib import Path

import pytest

from paypath.catalog import get_role, get_skill, load_catalog, load_roles
from paypath.errors import UnknownRole, UnknownSkill

SEED = Path(__file__).resolve().parents[2] / "shared" / "seed" / "000_fe5159adbbef7dec.txt"

SEED_BANDS = [
    ("ai-research-scientist", "AI Research Scientist", 160_000, 240_000, True),
    ("ml-engineer", "Machine Learning Engineer", 150_000, 210_000, False),
    ("cloud-solutions-architect", "Cloud Solutions Architect", 145_000, 190_000, False),
    ("cybersecurity-architect", "Cybersecurity Architect", 155_000, 220_000, False),
    ("data-scientist", "Data Scientist", 130_000, 180_000, False),
    ("devops-engineer", "DevOps Engineer", 130_000, 175_000, False),
    ("blockchain-developer", "Blockchain Developer", 140_000, 200_000, False),
    ("software-engineering-manager", "Software Engineering Manager", 170_000, 230_000, False),
    ("ai-product-manager", "AI Product Manager", 150_000, 210_000, False),
    ("site-reliability-engineer", "Site Reliability Engineer", 140_000, 185_000, False),
]
SUPPORT_ROLES = [
    "software-engineer",
    "data-engineer",
    "data-analyst",
    "security-engineer",
    "product-manager",
    "qa-engineer",
    "systems-administrator",
]


@pytest.mark.parametrize(
    ("role_id", "title", "lo", "hi", "open_ended"), SEED_BANDS, ids=[r[0] for r in SEED_BANDS]
)
def test_seed_role_band_matches_the_article(
    role_id: str, title: str, lo: int, hi: int, open_ended: bool
) -> None:
    role = get_role(role_id)
    assert role.title == title
    assert role.seed
    band = role.salary_band
    assert band is not None
    assert (band.min, band.max, band.open_ended, band.currency) == (lo, hi, open_ended, "USD")
    assert "Highest paying tech jobs in 2026" in band.source.title
    quote = band.source.quote or ""
    assert f"${lo:,}" in quote and f"${hi:,}" in quote


@pytest.mark.skipif(not SEED.exists(), reason="shared/seed is not beside this checkout")
@pytest.mark.parametrize("role_id", [r[0] for r in SEED_BANDS])
def test_seed_responsibilities_and_band_quote_are_in_the_article(role_id: str) -> None:
    text = " ".join(SEED.read_text(encoding="utf-8").split())  # the article uses no-break spaces
    role = get_role(role_id)
    assert role.salary_band is not None and role.salary_band.source.quote in text
    assert role.responsibilities, "every seed role lists the article's responsibilities"
    for item in role.responsibilities:
        assert item in text


def test_catalog_has_seed_and_support_roles() -> None:
    ids = {r.id for r in load_roles()}
    assert {r[0] for r in SEED_BANDS} | set(SUPPORT_ROLES) == ids


@pytest.mark.parametrize(
    ("role_id", "soc"),
    [
        ("ai-research-scientist", "15-1221"),
        ("software-engineering-manager", "11-3021"),
        ("data-scientist", "15-2051"),
    ],
)
def test_soc_mapping(role_id: str, soc: str) -> None:
    assert soc in get_role(role_id).soc_codes


def test_every_role_has_required_and_optional_skills_and_patterns() -> None:
    for role in load_roles():
        assert role.skill_ids(required=True), role.id
        assert role.title_patterns, role.id
        assert all(len(code) == 7 and code[2] == "-" for code in role.soc_codes), role.id


def test_meta_skills_are_attached_to_every_seed_role() -> None:
    meta = {
        "ai-fluency",
        "systems-thinking",
        "security-awareness",
        "executive-communication",
        "adaptability",
    }
    for role_id, *_ in SEED_BANDS:
        assert meta <= set(get_role(role_id).skill_ids()), role_id
    for skill_id in meta:
        assert get_skill(skill_id).category in {"soft", "practice"}


def test_cross_references_are_valid() -> None:
    catalog = load_catalog()  # validation raises on unknown ids
    assert len(catalog.roles) == 17


def test_unknown_ids_raise_lookup_errors_with_guidance() -> None:
    with pytest.raises(UnknownRole, match="known roles"):
        get_role("astronaut")
    with pytest.raises(LookupError, match="skills resolve"):
        get_skill("no-such-skill")
    assert issubclass(UnknownSkill, LookupError)
