"""Request and response models of the JSON API that the library does not already define.

Responses reuse the library's result models wherever one exists; these models only cover
inputs and the few summaries the CLI builds itself (same field names as its ``--json``).
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from paypath.catalog import SalaryBand
from paypath.skills import SCOPE_HELP, Scope
from paypath.web.security import TEXT_MAX_CHARS

__all__ = [
    "MARKET_BY",
    "AdviseIn",
    "CheckIn",
    "ExtractIn",
    "ExtractedSkills",
    "MarketQuery",
    "OfferIn",
    "ParsedSalary",
    "ResolvedSkill",
    "RoleSummary",
    "SalaryIn",
    "SkillSpan",
    "TextIn",
    "TitleAlternative",
    "TitleOut",
]


class _Input(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


class RoleSummary(BaseModel):
    """One row of `paypath roles list --json`."""

    id: str
    title: str
    salary_band: SalaryBand | None
    soc_codes: list[str]
    seed: bool


class TextIn(_Input):
    text: str = Field(
        min_length=1,
        max_length=TEXT_MAX_CHARS,
        description="Plain text, at most 200,000 characters.",
        examples=["Senior ML engineer: Python, PyTorch, Kubernetes. $180k-$220k a year."],
    )


class ExtractIn(TextIn):
    scope: Scope = Field("all", description=SCOPE_HELP)


class ResolvedSkill(BaseModel):
    """`paypath skills resolve NAME --json`."""

    id: str
    name: str
    category: str


class SkillSpan(BaseModel):
    id: str
    name: str
    start: int
    end: int
    text: str
    context: str | None  # requirement | title | company | benefits


class ExtractedSkills(BaseModel):
    """`paypath skills extract --json`."""

    scope: str
    skills: list[SkillSpan]
    counts: dict[str, int]  # skill id -> mentions


class ParsedSalary(BaseModel):
    """`paypath salary parse TEXT --json`: ``found`` is false when the text has no salary;
    when found, every field of the library's ``Salary`` follows (spans, FX rate and date)."""

    model_config = ConfigDict(extra="allow")

    text: str  # the salary as matched
    found: bool
    input: str  # the text given
    min: float | None = None
    max: float | None = None
    currency: str | None = None
    period: str | None = None
    annual_min_usd: float | None = None
    annual_max_usd: float | None = None


class SalaryIn(TextIn):
    currency: str = Field(
        default="USD",
        pattern=r"^[A-Za-z]{3}$",
        description="Currency of a bare '$' or a number with no sign (ISO 4217).",
    )


class TitleAlternative(BaseModel):
    role: str
    score: float


class TitleOut(BaseModel):
    """`paypath roles classify TITLE --json`."""

    title: str
    role: str
    seniority: str
    score: float
    ambiguous: bool = False
    alternatives: list[TitleAlternative] = Field(default_factory=list)


SkillName = Annotated[str, Field(min_length=1, max_length=100)]
PlaceName = Annotated[str, Field(min_length=1, max_length=100)]
RoleId = Annotated[str, Field(min_length=1, max_length=80)]
Years = Annotated[float, Field(ge=0, le=60, description="Years of professional experience.")]
Usd = Annotated[float, Field(gt=0, lt=100_000_000, description="Annual amount in USD.")]
UsdOrZero = Annotated[float, Field(ge=0, lt=100_000_000)]


class AdviseIn(_Input):
    """What `paypath advise` takes: skills and/or résumé text, and optional context."""

    skills: list[SkillName] = Field(
        default=[],
        max_length=100,
        description="Skill names, ids or aliases (comma-separated items are split).",
        examples=[["python", "sql", "docker"]],
    )
    resume_text: str | None = Field(
        default=None, max_length=TEXT_MAX_CHARS, description="Résumé as plain text."
    )
    years: Years | None = None
    location: PlaceName | None = Field(
        default=None, description="US state or metro area; national when empty."
    )
    salary: Usd | None = Field(default=None, description="Current annual base pay, USD.")
    target: RoleId | None = Field(default=None, description="Role id for the next skills.")
    current: str | None = Field(
        default=None, max_length=200, description="Current role id or job title (adds a path)."
    )


class OfferIn(_Input):
    """What `paypath offer` takes."""

    role: RoleId = Field(description="Role id of the offer.", examples=["ml-engineer"])
    salary: Usd = Field(description="Offered annual base salary, USD.", examples=[165000])
    bonus: UsdOrZero = 0.0
    equity: UsdOrZero = Field(default=0.0, description="Total equity grant value, USD.")
    vesting_years: float = Field(
        default=4.0, ge=1, le=10, description="Years the equity grant vests over (1 to 10)."
    )
    signon: UsdOrZero = 0.0
    location: PlaceName | None = None
    years: Years | None = None
    skills: list[SkillName] = Field(default=[], max_length=100)
    employer: str | None = Field(
        default=None,
        min_length=1,
        max_length=120,
        description="Employer of the offer: also against the pay model's figures there.",
        examples=["Microsoft"],
    )


class CheckIn(TextIn):
    """What `paypath check` takes: an article and the BLS area to compare with."""

    area: PlaceName = Field(default="national", description="BLS area, e.g. California.")


MarketBy = Literal["role", "location", "country", "region", "city", "seniority", "skill", "kind"]
MARKET_BY: tuple[str, ...] = MarketBy.__args__  # type: ignore[attr-defined]


class MarketQuery(BaseModel):
    """The market filters: one rule for `/api/market/stats` and the `/market` page."""

    model_config = ConfigDict(extra="ignore")

    by: list[MarketBy] = Field(
        default=["role"],
        min_length=1,
        max_length=4,
        description="Group by these (repeat the parameter): role, location, seniority, …",
    )
    role: RoleId | None = Field(default=None, description="Only this role id.")
    country: str | None = Field(
        default=None,
        pattern=r"^[A-Za-z]{2}$",
        description="Only this country: a two-letter ISO 3166-1 code such as US or GB.",
    )
    min_n: int = Field(default=10, ge=1, le=100_000, description="Suppress smaller groups.")
