"""The advisor: from a profile to ranked roles, the next skills to learn, and a career path.

Role fit (:func:`role_fit`): each role skill earns credit 1 when the person has it,
``PARTIAL_CREDIT`` (0.5) when the person has a related skill (``Skill.related``, read
both ways), else 0. Fit = ``REQUIRED_SHARE`` (0.7) × weighted coverage of the required
skills + 0.3 × weighted coverage of the nice-to-have ones (weights: ``RoleSkill.weight``),
times the share of the role's postings the person qualifies for: a role's ``gates``
(``RoleGate``: a record most of its postings ask for, measured from real postings; today
the research record, a PhD or publications, asked by 28 of 30 AI research scientist
postings) that the person does not show scale the fit by ``1 - share``. A skill list
cannot see that gate: the same deep-learning skills fit an ML engineer, who is rarely asked
for one (9 of 34 postings).
Skills implied by ones the person has (PyTorch -> Python, Kubernetes -> Docker;
:func:`paypath.catalog.implied_skills`, ``skill_implications.yaml``) count as held: full
credit, never suggested. Relevance is the share of the person's own skills the role uses
(directly, via a related skill or via a skill they imply): it keeps narrow roles from
winning on one shared skill.

Ranking (:func:`recommend_roles`): score = 0.65 × fit + 0.15 × relevance + 0.20 × pay ×
min(1, fit / ``PAY_FULL_FIT``), where pay is the role's expected pay
(:func:`paypath.pay_evidence.expected_pay`) divided by the highest expected pay among the
roles (0 where no figure exists). Pay counts in full only from a fit of ``PAY_FULL_FIT``
(0.3) up, so a role that barely fits cannot rank first because it alone has a pay figure.

Next skills (:func:`next_skills`): the target role's missing skills, each with its
expected uplift = market pay premium (fraction, :func:`paypath.market.analytics.skill_premiums`;
the more precise of the role's own and the all-roles estimate; a proportion measured on
the market data's pay), capped at what the premium model supports, in dollars by
:func:`paypath.pay_model.pay_uplift` (x the model's base median for the role, area and
seniority; the advisor computes no pay figure itself). The cap: the lower end of its 95%
CI, and 0 when the CI includes 0 or is unknown (the point estimate stays in the evidence).
Uplifts are per skill, never summed: each compares people with and without one skill. Effort =
``Skill.effort_weeks`` (or ``DEFAULT_EFFORT_WEEKS`` when the catalog has no estimate),
halved when the person has a related skill. Skills with a significant positive premium
(95% CI above zero) rank first by uplift per week of effort; the rest follow by the role
fit they add per week, then by their demand in the role's postings
(:func:`paypath.market.analytics.skill_demand`).
"""

from __future__ import annotations

from functools import cache

from pydantic import BaseModel

from paypath.career import CareerPath, career_path
from paypath.catalog import Role, get_role, get_skill, implied_skills, load_roles, load_skills
from paypath.pay_evidence import (
    PREMIUM_MIN_N,
    ExpectedPay,
    expected_pay,
    role_demand,
    role_premiums,
)
from paypath.pay_model import pay_uplift
from paypath.profile import Profile, build_profile

__all__ = [
    "DEFAULT_EFFORT_WEEKS",
    "PARTIAL_CREDIT",
    "REQUIRED_SHARE",
    "Advice",
    "Evidence",
    "NextSkill",
    "Partial",
    "Profile",
    "RoleFit",
    "advise",
    "build_profile",
    "next_skills",
    "recommend_roles",
    "resolve_location",
    "role_fit",
]

PARTIAL_CREDIT = 0.5
REQUIRED_SHARE = 0.7
W_FIT, W_RELEVANCE, W_PAY = 0.65, 0.15, 0.20
PAY_FULL_FIT = 0.3
DEFAULT_EFFORT_WEEKS = 8.0
EFFORT_SOURCE = "catalog: skills.yaml effort_weeks"


class Partial(BaseModel):
    skill: str
    via: str  # the person's related skill that earned partial credit


class RoleFit(BaseModel):
    id: str
    title: str
    fit: float
    relevance: float
    score: float
    matched: list[str]
    partial: list[Partial]
    missing: list[str]  # required first, then by weight
    gates: list[str] = []  # records the role's postings ask for that the person lacks
    expected_pay: ExpectedPay
    uplift: float | None  # expected pay minus current salary (USD/yr)
    uplift_pct: float | None


class Evidence(BaseModel):
    kind: str  # premium | demand | effort | pay | fit
    value: float | None
    detail: str
    source: str


class NextSkill(BaseModel):
    id: str
    name: str
    required: bool
    uplift: float | None  # USD/yr, pay_model.pay_uplift: supported premium × base median
    premium: float | None
    premium_significant: bool | None  # its 95% confidence interval excludes zero
    effort: float  # weeks
    uplift_per_week: float | None
    fit_gain: float
    demand: float | None
    evidence: list[Evidence]


class Advice(BaseModel):
    """The whole `paypath advise --json` document."""

    profile: Profile
    area: str
    target: str
    roles: list[RoleFit]
    next_skills: list[NextSkill]
    career_path: CareerPath | None = None
    notes: list[str] = []
    sources: list[str] = []
    method: dict[str, str] = {}


# --- fit -----------------------------------------------------------------------------


@cache
def _related() -> dict[str, frozenset[str]]:
    links: dict[str, set[str]] = {s.id: set(s.related) for s in load_skills()}
    for skill in load_skills():
        for other in skill.related:
            links.setdefault(other, set()).add(skill.id)
    return {k: frozenset(v) for k, v in links.items()}


class _RolePlan:
    """A role's skills arranged once for the fit arithmetic (same order, same sums)."""

    __slots__ = ("gates", "ids", "optional", "ordered", "required")

    def __init__(self, role: Role) -> None:
        self.ordered = tuple(
            s.skill for s in sorted(role.skills, key=lambda s: (not s.required, -s.weight))
        )
        self.required = self._items(role, True)
        self.optional = self._items(role, False)
        self.ids = frozenset(role.skill_ids())
        self.gates = tuple((g.skill, g.share) for g in role.gates)

    @staticmethod
    def _items(role: Role, required: bool) -> tuple[tuple[tuple[str, float], ...], float]:
        items = [s for s in role.skills if s.required == required]
        return tuple((s.skill, s.weight) for s in items), sum(s.weight for s in items)


_PLANS: dict[int, tuple[Role, _RolePlan]] = {}
_PLANS_MAX = 256


def _plan(role: Role) -> _RolePlan:
    # Keyed by identity (hashing a Role hashes all its fields); the entry keeps the role alive,
    # so an id is never reused while its entry stands.
    hit = _PLANS.get(id(role))
    if hit is not None and hit[0] is role:
        return hit[1]
    if len(_PLANS) >= _PLANS_MAX:
        _PLANS.clear()
    plan = _RolePlan(role)
    _PLANS[id(role)] = (role, plan)
    return plan


def _credit(skill: str, have: frozenset[str]) -> tuple[float, str | None]:
    if skill in have:
        return 1.0, None
    related = _related().get(skill)
    if not related or related.isdisjoint(have):
        return 0.0, None
    return PARTIAL_CREDIT, min(related & have)


def _coverage(
    items: tuple[tuple[tuple[str, float], ...], float], credit: dict[str, float]
) -> float | None:
    skills, total = items
    if not total:
        return None
    return sum(w * credit[s] for s, w in skills) / total


def _fit(plan: _RolePlan, credit: dict[str, float], have: frozenset[str]) -> float:
    req, opt = _coverage(plan.required, credit), _coverage(plan.optional, credit)
    if req is None:
        coverage = opt or 0.0
    else:
        coverage = req if opt is None else REQUIRED_SHARE * req + (1 - REQUIRED_SHARE) * opt
    return coverage * _qualifies(plan, have)


def _qualifies(plan: _RolePlan, have: frozenset[str]) -> float:
    """The share of the role's postings whose gates the person meets (1 without gates)."""
    share = 1.0
    for skill, asked in plan.gates:
        if skill not in have:
            share *= 1.0 - asked
    return share


def fit_value(role: Role, have: frozenset[str]) -> float:
    """Weighted coverage of the role's required and nice-to-have skills (see module doc)."""
    plan = _plan(role)
    return _fit(plan, {s: _credit(s, have)[0] for s in plan.ordered}, have)


def held(skills: list[str] | frozenset[str]) -> frozenset[str]:
    """The person's skills plus the ones they imply (PyTorch -> Python)."""
    return frozenset(skills) | implied_skills(skills)


def role_fit(
    role: Role, have: frozenset[str], *, own: frozenset[str] | None = None
) -> tuple[float, float, list[str], list[Partial], list[str]]:
    """(fit, relevance, matched, partial, missing) of a role for a set of skill ids.

    ``have`` is what counts as held (with implied skills, see :func:`held`); ``own``, the
    person's own skills for relevance (default: ``have``).
    """
    plan = _plan(role)
    matched, partial, missing = [], [], []
    credit: dict[str, float] = {}
    for skill in plan.ordered:
        credit[skill], via = _credit(skill, have)
        if credit[skill] == 1.0:
            matched.append(skill)
            continue
        missing.append(skill)
        if via:
            partial.append(Partial(skill=skill, via=via))
    role_ids, related = plan.ids, _related()
    mine = have if own is None else own
    used = [
        h
        for h in mine
        if h in role_ids
        or not role_ids.isdisjoint(related.get(h, ()))
        or not role_ids.isdisjoint(implied_skills((h,)))
    ]
    relevance = len(used) / len(mine) if mine else 0.0
    return _fit(plan, credit, have), relevance, matched, partial, missing


def gate_notes(role: Role, have: frozenset[str]) -> list[str]:
    """What the role's postings ask for that ``have`` does not show, with the share."""
    return [
        f"{g.share:.0%} of {role.title} postings ({round(g.share * g.n)} of {g.n}) ask for "
        f"{g.asks}; none shown (skill {g.skill}), so the fit counts only the other "
        f"{1 - g.share:.0%}"
        for g in role.gates
        if g.skill not in have
    ]


# --- roles ---------------------------------------------------------------------------


@cache
def resolve_location(location: str | None) -> str:
    """The BLS area name for a location ("national" when none); UnknownArea if unknown."""
    if not location:
        return "national"
    from paypath.wages import resolve_area

    return str(resolve_area(location).name)


def recommend_roles(profile: Profile, *, limit: int | None = None) -> list[RoleFit]:
    """Every catalog role scored for the profile, best first (see module doc for the blend)."""
    area = resolve_location(profile.location)
    own = frozenset(profile.skills)
    have = held(own)
    fits = []
    for role in load_roles():
        fit, relevance, matched, partial, missing = role_fit(role, have, own=own)
        pay = expected_pay(role.id, area, profile.years)
        fits.append((role, fit, relevance, matched, partial, missing, pay))
    top_pay = max((f[6].expected or 0.0 for f in fits), default=0.0)
    out = []
    for role, fit, relevance, matched, partial, missing, pay in fits:
        pay_norm = (pay.expected or 0.0) / top_pay if top_pay else 0.0
        pay_norm *= min(1.0, fit / PAY_FULL_FIT)
        uplift = None
        if profile.salary is not None and pay.expected is not None:
            uplift = round(pay.expected - profile.salary, -2)
        out.append(
            RoleFit(
                id=role.id,
                title=role.title,
                fit=round(fit, 4),
                relevance=round(relevance, 4),
                score=round(W_FIT * fit + W_RELEVANCE * relevance + W_PAY * pay_norm, 4),
                matched=matched,
                partial=partial,
                missing=missing,
                gates=gate_notes(role, have),
                expected_pay=pay,
                uplift=uplift,
                uplift_pct=None
                if uplift is None or not profile.salary
                else round(uplift / profile.salary, 4),
            )
        )
    out.sort(key=lambda r: (-r.score, -r.fit, r.id))
    return out[:limit] if limit else out


# --- next skills ---------------------------------------------------------------------


def _effort(skill_id: str, have: frozenset[str]) -> tuple[float, Evidence]:
    skill = get_skill(skill_id)
    weeks, source = skill.effort_weeks, EFFORT_SOURCE
    if weeks is None:
        weeks, source = DEFAULT_EFFORT_WEEKS, "default: the catalog has no estimate for this skill"
    detail = f"about {weeks:g} weeks to working proficiency"
    _, via = _credit(skill_id, have)
    if via:
        weeks /= 2
        detail += f", halved because you know the related skill {via}"
    return weeks, Evidence(kind="effort", value=weeks, detail=detail, source=source)


def _supported_premium(premium: float, ci_low: float | None) -> float:
    """The premium the model supports: at most the lower end of its 95% CI, never below 0."""
    if ci_low is None or ci_low <= 0:
        return 0.0
    return min(premium, ci_low)


def _one_next_skill(
    role: Role,
    skill_id: str,
    have: frozenset[str],
    pay: ExpectedPay,
    base_fit: float,
    years: float | None,
) -> NextSkill:
    premiums, _ = role_premiums(role.id)
    demand, _ = role_demand(role.id)
    effort, effort_ev = _effort(skill_id, have)
    evidence = [effort_ev]
    premium = premiums.get(skill_id)
    uplift = None
    if premium is not None:
        ci = (
            f"95% CI {premium.ci_low:+.1%}..{premium.ci_high:+.1%}"
            if premium.ci_low is not None and premium.ci_high is not None
            else "no CI"
        )
        sig = "" if premium.significant else ", not significant"
        evidence.append(
            Evidence(
                kind="premium",
                value=premium.premium,
                detail=(
                    f"{premium.premium:+.1%} pay premium "
                    f"({ci}, n={premium.n}, {premium.scope}{sig})"
                ),
                source=premium.source,
            )
        )
        if pay.expected is not None:
            supported = _supported_premium(premium.premium, premium.ci_low)
            # the years, not only their level: the same base median as expected pay's
            worth = pay_uplift(role.id, supported, pay.area, years=years)
            uplift = worth.usd
            evidence.append(
                Evidence(
                    kind="pay",
                    value=worth.base_median,
                    detail=(
                        f"supported premium {supported:+.1%} (the premium capped at its 95% CI's "
                        f"lower end, 0 when that is not above 0) x the pay model's base median "
                        f"${worth.base_median or 0:,.0f} in {role.id} ({worth.area}, "
                        f"{worth.level}): pay_model.pay_uplift"
                    ),
                    source=worth.source,
                )
            )
    else:
        evidence.append(
            Evidence(
                kind="premium",
                value=None,
                detail="no premium estimate: too little market support",
                source=f"market analytics: needs n ≥ {PREMIUM_MIN_N} with and without the skill",
            )
        )
    share = demand.get(skill_id)
    if share is not None:
        evidence.append(
            Evidence(
                kind="demand",
                value=share.share,
                detail=f"asked for in {share.share:.0%} of {role.id} postings (n={share.n})",
                source=share.source,
            )
        )
    fit_gain = fit_value(role, held(have | {skill_id})) - base_fit
    evidence.append(
        Evidence(
            kind="fit",
            value=round(fit_gain, 4),
            detail=f"adds {fit_gain:.1%} fit for {role.title}",
            source="catalog: roles.yaml skill weights",
        )
    )
    required = any(s.skill == skill_id and s.required for s in role.skills)
    return NextSkill(
        id=skill_id,
        name=get_skill(skill_id).name,
        required=required,
        uplift=uplift,
        premium=premium.premium if premium else None,
        premium_significant=premium.significant if premium else None,
        effort=round(effort, 2),
        uplift_per_week=None if uplift is None else round(uplift / effort, 1),
        fit_gain=round(fit_gain, 4),
        demand=share.share if share else None,
        evidence=evidence,
    )


def _next_key(s: NextSkill) -> tuple[int, float, float, float]:
    if s.premium_significant and s.uplift_per_week is not None and s.uplift_per_week > 0:
        return (0, -s.uplift_per_week, 0.0, 0.0)
    return (1, -s.fit_gain / s.effort, -(s.demand or 0.0), 0.0)


def next_skills(profile: Profile, role_id: str, *, limit: int | None = 10) -> list[NextSkill]:
    """The target role's missing skills, ranked by expected pay uplift per week of effort."""
    role = get_role(role_id)
    have = held(profile.skills)
    pay = expected_pay(role.id, resolve_location(profile.location), profile.years)
    base_fit = fit_value(role, have)
    _, _, _, _, missing = role_fit(role, have)
    ranked = sorted(
        (_one_next_skill(role, s, have, pay, base_fit, profile.years) for s in missing),
        key=lambda s: (_next_key(s), s.id),
    )
    return ranked[:limit] if limit else ranked


# --- the whole advice ------------------------------------------------------------------

METHOD = {
    "fit": (
        "0.7 × weighted coverage of required skills + 0.3 × nice-to-have; "
        "related skill = half credit; × the share of the role's postings whose gate (a PhD "
        "or publications, where most postings ask for one) you meet"
    ),
    "score": (
        "0.65 × fit + 0.15 × relevance + 0.20 × expected pay / best expected pay "
        "× min(1, fit / 0.3)"
    ),
    "implied": "skills implied by yours (PyTorch -> Python) count as held and are not suggested",
    "expected_pay": (
        "the pay model's base-salary median (US, USD) for the role in the area at your "
        "seniority from years (paypath.pay_model)"
    ),
    "next_skills": (
        "uplift = market skill premium capped at its 95% CI's lower end (0 when the CI "
        "includes 0) × the pay model's base median (pay_model.pay_uplift), per skill, not "
        "summed; ranked by uplift per week of effort"
    ),
}


def advise(profile: Profile, *, target: str | None = None, limit: int | None = None) -> Advice:
    """Roles, next skills for the target (or the best role) and, with a current role, a path."""
    roles = recommend_roles(profile)
    target_id = get_role(target).id if target else roles[0].id
    skills = next_skills(profile, target_id)
    path = None
    if profile.current_role and profile.current_role != target_id:
        path = career_path(profile.current_role, target_id, have=profile.skills)
    notes = []
    if any(s.uplift for s in skills):
        notes.append(
            "skill uplifts overlap: each compares comparable people with and without one "
            "skill (shrunk toward 0), so they do not add up across skills"
        )
    if profile.unknown:
        notes.append(f"unknown skills ignored: {', '.join(profile.unknown)}")
    shown = roles[:limit] if limit else roles
    notes += [note for r in shown for note in r.gates]
    sources = sorted(
        {r.expected_pay.source for r in shown} | {e.source for s in skills for e in s.evidence}
    )
    return Advice(
        profile=profile,
        area=resolve_location(profile.location),
        target=target_id,
        roles=shown,
        next_skills=skills,
        career_path=path,
        notes=notes,
        sources=sources,
        method=METHOD,
    )
