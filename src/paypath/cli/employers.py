"""`paypath employers …`: who pays most for a role, and what one employer pays (DOL OFLC)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

from paypath.cli._output import JSON_OPTION, console, emit_json, library_errors, table

if TYPE_CHECKING:  # the employer table loads only in the commands that use it (`--help`)
    from paypath.employers import EmployerPay

__all__ = ["app"]

app = typer.Typer(
    help="Who pays most: offered base wages by employer as filed (DOL OFLC PERM), a "
    "descriptive table; the pay model's figure at an employer: `paypath pay ROLE --employer`.",
    invoke_without_command=True,
    no_args_is_help=False,
)

AREA_OPTION = typer.Option(
    "national", "--area", "-a", help="State, metro or 'national' (e.g. California, 'Austin, TX')."
)
YEAR_OPTION = typer.Option("all", "--year", "-y", help="Fiscal year: 2023, 2026 or all.")


def _cells(row: EmployerPay, first: str) -> list[str]:
    return [first, f"{row.n:,}", f"${row.p25:,.0f}", f"${row.median:,.0f}", f"${row.p75:,.0f}"]


def _footer(source: str, caveat: str, label: str) -> None:
    console.print(f"Source: {source} (offered base wage, annual USD)", highlight=False)
    console.print(f"Caveat: {caveat}", highlight=False)
    console.print(label[:1].upper() + label[1:] + ".", highlight=False)


@app.callback()
@library_errors
def employers_command(
    ctx: typer.Context,
    role: str = typer.Option(None, "--role", "-r", help="Role id, e.g. ml-engineer."),
    area: str = AREA_OPTION,
    year: str = YEAR_OPTION,
    limit: int = typer.Option(10, "--limit", "-n", help="How many employers to list."),
    as_json: bool = JSON_OPTION,
) -> None:
    """Top payers for a role in an area (`--role ml-engineer --area California`)."""
    if ctx.invoked_subcommand is not None:
        return
    if role is None:
        raise typer.BadParameter("give --role (e.g. --role ml-engineer) or a subcommand")
    from paypath.employers import top_payers

    ranking = top_payers(role, area, fiscal_year=year, limit=limit)
    if as_json:
        emit_json(ranking)
        return
    title = f"Top payers: {ranking.role} in {ranking.area_name} (FY {ranking.fiscal_year})"
    rows = [_cells(r, r.employer) for r in ranking.rows]
    console.print(table(title, ["employer", "n", "p25", "median", "p75"], rows))
    if not ranking.rows:
        console.print("No employer has 10 or more filings for this role and area.")
    _footer(ranking.source, ranking.caveat, ranking.label)


@app.command("show")
@library_errors
def show_command(
    name: str = typer.Argument(..., help="Employer name as people say it (Google, 'Meta')."),
    area: str = AREA_OPTION,
    year: str = YEAR_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """Roles and offered pay at one employer."""
    from paypath.employers import employer_profile

    profile = employer_profile(name, area, fiscal_year=year)
    if as_json:
        emit_json(profile)
        return
    title = f"{profile.employer} in {profile.area} (FY {profile.fiscal_year})"
    rows = [_cells(r, r.role) for r in profile.rows]
    console.print(table(title, ["role", "n", "p25", "median", "p75"], rows))
    _footer(profile.source, profile.caveat, profile.label)
