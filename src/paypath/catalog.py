"""The catalog: roles and skills, loaded from package YAML and validated by pydantic.

``load_roles()`` and ``load_skills()`` are cached; the models are frozen so the
cached objects can be shared safely.
"""

from __future__ import annotations

import difflib
import typing
from functools import cache
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from paypath.errors import DataError, UnknownRole, UnknownSkill
from paypath.resources import load_yaml

__all__ = [
    "SKILL_CATEGORIES",
    "Alias",
    "Catalog",
    "ContextRule",
    "Role",
    "RoleGate",
    "RoleSkill",
    "SalaryBand",
    "Skill",
    "Source",
    "get_role",
    "get_skill",
    "implied_skills",
    "load_catalog",
    "load_roles",
    "load_skills",
]

SkillCategory = Literal[
    "language",
    "framework",
    "library",
    "cloud",
    "data",
    "ml",
    "security",
    "devops",
    "blockchain",
    "management",
    "practice",
    "soft",
    "math",
    "tool",
    "os",
    "database",
    "spoken-language",  # English, German, ...: asked for in job ads, esp. in Europe
]
SKILL_CATEGORIES: tuple[str, ...] = typing.get_args(SkillCategory)


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Source(_Frozen):
    """Where a fact comes from."""

    title: str
    publisher: str | None = None
    year: int | None = None
    url: str | None = None
    file: str | None = None
    quote: str | None = None


class SalaryBand(_Frozen):
    min: int = Field(gt=0)
    max: int | None = Field(default=None, gt=0)
    open_ended: bool = False  # "$240,000+": max is a floor of the top, not a cap
    currency: str = "USD"
    period: Literal["year"] = "year"
    source: Source


class ContextRule(_Frozen):
    """Context evidence for an ambiguous surface form.

    ``reject`` and ``accept`` are regular expressions matched against the text
    around a mention (``window`` characters each side, the mention itself
    replaced by ``@``). A reject match vetoes the mention; an accept match
    confirms it. Ambiguous mentions with neither need other skills nearby.
    """

    reject: tuple[str, ...] = ()
    accept: tuple[str, ...] = ()
    window: int = Field(default=40, ge=1, le=400)
    needs_accept: bool = False  # other skills nearby are not enough: an accept must match


class Alias(_Frozen):
    text: str = Field(min_length=1)
    case_sensitive: bool = False
    ambiguous: bool = False  # needs context evidence before it counts
    extract: bool = True  # False: used by resolve_skill only, never matched in free text


class Skill(_Frozen):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    name: str
    category: SkillCategory
    aliases: tuple[Alias, ...] = ()
    related: tuple[str, ...] = ()
    onet: tuple[str, ...] = ()
    context: ContextRule | None = None
    effort_weeks: float | None = Field(default=None, gt=0)  # rough learning effort
    description: str | None = None

    @model_validator(mode="before")
    @classmethod
    def _alias_strings(cls, data: object) -> object:
        if isinstance(data, dict) and "aliases" in data:
            data = dict(data)
            data["aliases"] = [
                {"text": a} if isinstance(a, str) else a for a in data["aliases"] or ()
            ]
        return data

    def surface_forms(self) -> tuple[Alias, ...]:
        """The name plus every alias (the name is case-insensitive unless an alias says so)."""
        names = {a.text for a in self.aliases}
        own = () if self.name in names else (Alias(text=self.name),)
        return own + self.aliases


class RoleSkill(_Frozen):
    skill: str
    weight: float = Field(default=1.0, gt=0, le=1)
    required: bool = True
    seed: bool = False  # listed by the seed article for this role


class RoleGate(_Frozen):
    """A record most of the role's postings ask for (a PhD or publications), held as a
    skill: a person who does not show it qualifies for the other ``1 - share`` of them.
    Measured by ``scripts/build_role_skills.py`` (``scripts/role_gates.csv``)."""

    skill: str
    share: float = Field(gt=0, le=1)  # of the role's postings that ask for it
    n: int = Field(ge=1)  # postings measured
    asks: str  # what the postings ask for, in words


class Role(_Frozen):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    title: str
    summary: str
    seed: bool = False
    salary_band: SalaryBand | None = None
    responsibilities: tuple[str, ...] = ()
    skills: tuple[RoleSkill, ...] = ()
    soc_codes: tuple[str, ...] = Field(min_length=1)
    title_patterns: tuple[str, ...] = ()
    related: tuple[str, ...] = ()
    gates: tuple[RoleGate, ...] = ()

    def skill_ids(self, *, required: bool | None = None) -> tuple[str, ...]:
        return tuple(s.skill for s in self.skills if required is None or s.required == required)


class Catalog(_Frozen):
    roles: tuple[Role, ...]
    skills: tuple[Skill, ...]

    @model_validator(mode="after")
    def _cross_references(self) -> Catalog:
        skill_ids = {s.id for s in self.skills}
        role_ids = {r.id for r in self.roles}
        problems: list[str] = []
        if len(skill_ids) != len(self.skills):
            problems.append("duplicate skill ids")
        if len(role_ids) != len(self.roles):
            problems.append("duplicate role ids")
        for skill in self.skills:
            problems += [
                f"skill {skill.id}: related {r!r} unknown"
                for r in skill.related
                if r not in skill_ids
            ]
        for role in self.roles:
            problems += [
                f"role {role.id}: skill {s.skill!r} unknown"
                for s in role.skills
                if s.skill not in skill_ids
            ]
            problems += [
                f"role {role.id}: gate {g.skill!r} unknown"
                for g in role.gates
                if g.skill not in skill_ids
            ]
            problems += [
                f"role {role.id}: related {r!r} unknown" for r in role.related if r not in role_ids
            ]
        if problems:
            raise ValueError("; ".join(problems[:20]))
        return self


@cache
def load_catalog() -> Catalog:
    """The validated catalog (roles.yaml + skills.yaml), loaded once."""
    try:
        return Catalog(
            roles=load_yaml("roles.yaml")["roles"],
            skills=load_yaml("skills.yaml")["skills"],
        )
    except (ValidationError, KeyError, TypeError) as exc:
        raise DataError(f"the catalog data is invalid: {exc}") from exc


def load_roles() -> tuple[Role, ...]:
    return load_catalog().roles


def load_skills() -> tuple[Skill, ...]:
    return load_catalog().skills


@cache
def _roles_by_id() -> dict[str, Role]:
    return {r.id: r for r in load_roles()}


@cache
def _skills_by_id() -> dict[str, Skill]:
    return {s.id: s for s in load_skills()}


def get_role(role_id: str) -> Role:
    try:
        return _roles_by_id()[role_id]
    except KeyError:
        known = ", ".join(sorted(_roles_by_id()))
        close = difflib.get_close_matches(str(role_id).strip().lower(), list(_roles_by_id()), n=1)
        hint = f"did you mean {close[0]!r}? " if close else ""
        raise UnknownRole(f"unknown role {role_id!r}; {hint}known roles: {known}") from None


def get_skill(skill_id: str) -> Skill:
    try:
        return _skills_by_id()[skill_id]
    except KeyError:
        raise UnknownSkill(
            f"unknown skill id {skill_id!r}; try `paypath skills resolve NAME` to find its id"
        ) from None


@cache
def _implications() -> dict[str, tuple[str, ...]]:
    try:
        table = load_yaml("skill_implications.yaml")["implies"]
    except (KeyError, TypeError) as exc:
        raise DataError(f"skill_implications.yaml is invalid: {exc}") from exc
    known = _skills_by_id()
    bad = sorted({k for k, v in table.items() for k in (k, *v) if k not in known})
    if bad:
        raise DataError(f"skill_implications.yaml names unknown skill ids: {', '.join(bad)}")
    return {str(k): tuple(str(v) for v in vs) for k, vs in table.items()}


def implied_skills(skill_ids: typing.Iterable[str]) -> frozenset[str]:
    """The skills implied by ``skill_ids`` (transitively: PyTorch -> Python), not themselves.

    From ``skill_implications.yaml``: someone who works with PyTorch works with Python.
    """
    table = _implications()
    have = set(skill_ids)
    todo, seen = list(have), set(have)
    while todo:
        for other in table.get(todo.pop(), ()):
            if other not in seen:
                seen.add(other)
                todo.append(other)
    return frozenset(seen - have)
