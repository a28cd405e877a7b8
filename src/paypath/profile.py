"""A person's profile: skills (catalog ids), experience, location, salary, current role.

Skills come from names or aliases given by the person (resolved through the taxonomy;
unknown names are kept in ``unknown`` so they can be reported) and from the text of a
résumé (:func:`paypath.skills.extract_skills`). Résumé text is only read here, in
memory: the profile keeps the skill ids and a count, never the text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from pydantic import BaseModel

from paypath.catalog import get_role
from paypath.errors import InputError, UnknownRole

__all__ = ["Profile", "build_profile", "years_from_text"]

MAX_YEARS = 60.0
MAX_SKILL_NAMES = 200  # skill names one profile takes (each may need a fuzzy lookup)
_SHOWN_UNKNOWN = 10  # unknown names an error message lists


class Profile(BaseModel):
    """Who the advice is for. ``skills`` are catalog skill ids, in the order found."""

    skills: list[str] = []
    unknown: list[str] = []
    years: float | None = None
    location: str | None = None
    salary: float | None = None
    current_role: str | None = None
    from_resume: list[str] = []  # skill ids found in the résumé (subset of skills)
    years_source: str | None = None  # "given" or "résumé: '<phrase>'"


_YEARS = re.compile(
    r"\b(\d{1,2}(?:\.\d)?)\+?\s*(?:years?|yrs?)(?:\s+of)?(?:\s+\w+){0,3}?\s+experience"
    r"|\bwith\s+(\d{1,2}(?:\.\d)?)\+?\s*(?:years?|yrs?)\b",
    re.IGNORECASE,
)


def years_from_text(text: str) -> tuple[float, str] | None:
    """The largest "N years of (professional) experience" or "with N years" figure in a text."""
    best: tuple[float, str] | None = None
    for match in _YEARS.finditer(text):
        value = float(match.group(1) or match.group(2))
        if value <= MAX_YEARS and (best is None or value > best[0]):
            best = (value, match.group(0))
    return best


def _split(names: Iterable[str]) -> list[str]:
    out: list[str] = []
    for name in names:
        out += [part.strip() for part in name.split(",") if part.strip()]
    return out


def _current_role(value: str | None) -> str | None:
    if value is None or not value.strip():
        return None
    try:
        return get_role(value.strip()).id
    except UnknownRole:
        from paypath.titles import classify_title

        match = classify_title(value)
        if match.role == "other":
            raise UnknownRole(
                f"{value!r} is neither a role id nor a tech job title we recognise; "
                "give a role id such as 'data-engineer' or a title such as 'Senior SRE'"
            ) from None
        return match.role


def build_profile(
    skills: Iterable[str] = (),
    resume_text: str | None = None,
    *,
    years: float | None = None,
    location: str | None = None,
    salary: float | None = None,
    current_role: str | None = None,
) -> Profile:
    """A validated :class:`Profile` from skill names and/or résumé text.

    ``skills`` may hold comma-separated names. Years of experience are read from the
    résumé ("7 years of experience") when not given. Raises :class:`InputError` when
    there are no skills at all, or for a negative salary or impossible years.
    """
    from paypath.skills import extract_skills, resolve_skills

    names = _split(skills)
    if len(names) > MAX_SKILL_NAMES:
        raise InputError(
            f"{len(names):,} skill names is more than anyone lists; give at most "
            f"{MAX_SKILL_NAMES} (your main ones), or pass a résumé to read them from"
        )
    resolved, unknown = resolve_skills(names)
    ids = list(dict.fromkeys(s.id for s in resolved))
    from_resume: list[str] = []
    years_source = "given" if years is not None else None
    if resume_text is not None:
        from_resume = list(dict.fromkeys(m.id for m in extract_skills(resume_text)))
        ids = list(dict.fromkeys(ids + from_resume))
        found = years_from_text(resume_text) if years is None else None
        if found is not None:
            years, years_source = found[0], f"résumé: {found[1]!r}"
    if not ids:
        shown = ", ".join(unknown[:_SHOWN_UNKNOWN])
        more = (
            f" and {len(unknown) - _SHOWN_UNKNOWN:,} more" if len(unknown) > _SHOWN_UNKNOWN else ""
        )
        detail = f" (unknown: {shown}{more})" if unknown else ""
        raise InputError(
            f"no known skills in the input{detail}; list skills by name, such as "
            "'python, aws, sql', or give a résumé"
        )
    if salary is not None and not (0 < salary < 100_000_000):
        raise InputError(f"salary {salary:g} is not a plausible annual amount in USD")
    if years is not None and not (0 <= years <= MAX_YEARS):
        raise InputError(f"years of experience must be between 0 and {MAX_YEARS:g}")
    return Profile(
        skills=ids,
        unknown=unknown,
        years=years,
        location=location.strip() if location and location.strip() else None,
        salary=salary,
        current_role=_current_role(current_role),
        from_resume=from_resume,
        years_source=years_source,
    )
