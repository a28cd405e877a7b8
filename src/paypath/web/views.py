"""What the home and role pages show, computed from the library: plain data plus chart specs.

Views never format HTML; templates do. Every number carries the source it came from.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from paypath.areas import list_areas
from paypath.catalog import Role, get_role, get_skill
from paypath.errors import InsufficientData
from paypath.market.analytics import Premium, skill_premiums
from paypath.pay_model import (
    PayDistribution,
    estimate_pay,
    market_pay,
    official_wages,
)
from paypath.wages import RoleWages
from paypath.web.api_roles import ranked_roles
from paypath.web.charts import Chart, Mark, Series
from paypath.web.render import money, pct
from paypath.web.serial import market_store, serialized

__all__ = [
    "Figure",
    "HomePage",
    "HomeRow",
    "National",
    "RolePage",
    "SkillRow",
    "StateRow",
    "home",
    "role_page",
]

SEED = "Seed article: 'Highest paying tech jobs in 2026' (figures unsourced there)"
SURVEY_COUNTRY = "US"
SURVEY_MIN_N = 10  # paypath.pay_model.MARKET_MIN_N
STATES_CHARTED = 15
STATE_LEVEL = "mid"  # the seniority of the role page's figures


@dataclass(frozen=True)
class Figure:
    """A number and where it comes from."""

    value: float | None
    source: str


_NONE = Figure(None, "not available")


@dataclass
class HomeRow:
    role: Role
    bls_p25: Figure = _NONE
    bls_median: Figure = _NONE
    bls_p90: Figure = _NONE
    model_median: Figure = _NONE  # the pay model: base salary, mid level, US
    survey_median: Figure = _NONE
    survey_n: int | None = None


@dataclass
class HomePage:
    rows: list[HomeRow]
    chart: Chart
    sources: list[str]
    other_roles: list[Role] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    has_bls: bool = False
    has_model: bool = False
    has_survey: bool = False


@dataclass
class SkillRow:
    id: str
    name: str
    category: str
    required: bool
    seed: bool
    premium: Premium | None = None


@dataclass
class National:
    p25: Figure
    median: Figure
    p75: Figure


@dataclass(frozen=True)
class StateRow:
    """The pay model's base salary for the role in one state (mid level, annual USD)."""

    area: str
    p10: float
    p25: float
    median: float
    p75: float
    p90: float
    source: str
    kind: str = "base"


@dataclass
class RolePage:
    role: Role
    required: list[SkillRow]
    nice: list[SkillRow]
    related: list[Role]
    sources: list[str] = field(default_factory=list)
    national: National | None = None
    states: list[StateRow] = field(default_factory=list)
    state_level: str = STATE_LEVEL
    state_chart: Chart | None = None
    skill_charts: list[Chart] = field(default_factory=list)
    has_premiums: bool = False
    notes: list[str] = field(default_factory=list)


def _band_label(role: Role) -> str:
    band = role.salary_band
    if band is None:
        return ""
    top = f"${band.max:,}" if band.max else ""
    return f"${band.min:,}–{top}{'+' if band.open_ended else ''}"


def _survey_medians(roles: list[Role]) -> dict[str, PayDistribution]:
    store = market_store()
    out: dict[str, PayDistribution] = {}
    for role in roles:
        dist = serialized(market_pay, store, role.id, SURVEY_COUNTRY, kind="survey")
        if dist is not None:
            out[role.id] = dist
    return out


def _bls(role: Role) -> RoleWages | None:
    try:
        found = official_wages(role.id, "national")
    except InsufficientData:
        return None
    return found if isinstance(found, RoleWages) else None


def _home_row(role: Role, survey: dict[str, PayDistribution], chart: Chart) -> HomeRow:
    row = HomeRow(role)
    band = role.salary_band
    marks = []
    if band is not None:
        marks.append(
            Mark(
                "seed",
                f"{role.title}: seed article band {_band_label(role)}. Source: {SEED}",
                lo=band.min,
                hi=band.max or band.min,
                open=band.open_ended,
            )
        )
    wages = _bls(role)
    if wages is not None:
        row.bls_p25 = Figure(wages.p25, wages.source)
        row.bls_median = Figure(wages.median, wages.source)
        row.bls_p90 = Figure(wages.p90, wages.source)
        marks.append(
            Mark(
                "bls",
                f"{role.title}: BLS p25 {money(wages.p25)}, median {money(wages.median)}, "
                f"p90 {money(wages.p90)} (SOC {', '.join(role.soc_codes)}). "
                f"Source: {wages.source}",
                lo=wages.p25,
                hi=wages.p90,
                mid=wages.median,
            )
        )
    model = estimate_pay(role.id, "national", level="mid").base
    if model is not None:
        row.model_median = Figure(model.median, model.source)
        marks.append(
            Mark(
                "model",
                f"{role.title}: pay model base median {money(model.median)} (mid level, "
                f"US). Source: {model.source}",
                value=model.median,
            )
        )
    stat = survey.get(role.id)
    if stat is not None:
        row.survey_median = Figure(stat.median, stat.source)
        row.survey_n = stat.n
        marks.append(
            Mark(
                "survey",
                f"{role.title}: survey median {money(stat.median)} (US respondents, "
                f"n={stat.n:,}, total compensation). Source: {stat.source}",
                value=stat.median,
            )
        )
    chart.add_row(role.title, marks, href=f"/roles/{role.id}")
    return row


@cache
def home() -> HomePage:
    """The seed roles ranked by their band, beside BLS wages and the survey median."""
    chart = Chart(
        title="Pay by role, USD per year",
        series=[
            Series("seed", "Seed article band", "range"),
            Series("bls", "BLS OEWS p25–p90 (tick: median)", "range"),
            Series("model", "Pay model: base median, mid level (US)", "point"),
            Series("survey", "Survey median (US)", "point"),
        ],
    )
    ranked = ranked_roles()
    survey = _survey_medians([r for r in ranked if r.salary_band is not None])
    rows = [_home_row(r, survey, chart) for r in ranked if r.salary_band is not None]
    sources = [SEED]
    sources += sorted({r.bls_median.source for r in rows if r.bls_median.value is not None})
    sources += sorted({r.model_median.source for r in rows if r.model_median.value is not None})
    sources += sorted({r.survey_median.source for r in rows if r.survey_median.value})
    notes = [
        "BLS OEWS counts base wages of US employees by occupation (SOC); roles that share "
        "a SOC code share its figures. The pay model's base median (mid level) separates "
        "them (`paypath pay ROLE`).",
        "Survey medians are total compensation of US respondents who describe the role; "
        f"roles with fewer than {SURVEY_MIN_N} respondents show no figure.",
    ]
    return HomePage(
        rows=rows,
        chart=chart,
        sources=sources,
        other_roles=[r for r in ranked if r.salary_band is None],
        notes=notes,
        has_bls=any(r.bls_median.value is not None for r in rows),
        has_model=any(r.model_median.value is not None for r in rows),
        has_survey=any(r.survey_median.value is not None for r in rows),
    )


def _premiums(role_id: str) -> tuple[dict[str, Premium], str | None]:
    try:
        found = serialized(skill_premiums, market_store(), role=role_id)
        return {p.skill: p for p in found}, None
    except InsufficientData:
        pooled = serialized(skill_premiums, market_store())
        note = "Too few market rows for this role alone: premiums are pooled over all roles."
        return {p.skill: p for p in pooled}, note


def _premium_chart(rows: list[SkillRow], role: Role) -> Chart:
    chart = Chart(
        title=f"Skill pay premiums for {role.title} (95% confidence intervals)",
        unit="pct",
        series=[Series("ci", "95% CI", "range"), Series("premium", "Premium", "point")],
    )
    for r in rows:
        p = r.premium
        if p is None:
            continue
        text = (
            f"{r.name}: {pct(p.premium)} (95% CI {pct(p.ci_low)} to {pct(p.ci_high)}, "
            f"n={p.n:,}). Source: {p.source}"
        )
        chart.add_row(
            r.name,
            [Mark("ci", text, lo=p.ci_low, hi=p.ci_high), Mark("premium", text, value=p.premium)],
        )
    chart.add_ref(0.0, "no premium")
    return chart


def _state_chart(states: list[StateRow], role: Role) -> Chart:
    chart = Chart(
        title=(
            f"{role.title}: base salary in the best-paying states, pay model, "
            f"{STATE_LEVEL} level (USD per year)"
        ),
        series=[Series("iqr", "base p25–p75 (tick: median)", "range")],
    )
    for w in states[:STATES_CHARTED]:
        chart.add_row(
            w.area,
            [
                Mark(
                    "iqr",
                    f"{w.area}: base p25 {money(w.p25)}, median {money(w.median)}, "
                    f"p75 {money(w.p75)} ({STATE_LEVEL} level). Source: {w.source}",
                    lo=w.p25,
                    hi=w.p75,
                    mid=w.median,
                )
            ],
        )
    return chart


def role_page(role_id: str) -> RolePage:
    """One role: responsibilities, skills with premiums, base pay by state, related roles."""
    role = get_role(role_id)
    premiums, note = _premiums(role.id)
    rows = []
    for s in role.skills:
        skill = get_skill(s.skill)
        rows.append(
            SkillRow(
                skill.id, skill.name, skill.category, s.required, s.seed, premiums.get(skill.id)
            )
        )
    page = RolePage(
        role=role,
        required=[r for r in rows if r.required],
        nice=[r for r in rows if not r.required],
        related=[get_role(r) for r in role.related],
        sources=[SEED] if role.salary_band else [],
        has_premiums=any(r.premium for r in rows),
        notes=[note] if note else [],
    )
    chart = _premium_chart(rows, role)
    page.skill_charts = [chart] if chart else []
    page.sources += sorted({r.premium.source for r in rows if r.premium})
    _add_wages(page, role)
    return page


def _add_wages(page: RolePage, role: Role) -> None:
    est = estimate_pay(role.id, "national", level=STATE_LEVEL)
    if est.base is not None:
        src = est.base.source
        page.national = National(
            Figure(est.base.p25, src), Figure(est.base.median, src), Figure(est.base.p75, src)
        )
        page.sources.append(src)
    page.states, missing = state_pay(role.id)
    if missing:
        page.notes.append("No base figure for " + "; ".join(missing) + ".")
    page.state_chart = _state_chart(page.states, role) if page.states else None


def state_pay(role_id: str) -> tuple[list[StateRow], list[str]]:
    """The pay model's base salary (:func:`~paypath.pay_model.estimate_pay`, the state as the
    area, ``STATE_LEVEL``) in every state, best-paid first; and the states without a figure,
    each with the model's reason."""
    rows: list[StateRow] = []
    missing: list[str] = []
    for area in list_areas("state"):
        est = estimate_pay(role_id, area.name, level=STATE_LEVEL)
        b = est.base
        if b is None:
            missing.append(f"{area.name} ({est.base_reason})")
            continue
        rows.append(StateRow(area.name, b.p10, b.p25, b.median, b.p75, b.p90, b.source))
    rows.sort(key=lambda r: (-r.median, r.area))
    return rows, missing
