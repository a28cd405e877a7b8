"""`paypath wages …` and `paypath roles compare`: BLS OEWS May 2025 benchmarks."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

from paypath.cli._output import JSON_OPTION, console, emit_json, library_errors, table
from paypath.cli.roles import app as roles_app

if TYPE_CHECKING:  # loaded in the commands that use them
    from paypath.wages import BandComparison, RoleWages, WagePercentiles

__all__ = ["compare_command", "wages_command"]

AREA_OPTION = typer.Option(
    "national", "--area", "-a", help="State, metro or 'national' (e.g. CA, 'Austin, TX')."
)


def _money(value: float | None, top: bool = False) -> str:
    if value is None:
        return "-"
    return f"${value:,.0f}" + ("+" if top else "")


@library_errors
def wages_command(
    role_or_soc: str = typer.Argument(..., help="Role id (ml-engineer) or SOC code (15-1252)."),
    area: str = AREA_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """BLS OEWS May 2025 wages for a role or SOC code, nationally or in an area."""
    from paypath.pay_model import official_wages
    from paypath.wages import RoleWages

    result = official_wages(role_or_soc, area)
    if as_json:
        emit_json(result)
        return
    keys = ["p10", "p25", "median", "p75", "p90", "mean"]
    rows: list[list[str]] = []
    parts = result.by_soc if isinstance(result, RoleWages) else [result]
    for w in parts:
        rows.append(
            [w.soc, w.soc_title, f"{w.employment:,}" if w.employment else "-"]
            + [_money(getattr(w, k), k in w.top_coded) for k in keys]
        )
    if isinstance(result, RoleWages) and len(parts) > 1:
        rows.append(
            [result.soc, f"{result.role_id} (combined)", f"{result.employment or 0:,}"]
            + [_money(getattr(result, k), k in result.top_coded) for k in keys]
        )
    title = f"{result.role_id if isinstance(result, RoleWages) else result.soc} — {result.area}"
    console.print(table(title, ["SOC", "occupation", "employment", *keys], rows))
    notes = result.notes if isinstance(result, RoleWages) else result.footnotes
    for note in notes:
        console.print(f"• {note}", highlight=False)
    console.print(f"Source: {result.source} (annual USD)", highlight=False)


def _band(c: BandComparison) -> str:
    top = f"{c.article_max:,}" if c.article_max else ""
    return f"${c.article_min:,}–{top}" + ("+" if c.article_open_ended else "")


def _bls(w: RoleWages | WagePercentiles | None) -> str:
    if w is None:
        return "-"
    return f"{_money(w.p25)}–{_money(w.p90)}"


@roles_app.command("compare")
@library_errors
def compare_command(
    area: str | None = typer.Option(
        None, "--area", "-a", help="Also compare with this state or metro (e.g. CA)."
    ),
    as_json: bool = JSON_OPTION,
) -> None:
    """Seed article pay bands against the pay model, with BLS OEWS p25–p90 beside them."""
    from paypath.wages import compare_bands

    rows = compare_bands(area)
    if as_json:
        emit_json(rows)
        return
    columns = [
        "role",
        "SOC",
        "article band",
        "base median, mid (US)",
        "BLS p25–p90 (US)",
        "verdict (US)",
    ]
    if area:
        where = rows[0].area.area if rows and rows[0].area else area
        columns += [f"BLS p25–p90 ({where})", "verdict (area)"]
    body = []
    for c in rows:
        model = _money(c.model_national.median) if c.model_national is not None else "-"
        row = [c.role_id, c.soc, _band(c), model, _bls(c.national), c.verdict_national]
        if area:
            row += [_bls(c.area), c.verdict_area or "-"]
        body.append(row)
    title = "Seed article bands vs the pay model (BLS OEWS May 2025 beside)"
    console.print(table(title, columns, body))
    console.print(
        "Verdict: the article band's midpoint against paypath's pay model (`paypath pay "
        "ROLE`: base salary, mid level), the figure `paypath check` uses. Roles on SOC "
        "15-1252 share one official BLS figure (base wages): BLS cannot tell them apart; "
        "the model does.",
        highlight=False,
    )
