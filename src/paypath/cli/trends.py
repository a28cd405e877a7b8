"""`paypath trends ROLE`: median offered wage by fiscal year, and advertised-wage growth."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer

from paypath.areas import resolve_area
from paypath.cli._output import (
    JSON_OPTION,
    console,
    emit_json,
    library_errors,
    table,
    to_jsonable,
)

if TYPE_CHECKING:  # the trend tables load only when the command runs, not for `--help`
    from paypath.trends import AreaTrend, CurrentPay

__all__ = ["trends_command"]


@library_errors
def trends_command(
    role: str = typer.Argument(None, help="Role id, e.g. software-engineer."),
    program: str = typer.Option("lca", "--program", "-p", help="Filings: lca (H-1B) or perm."),
    country: str = typer.Option(
        "US", "--country", "-c", help="Country code for the advertised-wage growth (US, DE...)."
    ),
    area: str = typer.Option(
        "national",
        "--area",
        "-a",
        help="State or metro: adds the role's PERM offered wage there (FY2023, FY2026 only) "
        "and sets the area of the BLS pay-today figure.",
    ),
    db: Path | None = typer.Option(
        None, "--db", help="A store with ingested OFLC aggregates (--source dol-oflc-agg)."
    ),
    show_ai_share: bool = typer.Option(
        False, "--ai-share", help="Share of job postings that mention AI, by month."
    ),
    as_json: bool = JSON_OPTION,
) -> None:
    """Is pay for a role rising? OFLC medians FY2015-FY2026 and advertised-wage growth."""
    from paypath.trends import INDEED_SOURCE, ai_share, area_trend, current_pay, role_trend

    if show_ai_share:
        series = ai_share(country)
        if as_json:
            emit_json({"country": country.upper(), "series": series, "source": INDEED_SOURCE})
            return
        rows = [[m.month, f"{m.value:.2f}%"] for m in series if m.month.endswith(("-01", "-07"))]
        rows.append([series[-1].month, f"{series[-1].value:.2f}%"])
        console.print(table(f"Postings mentioning AI, {country.upper()}", ["month", "share"], rows))
        console.print(f"Source: {INDEED_SOURCE}", highlight=False)
        return
    if role is None:
        raise typer.BadParameter("give a ROLE (e.g. software-engineer) or --ai-share")
    if db is not None:
        from paypath.market.store import open_store

        with open_store(db, read_only=True) as store:
            trend = role_trend(role, program=program, country=country, store=store)
    else:
        trend = role_trend(role, program=program, country=country)
    local = None if resolve_area(area).type == "national" else area_trend(role, area)
    today = current_pay(role, area)
    if as_json:
        emit_json({**to_jsonable(trend), "area_trend": local, "current_pay": today})
        return
    rows = [
        [
            f"FY{p.fiscal_year}" + (" (partial)" if p.partial else ""),
            f"{p.n:,}",
            f"${p.median:,.0f}",
            "-" if p.change_pct is None else f"{p.change_pct:+.1f}%",
        ]
        for p in trend.points
    ]
    title = f"{trend.role}: SOC {trend.soc} {trend.soc_title}, {trend.program.upper()} filings"
    console.print(table(title, ["fiscal year", "filings", "median", "change"], rows))
    if trend.shares_soc_with:
        console.print(f"SOC {trend.soc} also covers: {', '.join(trend.shares_soc_with)}")
    last = trend.wage_growth[-1]
    console.print(
        f"Advertised-wage growth, {trend.country}: {last.value:+.1%} year over year "
        f"({last.month}; {INDEED_SOURCE})",
        highlight=False,
    )
    console.print(f"Source: {trend.source}", highlight=False)
    console.print(f"Caveat: {trend.caveat}", highlight=False)
    if local is not None:
        _print_area(local)
    if today is not None:
        _print_today(today)


def _print_area(local: AreaTrend) -> None:
    rows = [
        [f"FY{p.fiscal_year}", f"{p.n:,}", f"${p.p25:,.0f}", f"${p.median:,.0f}", f"${p.p75:,.0f}"]
        for p in local.points
    ]
    title = f"{local.role} in {local.area_name}: PERM offered wage"
    if rows:
        console.print(table(title, ["fiscal year", "filings", "p25", "median", "p75"], rows))
    else:
        console.print(f"{title}: no year with enough filings", highlight=False)
    console.print(local.note, highlight=False)
    console.print(f"Source: {local.source}", highlight=False)


def _print_today(today: CurrentPay) -> None:
    official = (
        f"Pay today, {today.area}: {today.official_source} median ${today.official:,.0f} "
        f"(official, all workers in the occupation, {today.official_month})."
    )
    est = today.estimate
    if est is None:
        model = f"No model estimate for {today.estimate_month}: {today.estimate_reason}"
    else:
        model = (
            f"paypath's pay model, mid-level base as of {today.estimate_month}: "
            f"${est.median:,.0f} (p25 ${est.p25:,.0f} - p75 ${est.p75:,.0f}; an estimate, "
            f"not an official statistic; {est.source})"
        )
    console.print(official, highlight=False)
    console.print(model, highlight=False)
