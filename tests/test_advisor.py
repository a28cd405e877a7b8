"""The advisor end to end on the bundled data: realistic profiles, pay with sources, next skills."""

from __future__ import annotations

from pathlib import Path

import pytest

from paypath.advisor import advise, build_profile, held, next_skills, recommend_roles
from paypath.catalog import get_role, implied_skills, load_roles
from paypath.errors import InputError, UnknownArea, UnknownRole
from paypath.pay_evidence import expected_pay
from paypath.pay_model import estimate_pay
from paypath.profile import years_from_text
from paypath.resume import read_resume
from paypath.skills import extract_skills

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "resumes"

PROFILES = [
    pytest.param(
        "Python, PyTorch, transformers, distributed training",
        {"ai-research-scientist", "ml-engineer"},
        id="ml-research",
    ),
    pytest.param(
        "Terraform, AWS, Kubernetes, networking",
        {"cloud-solutions-architect", "devops-engineer", "site-reliability-engineer"},
        id="cloud",
    ),
    pytest.param("SQL, Excel, Tableau, Power BI", {"data-analyst"}, id="analyst"),
    pytest.param(
        "Solidity, smart contracts, Ethereum, cryptography", {"blockchain-developer"}, id="web3"
    ),
    pytest.param(
        "SIEM, penetration testing, risk assessment, GDPR, HIPAA, zero trust",
        {"cybersecurity-architect", "security-engineer"},
        id="security",
    ),
    pytest.param("Selenium, test automation, software testing, Cypress", {"qa-engineer"}, id="qa"),
    pytest.param(
        "product strategy, roadmapping, stakeholder management, communication",
        {"product-manager", "ai-product-manager"},
        id="product",
    ),
]


@pytest.mark.parametrize(("skills", "expected_top"), PROFILES)
def test_realistic_profiles_rank_the_right_role_first(skills: str, expected_top: set[str]) -> None:
    roles = recommend_roles(build_profile([skills], years=5))
    assert roles[0].id in expected_top, [(r.id, r.score) for r in roles[:4]]
    assert len(roles) == len(load_roles())
    assert [r.score for r in roles] == sorted((r.score for r in roles), reverse=True)


def test_role_fits_explain_matched_and_missing_skills() -> None:
    profile = build_profile(["python, pytorch, transformers, distributed training"])
    top = recommend_roles(profile)[0]
    role = get_role(top.id)
    assert set(top.matched) | set(top.missing) == set(role.skill_ids())
    assert not set(top.matched) & set(top.missing)
    # matched = the person's skills plus the ones they imply (PyTorch -> Python)
    assert set(top.matched) <= held(profile.skills)
    assert set(top.matched) - set(profile.skills) <= implied_skills(profile.skills)


def test_expected_pay_is_the_pay_models_base_at_the_persons_seniority() -> None:
    pay = expected_pay("software-engineer", "national", 5.0)
    assert pay.median is not None and pay.p25 is not None and pay.p75 is not None
    assert pay.p25 <= pay.median <= pay.p75
    assert "BLS" in pay.source and pay.kind == "base" and pay.country == "US"
    model = estimate_pay("software-engineer", "national", years=5.0).base
    assert model is not None and pay.expected == model.median and pay.level == "senior"
    junior = expected_pay("software-engineer", "national", 1.0)
    senior = expected_pay("software-engineer", "national", 12.0)
    assert junior.expected is not None and senior.expected is not None
    assert junior.expected < senior.expected


def test_uplift_is_expected_pay_minus_salary() -> None:
    profile = build_profile(["terraform, aws, kubernetes"], years=6, salary=90_000)
    for fit in recommend_roles(profile):
        if fit.expected_pay.expected is None:
            assert fit.uplift is None
        else:
            assert fit.uplift == pytest.approx(fit.expected_pay.expected - 90_000, abs=100)


def test_location_changes_pay_and_unknown_location_is_an_error() -> None:
    national = recommend_roles(build_profile(["python, sql"]))
    california = recommend_roles(build_profile(["python, sql"], location="California"))
    by_id = {r.id: r.expected_pay for r in national}
    assert any(r.expected_pay.median != by_id[r.id].median for r in california)
    with pytest.raises(UnknownArea):
        recommend_roles(build_profile(["python"], location="Atlantis"))


def test_next_skills_are_missing_skills_with_evidence() -> None:
    profile = build_profile(["sql, python, docker"], years=4)
    ranked = next_skills(profile, "ml-engineer", limit=None)
    role = get_role("ml-engineer")
    assert {s.id for s in ranked} == set(role.skill_ids()) - {"sql", "python", "docker"}
    for skill in ranked:
        kinds = {e.kind for e in skill.evidence}
        assert {"effort", "premium", "fit"} <= kinds
        assert all(e.source for e in skill.evidence)
        assert skill.effort > 0
        if skill.uplift is not None:
            assert skill.premium is not None
            assert skill.uplift_per_week == pytest.approx(skill.uplift / skill.effort, abs=0.1)
    head = [
        s.uplift_per_week
        for s in ranked
        if s.premium_significant and s.uplift_per_week and s.uplift_per_week > 0
    ]
    # skills with a significant positive premium come first, by uplift per week of effort
    assert [s.uplift_per_week for s in ranked[: len(head)]] == sorted(head, reverse=True)


def test_next_skill_uplift_is_capped_at_what_the_premium_ci_supports() -> None:
    from paypath.advisor import role_premiums

    profile = build_profile(["sql, python, docker"], years=4)
    premiums, _ = role_premiums("ml-engineer")
    checked = 0
    for skill in next_skills(profile, "ml-engineer", limit=None):
        est = premiums.get(skill.id)
        if est is None or skill.uplift is None:
            continue
        pay = next(e.value for e in skill.evidence if e.kind == "pay")
        assert pay is not None
        if est.ci_low is None or est.ci_low <= 0:
            assert skill.uplift == 0  # the CI includes 0: no uplift is supported
        else:
            assert skill.uplift <= est.ci_low * pay + 50  # rounded to $100
            assert skill.uplift <= est.premium * pay + 50
        checked += 1
    assert checked > 0


def test_advise_document_matches_the_cli_contract() -> None:
    profile = build_profile(["Python, PyTorch, quantum basket weaving"], salary=120_000)
    doc = advise(profile).model_dump(mode="json")
    assert doc["profile"]["unknown"] == ["quantum basket weaving"]
    role = doc["roles"][0]
    assert {"id", "title", "fit", "matched", "missing", "expected_pay", "uplift"} <= set(role)
    assert {"median", "p25", "p75", "source"} <= set(role["expected_pay"])
    assert doc["target"] == role["id"]
    for skill in doc["next_skills"]:
        assert {"id", "name", "uplift", "effort", "evidence"} <= set(skill)
    assert doc["sources"] and doc["method"]


def test_advise_with_a_current_role_adds_a_career_path() -> None:
    profile = build_profile(["sql, excel, tableau"], current_role="data-analyst")
    advice = advise(profile, target="ml-engineer")
    assert advice.career_path is not None
    assert advice.career_path.steps[0].role == "data-analyst"
    assert advice.career_path.steps[-1].role == "ml-engineer"


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        pytest.param({"skills": ["basket weaving"]}, InputError, id="no-known-skills"),
        pytest.param({"skills": []}, InputError, id="nothing-given"),
        pytest.param({"skills": ["python"], "salary": -5.0}, InputError, id="negative-salary"),
        pytest.param({"skills": ["python"], "years": 99.0}, InputError, id="impossible-years"),
        pytest.param(
            {"skills": ["python"], "current_role": "pastry chef"},
            UnknownRole,
            id="non-tech-current-role",
        ),
    ],
)
def test_bad_profiles(kwargs: dict[str, object], error: type[Exception]) -> None:
    skills = kwargs.pop("skills")
    assert isinstance(skills, list)
    with pytest.raises(error):
        build_profile(skills, **kwargs)  # type: ignore[arg-type]


@pytest.mark.parametrize("fmt", ["pdf", "docx", "md", "txt"])
@pytest.mark.parametrize("name", ["ml_researcher", "cloud_engineer", "data_analyst"])
def test_resume_in_each_format_gives_the_skills_of_its_plain_text(name: str, fmt: str) -> None:
    plain = (FIXTURES / f"{name}.txt").read_text(encoding="utf-8")
    expected = [m.id for m in extract_skills(plain)]
    assert expected, "the fixture mentions no catalog skills"
    assert [m.id for m in extract_skills(read_resume(FIXTURES / f"{name}.{fmt}"))] == expected
    profile = build_profile(resume_text=read_resume(FIXTURES / f"{name}.{fmt}"))
    assert set(profile.skills) == set(expected)


@pytest.mark.parametrize(
    ("name", "expected_top"),
    [
        pytest.param("ml_researcher", {"ai-research-scientist", "ml-engineer"}, id="ml"),
        pytest.param(
            "cloud_engineer",
            {"devops-engineer", "cloud-solutions-architect", "site-reliability-engineer"},
            id="cloud",
        ),
        pytest.param("data_analyst", {"data-analyst", "data-scientist"}, id="analyst"),
    ],
)
def test_resumes_rank_their_role_first(name: str, expected_top: set[str]) -> None:
    profile = build_profile(resume_text=read_resume(FIXTURES / f"{name}.pdf"))
    assert profile.years is not None and profile.years_source is not None
    assert recommend_roles(profile)[0].id in expected_top


@pytest.mark.parametrize(
    ("text", "years"),
    [
        pytest.param("Research scientist with 7 years of experience", 7.0, id="plain"),
        pytest.param("10+ years of professional experience in SRE", 10.0, id="plus"),
        pytest.param("3 yrs experience; later 5 years of industry experience", 5.0, id="largest"),
        pytest.param("Engineer with 6 years building AWS platforms", 6.0, id="with-n-years"),
        pytest.param("I led 4 teams for 3 years", None, id="none"),
    ],
)
def test_years_from_text(text: str, years: float | None) -> None:
    found = years_from_text(text)
    assert (found[0] if found else None) == years


def test_implied_skills_count_as_held_and_are_not_suggested() -> None:
    # PyTorch implies Python, Kubernetes implies Docker (skill_implications.yaml)
    profile = build_profile(["pytorch", "kubernetes"])
    assert {"python", "docker"} <= implied_skills(profile.skills)
    for role in ("ml-engineer", "devops-engineer"):
        suggested = {s.id for s in next_skills(profile, role, limit=None)}
        assert not suggested & {"python", "docker", "pytorch", "kubernetes"}
    ml = next(r for r in recommend_roles(profile) if r.id == "ml-engineer")
    assert "python" in ml.matched and "python" not in ml.missing


def test_the_only_role_with_pay_in_the_area_does_not_win_at_two_percent_fit(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import paypath.advisor as advisor
    from paypath.pay_evidence import ExpectedPay

    # the best fit is modest (~0.18): a full pay term alone (0.20) would outweigh it
    profile = build_profile(["excel", "communication"])
    fits = {r.id: r.fit for r in recommend_roles(profile)}
    thin = min((r for r in fits if fits[r] > 0), key=lambda r: fits[r])
    assert fits[thin] < 0.02 and 0.1 < fits["data-analyst"] < 0.3

    def only_thin_pays(role_id: str, area: str, years: float | None) -> ExpectedPay:
        pay = 250_000.0 if role_id == thin else None
        return ExpectedPay(
            median=pay, p25=pay, p75=pay, expected=pay, percentile=50, area=area, source="test"
        )

    monkeypatch.setattr(advisor, "expected_pay", only_thin_pays)
    top = recommend_roles(profile)[0]
    assert top.id == "data-analyst"


def test_a_barely_fitting_role_does_not_win_on_pay() -> None:
    # one shared skill with every role: fit decides, not which role has a pay figure
    profile = build_profile(["excel", "communication", "sql", "tableau"])
    top = recommend_roles(profile)[0]
    assert top.id == "data-analyst"
    best_fit = max(r.fit for r in recommend_roles(profile))
    assert top.fit == best_fit
