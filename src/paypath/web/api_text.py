"""`/api/skills…`, `/api/salary/parse`, `/api/roles/classify`: reading text.

Shapes match `paypath skills resolve|extract --json`, `paypath salary parse --json` and
`paypath roles classify --json`.
"""

from __future__ import annotations

from collections import Counter

from fastapi import APIRouter, Query

from paypath.salary import parse_salary
from paypath.skills import extract_skills, resolve_skill
from paypath.titles import classify_title
from paypath.web.errors import ERROR_RESPONSES
from paypath.web.models import (
    ExtractedSkills,
    ExtractIn,
    ParsedSalary,
    ResolvedSkill,
    SalaryIn,
    SkillSpan,
    TitleAlternative,
    TitleOut,
)

__all__ = ["router"]

router = APIRouter(prefix="/api", responses=ERROR_RESPONSES)


@router.get(
    "/skills/resolve", response_model=ResolvedSkill, tags=["skills"], summary="Resolve a skill"
)
def resolve(
    name: str = Query(
        min_length=1,
        max_length=200,
        description="A skill name, id or alias, any case (e.g. 'k8s', 'PyTorch').",
        examples=["k8s"],
    ),
) -> ResolvedSkill:
    """The catalog skill a name, id or alias stands for; 404 lists close matches."""
    skill = resolve_skill(name)
    return ResolvedSkill(id=skill.id, name=skill.name, category=skill.category)


@router.post(
    "/skills/extract", response_model=ExtractedSkills, tags=["skills"], summary="Extract skills"
)
def extract(body: ExtractIn) -> ExtractedSkills:
    """Every skill mention in a text (job ad, résumé), in text order, with its span and
    context; with ``scope: requirements`` only the skills the text asks of the candidate."""
    mentions = extract_skills(body.text, body.scope)
    return ExtractedSkills(
        scope=body.scope,
        skills=[
            SkillSpan(
                id=m.id, name=m.name, start=m.start, end=m.end, text=m.text, context=m.context
            )
            for m in mentions
        ],
        counts=dict(Counter(m.id for m in mentions)),
    )


@router.post(
    "/salary/parse", response_model=ParsedSalary, tags=["salary"], summary="Parse a salary"
)
def parse(body: SalaryIn) -> ParsedSalary:
    """The first salary in a text, annualised and converted to USD."""
    salary = parse_salary(body.text, default_currency=body.currency.upper())
    if salary is None:
        return ParsedSalary(text=body.text, found=False, input=body.text)
    found = {**salary.model_dump(mode="json"), "found": True, "input": body.text}
    return ParsedSalary.model_validate(found)


@router.get(
    "/roles/classify", response_model=TitleOut, tags=["roles"], summary="Classify a job title"
)
def classify(
    title: str = Query(
        min_length=1, max_length=300, description="A job title.", examples=["Senior SRE"]
    ),
) -> TitleOut:
    """The catalog role and seniority of a job title (`other` for non-tech titles)."""
    match = classify_title(title)
    return TitleOut(
        title=match.title,
        role=match.role,
        seniority=match.seniority,
        score=match.score,
        ambiguous=match.ambiguous,
        alternatives=[TitleAlternative(role=r, score=s) for r, s in match.alternatives],
    )
