"""The advisor and offer pages: form values in, library results and chart specs out."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from paypath.advisor import Advice
from paypath.catalog import Role, get_skill, load_roles
from paypath.errors import InputError, PaypathError
from paypath.offer import OfferCheck
from paypath.pay_evidence import PayPosition
from paypath.web.api_advice import offer_check, run_advice
from paypath.web.charts import Chart, Mark, Series
from paypath.web.models import AdviseIn, OfferIn
from paypath.web.render import money
from paypath.web.serial import serialized

__all__ = ["AdvisorPage", "OfferPage", "advisor_page", "offer_page", "skill_name"]

ROLES_SHOWN = 8


def skill_name(skill_id: str) -> str:
    try:
        return get_skill(skill_id).name
    except PaypathError:
        return skill_id


def _roles() -> list[Role]:
    return sorted(load_roles(), key=lambda r: r.title)


SHARED_FIELDS = ("skills", "location", "years", "salary", "current", "target")


@dataclass
class AdvisorPage:
    form: dict[str, str]
    roles: list[Role] = field(default_factory=_roles)
    advice: Advice | None = None
    error: str | None = None
    resume_name: str | None = None
    pay_chart: Chart | None = None
    skills_chart: Chart | None = None

    @property
    def share_url(self) -> str | None:
        """A GET URL that gives these results again (none for a résumé: it is never kept)."""
        if self.advice is None or self.resume_name:
            return None
        kept = {k: self.form[k].strip() for k in SHARED_FIELDS if self.form.get(k, "").strip()}
        return "/advisor?" + urlencode(kept)

    @property
    def top_roles(self) -> list[Any]:
        return self.advice.roles[:ROLES_SHOWN] if self.advice else []


def _number(form: dict[str, str], key: str) -> float | None:
    """The form's number ``key`` ("120,000", "$120k" and "5" read), None when blank."""
    raw = form.get(key) or ""
    text = raw.replace(",", "").replace("$", "").strip()
    if not text:
        return None
    scale = 1000.0 if text.lower().endswith("k") else 1.0
    try:
        value = float(text[:-1] if scale > 1 else text) * scale
    except ValueError:
        value = math.nan
    if not math.isfinite(value):
        label = key.replace("_", " ")
        raise InputError(
            f"field {key!r}: {raw.strip()[:40]!r} is not a number; enter the {label} in "
            "digits, e.g. 120000 or 120k"
        ) from None
    return value


def advise_input(form: dict[str, str], resume_text: str | None) -> AdviseIn:
    """The API's input model from the form's strings (pydantic validates it the same way)."""
    return AdviseIn(
        skills=[s for s in (form.get("skills") or "").replace("\n", ",").split(",") if s.strip()],
        resume_text=resume_text,
        years=_number(form, "years"),
        location=(form.get("location") or "").strip() or None,
        salary=_number(form, "salary"),
        target=(form.get("target") or "").strip() or None,
        current=(form.get("current") or "").strip() or None,
    )


def _pay_chart(advice: Advice) -> Chart:
    chart = Chart(
        title=f"Expected base salary by role at your seniority, {advice.area} (US, USD per year)",
        series=[
            Series("range", "Base salary p25–p75 (tick: median)", "range"),
            Series("expected", "Expected for your experience", "point"),
        ],
    )
    for fit in advice.roles[:ROLES_SHOWN]:
        pay = fit.expected_pay
        marks = [
            Mark(
                "range",
                f"{fit.title}: p25 {money(pay.p25)}, median {money(pay.median)}, "
                f"p75 {money(pay.p75)} ({pay.area}). Source: {pay.source}",
                lo=pay.p25,
                hi=pay.p75,
                mid=pay.median,
            ),
            Mark(
                "expected",
                f"{fit.title}: expected base {money(pay.expected)} ({pay.level}). "
                f"Source: {pay.source}",
                value=pay.expected,
            ),
        ]
        chart.add_row(fit.title, marks, href=f"/roles/{fit.id}")
    if advice.profile.salary:
        chart.add_ref(advice.profile.salary, "Your pay")
    return chart


def _skills_chart(advice: Advice) -> Chart:
    chart = Chart(
        title=f"Pay uplift of the next skills for {advice.target} (USD per year)",
        series=[
            Series(
                "uplift",
                "Expected uplift (supported premium × the pay model's base median)",
                "range",
            )
        ],
    )
    for skill in advice.next_skills:
        if skill.uplift is None or skill.uplift <= 0:
            continue
        sources = "; ".join(sorted({e.source for e in skill.evidence if e.kind == "premium"}))
        chart.add_row(
            skill.name,
            [
                Mark(
                    "uplift",
                    f"{skill.name}: {'+' if skill.uplift >= 0 else ''}{money(skill.uplift)} "
                    f"a year, about {skill.effort:g} weeks. "
                    f"Source: {sources}",
                    lo=0,
                    hi=skill.uplift,
                )
            ],
        )
    return chart


def advisor_page(form: dict[str, str], resume_text: str | None = None) -> AdvisorPage:
    """The form, and the advice when the form has skills or a résumé."""
    page = AdvisorPage(form=form)
    if not (form.get("skills", "").strip() or resume_text):
        return page
    try:
        body = advise_input(form, resume_text)
        page.advice = serialized(run_advice, body)
    except PaypathError as exc:
        page.error = exc.message
        return page
    except ValueError as exc:  # pydantic's ValidationError is a ValueError
        page.error = _form_message(exc)
        return page
    page.pay_chart = _pay_chart(page.advice)
    page.skills_chart = _skills_chart(page.advice)
    return page


def _form_message(exc: ValueError) -> str:
    errors = getattr(exc, "errors", None)
    if callable(errors):
        from paypath.web.errors import validation_message

        return validation_message(list(errors()))
    return "a value in the form could not be read; check the numbers you entered (e.g. years 5)"


@dataclass
class OfferPage:
    form: dict[str, str]
    roles: list[Role] = field(default_factory=_roles)
    check: OfferCheck | None = None
    error: str | None = None
    chart: Chart | None = None


def _position_marks(label: str, pos: PayPosition, key: str) -> list[Mark]:
    n = f", n={pos.n:,}" if pos.n else ""
    return [
        Mark(
            f"{key}-wide",
            f"{label}: p10 {money(pos.p10)} to p90 {money(pos.p90)}{n}. Source: {pos.source}",
            lo=pos.p10,
            hi=pos.p90,
        ),
        Mark(
            f"{key}-iqr",
            f"{label}: p25 {money(pos.p25)}, median {money(pos.median)}, p75 {money(pos.p75)}"
            f"{n}. Source: {pos.source}",
            lo=pos.p25,
            hi=pos.p75,
            mid=pos.median,
        ),
    ]


def _offer_chart(check: OfferCheck) -> Chart:
    chart = Chart(
        title=f"Your offer against pay for {check.title}, {check.area} (USD per year)",
        series=[
            Series("bls-wide", "Peers' base salary p10–p90 (US)", "range"),
            Series("bls-iqr", "Peers' base salary p25–p75 (tick: median)", "range"),
            Series("market-wide", "Peers' total comp p10–p90 (US)", "range"),
            Series("market-iqr", "Peers' total comp p25–p75 (tick: median)", "range"),
        ],
    )
    base = check.base_vs_peers.position
    if base is not None:
        chart.add_row("Base vs peers", _position_marks("Peers' base salary", base, "bls"))
    total = check.total_vs_peers.position
    if total is not None:
        chart.add_row("Total vs peers", _position_marks("Peers' total comp", total, "market"))
    emp = check.vs_employer
    if emp is not None:
        for cmp, key, what in (
            (emp.base_vs_employer, "bls", "base salary"),
            (emp.total_vs_employer, "market", "total comp"),
        ):
            if cmp is not None and cmp.position is not None:
                label = f"{what.capitalize()} at {emp.employer}"
                chart.add_row(label, _position_marks(f"Pay model, {what} at {emp.employer}",
                                                     cmp.position, key))  # fmt: skip
    chart.add_ref(check.base, "Base offer")
    if check.total != check.base and total is not None:
        chart.add_ref(check.total, "Total offer")
    return chart


def _default(value: float | None, default: float) -> float:
    return default if value is None else value


def offer_input(form: dict[str, str]) -> OfferIn:
    return OfferIn(
        role=(form.get("role") or "").strip(),
        salary=_number(form, "salary") or 0.0,
        bonus=_number(form, "bonus") or 0.0,
        equity=_number(form, "equity") or 0.0,
        vesting_years=_default(_number(form, "vesting_years"), 4.0),  # 0 is refused, not 4
        signon=_number(form, "signon") or 0.0,
        location=(form.get("location") or "").strip() or None,
        years=_number(form, "years"),
        skills=[s for s in (form.get("skills") or "").split(",") if s.strip()],
        employer=(form.get("employer") or "").strip() or None,
    )


def offer_page(form: dict[str, str]) -> OfferPage:
    """The offer form, and the check when a role and salary were given."""
    page = OfferPage(form=form)
    if not (form.get("role") and form.get("salary")):
        return page
    try:
        page.check = serialized(offer_check, offer_input(form))
    except PaypathError as exc:
        page.error = exc.message
        return page
    except ValueError as exc:
        page.error = _form_message(exc)
        return page
    page.chart = _offer_chart(page.check)
    return page
