"""`paypath pay ROLE`: what a role pays (base and total comp) from the one pay model."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

from paypath.cli._output import JSON_OPTION, console, emit_json, library_errors, table

if TYPE_CHECKING:  # the pay model loads only when the command runs, not for `--help`
    from paypath.pay_model import PayDistribution

LEVELS = ("junior", "mid", "senior", "staff", "principal")  # pay_model.LEVELS (a test checks)

__all__ = ["pay_command"]


def _money(value: float | None) -> str:
    return "-" if value is None else f"${value:,.0f}"


def _row(label: str, dist: PayDistribution | None, reason: str | None) -> list[str]:
    if dist is None:
        return [label, "-", "-", "-", "-", "-", "-"]
    keys = ("p10", "p25", "median", "p75", "p90")
    return [label, *(_money(getattr(dist, k)) for k in keys), f"{dist.n:,}"]


@library_errors
def pay_command(
    role: str = typer.Argument(..., help="Role id, e.g. ml-engineer (see `paypath roles list`)."),
    area: str = typer.Option(
        "national", "--area", "-a", help="US state, metro or city (e.g. CA, 'Redmond, WA')."
    ),
    years: float | None = typer.Option(None, "--years", help="Years of experience."),
    level: str | None = typer.Option(
        None, "--level", help=f"Seniority instead of years: {'|'.join(LEVELS)}."
    ),
    employer: str | None = typer.Option(None, "--employer", help="Employer name (echoed)."),
    as_of: str | None = typer.Option(
        None, "--as-of", help="Pay as of this month (YYYY-MM; default 2025-05, the OEWS month)."
    ),
    as_json: bool = JSON_OPTION,
) -> None:
    """Base salary and total comp (p10..p90, annual USD, US) for a role, area and seniority."""
    from paypath.pay_model import estimate_pay

    est = estimate_pay(role, area, years=years, level=level, employer=employer, as_of=as_of)
    if as_json:
        emit_json(est)
        return
    title = f"{est.title}, {est.level}, {est.area} (US, USD per year, as of {est.as_of})"
    cols = ["pay", "p10", "p25", "median", "p75", "p90", "n"]
    rows = [
        _row("base salary", est.base, est.base_reason),
        _row("total comp", est.total, est.total_reason),
    ]
    console.print(table(title, cols, rows))
    for label, dist, reason in (
        ("Base salary", est.base, est.base_reason),
        ("Total comp", est.total, est.total_reason),
    ):
        text = dist.source if dist is not None else f"no figure: {reason}"
        console.print(f"{label}: {text}", highlight=False)
    for note in est.notes:
        console.print(f"• {note}", highlight=False)
    console.print(f"Method: {est.method}", highlight=False)
