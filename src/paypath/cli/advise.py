"""`paypath advise`, `paypath path`, `paypath offer`: career advice over the catalog and pay data.

Registered as top-level commands in ``cli/__init__.py``. A résumé is read in memory
and only its skill ids reach the output.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import TYPE_CHECKING

import typer

if TYPE_CHECKING:  # loaded in the commands that use them
    from paypath.advisor import Advice
    from paypath.career import CareerPath
    from paypath.offer import Comparison, OfferCheck
from paypath.cli._output import JSON_OPTION, console, emit_json, library_errors, table
from paypath.errors import InputError

__all__ = ["advise_command", "offer_command", "path_command"]


def _money(value: float | None) -> str:
    if value is None:
        return "-"
    return f"-${-value:,.0f}" if value < 0 else f"${value:,.0f}"


@library_errors
def advise_command(
    skills: str = typer.Option("", "--skills", help="Comma-separated skill names or aliases."),
    resume: Path | None = typer.Option(
        None, "--resume", help="Résumé file (PDF, DOCX, TXT, MD); read in memory, not stored."
    ),
    years: float | None = typer.Option(None, "--years", help="Years of professional experience."),
    location: str | None = typer.Option(
        None, "--location", help="US state or metro area (default: national)."
    ),
    salary: float | None = typer.Option(None, "--salary", help="Current annual base pay (USD)."),
    target: str | None = typer.Option(
        None, "--target", help="Role id for next skills (default: best)."
    ),
    current: str | None = typer.Option(
        None, "--current", help="Current role id or job title (adds a career path)."
    ),
    top: int = typer.Option(5, "--top", help="Roles to show in the table (JSON has all)."),
    as_json: bool = JSON_OPTION,
) -> None:
    """Rank roles for your skills or résumé, with expected pay, gaps and next skills."""
    from paypath.advisor import advise, build_profile
    from paypath.resume import read_resume

    text = read_resume(resume) if resume is not None else None
    profile = build_profile(
        [skills],
        text,
        years=years,
        location=location,
        salary=salary,
        current_role=current,
    )
    advice = advise(profile, target=target)
    if as_json:
        emit_json(advice)
        return
    _print_advice(advice, top)


def _print_advice(advice: Advice, top: int) -> None:
    p = advice.profile
    console.print(
        f"Skills: {', '.join(p.skills)}"
        + (f"  (unknown: {', '.join(p.unknown)})" if p.unknown else "")
    )
    rows = [
        (
            i,
            r.id,
            f"{r.fit:.0%}",
            _money(r.expected_pay.expected),
            _money(r.uplift),
            ", ".join(r.missing[:4]),
        )
        for i, r in enumerate(advice.roles[:top], start=1)
    ]
    console.print(
        table(
            f"Roles for you ({advice.area})",
            ["#", "role id", "fit", "expected base (US, USD)", "uplift", "missing"],
            rows,
        )
    )
    skill_rows = [
        (
            s.name,
            _money(s.uplift),
            f"{s.effort:g} wk",
            "; ".join(e.detail for e in s.evidence if e.kind in ("premium", "demand")),
        )
        for s in advice.next_skills
    ]
    console.print(
        table(
            f"Next skills for {advice.target}",
            ["skill", "uplift/yr", "effort", "evidence"],
            skill_rows,
        )
    )
    if advice.career_path:
        _print_path(advice.career_path)
    console.print("Sources: " + "; ".join(advice.sources))


@library_errors
def path_command(
    from_role: str = typer.Argument(..., help="Current role id, e.g. data-analyst."),
    to_role: str = typer.Argument(..., help="Target role id, e.g. ml-engineer."),
    as_json: bool = JSON_OPTION,
) -> None:
    """Shortest career path between two roles, with the skills to add at each step."""
    from paypath.career import career_path

    path = career_path(from_role, to_role)
    if as_json:
        emit_json(path)
        return
    _print_path(path)


def _print_path(path: CareerPath) -> None:
    rows = [
        (i, s.title, f"{s.distance:.2f}", ", ".join(s.add_skills) or "-")
        for i, s in enumerate(path.steps)
    ]
    console.print(
        table(
            f"Path {path.from_role} → {path.to_role}",
            ["step", "role", "distance", "skills to add"],
            rows,
        )
    )
    console.print(f"Method: {path.method}. Source: {path.source}")


@library_errors
def offer_command(
    role: str = typer.Option(..., "--role", help="Role id of the offer, e.g. ml-engineer."),
    salary: float = typer.Option(..., "--salary", help="Offered annual base salary (USD)."),
    bonus: float = typer.Option(0.0, "--bonus", help="Annual target bonus (USD)."),
    equity: float = typer.Option(0.0, "--equity", help="Total equity grant value (USD)."),
    vesting_years: float = typer.Option(
        4.0, "--vesting-years", help="Years the equity vests over."
    ),
    signon: float = typer.Option(0.0, "--signon", help="Sign-on bonus (USD, one-off)."),
    location: str | None = typer.Option(None, "--location", help="US state or metro area."),
    years: float | None = typer.Option(None, "--years", help="Years of experience (seniority)."),
    skills: str = typer.Option(
        "", "--skills", help="Your skills (recorded; they do not shift the peer figures)."
    ),
    employer: str | None = typer.Option(
        None,
        "--employer",
        help="Employer of the offer: also against the pay model's figures at that employer.",
    ),
    as_json: bool = JSON_OPTION,
) -> None:
    """Check an offer: base salary and total comp each placed among peers (same role,
    seniority and metro; annual USD, US), with a verdict for each."""
    from paypath.advisor import build_profile
    from paypath.offer import evaluate_offer

    amounts = {"--salary": salary, "--bonus": bonus, "--equity": equity, "--signon": signon}
    for option, value in {**amounts, "--vesting-years": vesting_years}.items():
        _check_amount(option, value)
    skill_ids = build_profile([skills]).skills if skills.strip() else []
    check = evaluate_offer(
        role,
        salary,
        bonus=bonus,
        equity=equity,
        vesting_years=vesting_years,
        signon=signon,
        location=location,
        years=years,
        skills=skill_ids,
        employer=employer,
    )
    if as_json:
        emit_json(check)
        return
    _print_offer(check)


MAX_AMOUNT_USD = 1e9  # no offer pays a billion dollars a year


def _check_amount(option: str, value: float) -> None:
    """A finite, plausible number, or an :class:`InputError` naming the option."""
    if not math.isfinite(value) or abs(value) > MAX_AMOUNT_USD:
        raise InputError(
            f"{option} must be a number of dollars (or years) below {MAX_AMOUNT_USD:,.0f}, "
            f"not {value!r}"
        )


def _print_offer(check: OfferCheck) -> None:
    console.print(f"[bold]{check.title}[/] offer in {check.area} ({check.seniority})")
    console.print(
        f"Base {_money(check.base)}; total {_money(check.total)}/yr "
        f"(first year {_money(check.first_year_total)})"
    )
    rows = []
    pairs: list[tuple[str, Comparison | None]] = [
        ("base", check.base_vs_peers),
        ("total", check.total_vs_peers),
    ]
    emp = check.vs_employer
    if emp is not None:
        pairs += [
            (f"base, {emp.employer}", emp.base_vs_employer),
            (f"total, {emp.employer}", emp.total_vs_employer),
        ]
    for name, cmp in pairs:
        if cmp is None:
            continue
        pos = cmp.position
        pct = (
            "-"
            if pos is None or pos.percentile is None
            else f"p{pos.percentile:.0f}" + (f" ({pos.clipped})" if pos.clipped else "")
        )
        rows.append(
            (
                name,
                cmp.against,
                pct,
                _money(pos.median if pos else None),
                cmp.verdict or "unknown",
                cmp.note,
            )
        )
    console.print(
        table("Offer check", ["pay", "against", "percentile", "median", "verdict", "note"], rows)
    )
    if emp is not None:
        console.print(f"Employer {emp.employer}: {emp.note}", highlight=False)
    console.print("Sources: " + "; ".join(check.sources))
    console.print(f"Method: {check.method}")
