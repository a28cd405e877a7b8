"""`paypath check FILE|-`: claims in an article beside official and market data."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer

if TYPE_CHECKING:  # loaded in the commands that use them
    from paypath.claims import ClaimReport

if TYPE_CHECKING:  # loaded in the commands that use them
    pass
from paypath.cli._output import JSON_OPTION, console, emit_json, library_errors, read_text, table


def _print(report: ClaimReport) -> None:
    rows = []
    for c in report.pay_claims:
        off = c.official
        bls = f"${off.p25:,.0f}–${off.p90:,.0f}" if off and off.p25 and off.p90 else "–"
        mkt = f"${c.market.median:,.0f} (n={c.market.n})" if c.market and c.market.median else "–"
        claim = c.text + ("+" if c.open_ended and not c.text.endswith("+") else "")
        rows.append((c.role_title, claim, bls, mkt, c.verdict))
    console.print(
        table(
            f"Pay claims vs BLS OEWS May 2025 ({report.area}) and market data",
            ["role", "claim", "BLS p25–p90", "market median", "verdict"],
            rows,
        )
    )
    skills = [
        (s.name, s.kind, s.role_id or "all", s.verdict, s.detail) for s in report.skill_claims
    ]
    if skills:
        console.print(
            table("Skill claims", ["skill", "claim", "role", "verdict", "evidence"], skills)
        )
    for caveat in report.caveats:
        console.print(f"[dim]• {caveat}[/]")


@library_errors
def check(
    file: str = typer.Argument("-", help="Article to check (text, Markdown or HTML); - for stdin."),
    area: str = typer.Option("national", "--area", help="Area for BLS wages, e.g. California."),
    html: Path | None = typer.Option(
        None, "--html", help="Also write a self-contained HTML report."
    ),
    as_json: bool = JSON_OPTION,
) -> None:
    """Find role, pay and skill claims in an article and set each beside the data."""
    from paypath.claims import check_claims
    from paypath.claims_report import render_html

    report = check_claims(read_text(file), area=area)
    if html is not None:
        html.write_text(render_html(report), encoding="utf-8")
    if as_json:
        emit_json(report.model_dump(mode="json", exclude={"text"}))
    else:
        _print(report)
        if html is not None:
            console.print(f"HTML report written to {html}")
