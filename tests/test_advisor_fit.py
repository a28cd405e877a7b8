"""Role fit and pay positioning: the pure parts of the advisor, on the real catalog."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from paypath.advisor import PARTIAL_CREDIT, REQUIRED_SHARE, advise, fit_value, role_fit
from paypath.catalog import get_role, load_roles, load_skills
from paypath.pay_evidence import percentile_of_value
from paypath.profile import build_profile

SKILL_IDS = sorted(s.id for s in load_skills())
ROLE_IDS = [r.id for r in load_roles()]


# BLS OEWS May 2024 national wages for 15-1252 Software Developers (published figures).
DEV = [(10, 79_850.0), (25, 101_200.0), (50, 133_080.0), (75, 169_990.0), (90, 211_450.0)]


@pytest.mark.parametrize(
    ("amount", "pct", "clipped"),
    [
        pytest.param(133_080.0, 50.0, None, id="median"),
        pytest.param(117_140.0, 37.5, None, id="between-p25-and-median"),
        pytest.param(60_000.0, 10.0, "below p10", id="below-range"),
        pytest.param(250_000.0, 90.0, "above p90", id="above-range"),
    ],
)
def test_percentile_of_value(amount: float, pct: float, clipped: str | None) -> None:
    got, why = percentile_of_value(DEV, amount)
    assert got == pytest.approx(pct, abs=0.01) and why == clipped


def test_suppressed_percentiles_are_skipped() -> None:
    points: list[tuple[float, float | None]] = [(10, None), (25, 100.0), (50, 200.0), (75, None)]
    assert percentile_of_value(points, 150.0) == (pytest.approx(37.5), None)
    assert percentile_of_value([(50, None)], 1.0) == (None, None)


@pytest.mark.parametrize("role_id", ROLE_IDS)
def test_a_roles_own_required_skills_give_at_least_the_required_share(role_id: str) -> None:
    role = get_role(role_id)
    required = frozenset(role.skill_ids(required=True))
    fit, relevance, matched, _, missing = role_fit(role, required)
    assert fit >= REQUIRED_SHARE - 1e-9 and relevance == 1.0
    assert set(matched) == required and not set(missing) & required
    assert fit_value(role, frozenset(role.skill_ids())) == pytest.approx(1.0)


@settings(max_examples=60, deadline=None)
@given(
    st.sampled_from(ROLE_IDS),
    st.sets(st.sampled_from(SKILL_IDS), max_size=12),
    st.sampled_from(SKILL_IDS),
)
def test_fit_never_drops_when_a_skill_is_added(role_id: str, have: set[str], extra: str) -> None:
    role = get_role(role_id)
    before = fit_value(role, frozenset(have))
    after = fit_value(role, frozenset(have | {extra}))
    assert 0.0 <= before <= after <= 1.0


def test_related_skills_earn_partial_credit() -> None:
    pairs = [(s.id, r) for s in load_skills() for r in s.related]
    role_skills = {(role.id, rs.skill) for role in load_roles() for rs in role.skills}
    cases = [
        (role_id, skill, other)
        for role_id, skill in sorted(role_skills)
        for a, other in pairs
        if a == skill and (role_id, other) not in role_skills
    ]
    if not cases:
        pytest.fail("the catalog has no Skill.related links between role skills")
    role_id, skill, other = cases[0]
    role = get_role(role_id)
    _, _, matched, partial, missing = role_fit(role, frozenset({other}))
    assert skill in missing and skill not in matched
    assert any(p.skill == skill and p.via == other for p in partial)
    assert fit_value(role, frozenset({other})) > 0
    assert fit_value(role, frozenset({other})) < fit_value(role, frozenset({skill})) + 1e-9
    assert PARTIAL_CREDIT == 0.5


GATES_CSV = Path(__file__).resolve().parents[1] / "scripts" / "role_gates.csv"


def test_role_gates_are_the_measured_ones() -> None:
    """roles.yaml's gates are exactly the rows scripts/build_role_skills.py marks as gates
    (a majority of the role's postings ask for it, by the Wilson 95% lower bound)."""
    with GATES_CSV.open(encoding="utf-8", newline="") as fh:
        measured = {
            (r["role"], r["gate"]): (float(r["share"]), int(r["n"]))
            for r in csv.DictReader(fh)
            if r["gate_applies"] == "True"
        }
    shipped = {(r.id, g.skill): (g.share, g.n) for r in load_roles() for g in r.gates}
    assert shipped == measured
    assert ("ai-research-scientist", "research-publication") in shipped


def test_a_gate_scales_the_fit_by_the_postings_one_qualifies_for() -> None:
    role = get_role("ai-research-scientist")
    (gate,) = role.gates
    ungated = role.model_copy(update={"gates": ()})
    have = frozenset({"python", "pytorch", "deep-learning", "machine-learning", "transformers"})
    assert fit_value(role, have) == pytest.approx(fit_value(ungated, have) * (1 - gate.share))
    shown = have | {gate.skill}
    assert fit_value(role, shown) == pytest.approx(fit_value(ungated, shown))


def test_the_gate_is_said_where_it_applies() -> None:
    profile = build_profile(["deep learning, transformers, JAX, probability"], years=3)
    advice = advise(profile, limit=20)
    scientist = next(r for r in advice.roles if r.id == "ai-research-scientist")
    assert scientist.gates and "a PhD or publications" in scientist.gates[0]
    assert scientist.gates[0] in advice.notes
    phd = build_profile(["PhD, deep learning, transformers, JAX, probability"], years=3)
    assert "research-publication" in phd.skills  # typed "PhD" names the research record
    assert next(r for r in advise(phd, limit=20).roles if r.id == scientist.id).gates == []
