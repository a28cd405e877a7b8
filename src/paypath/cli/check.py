"""`paypath check FILE|-`: claims in an article beside the pay model and market data."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer

if TYPE_CHECKING:  # loaded in the commands that use them
    from paypath.claims import ClaimReport, PayClaim
from paypath.cli._output import JSON_OPTION, console, emit_json, library_errors, read_text, table


def _against(claim: PayClaim) -> str:
    """Short name of what the claim is compared with (the table title says base or total):
    "model mid" (the pay model's base at mid level), "BLS" (an occupation), "GB survey"."""
    off = claim.official
    if off is None:
        return "–"
    if claim.place != "US":
        return f"{claim.place} survey"
    return f"model {off.level}" if off.level else "BLS"


def _print(report: ClaimReport) -> None:
    rows = []
    for c in report.pay_claims:
        claim = c.text + ("+" if c.open_ended and not c.text.endswith("+") else "")
        pct = f"p{c.percentile:.0f}" if c.percentile is not None else "–"
        median = f"${c.median:,.0f}" if c.median is not None else "–"
        diff = f"{c.diff_pct:+.0f}%" if c.diff_pct is not None else "–"
        against = _against(c)
        verdict = c.band or c.verdict
        if c.citation:
            verdict += f" · {c.citation}"
        rows.append((c.role_title, claim, against, pct, median, diff, verdict))
    console.print(
        table(
            "Pay claims vs the pay model (US: base, mid level; elsewhere: survey total comp)",
            ["role", "claim", "vs", "pct", "median", "diff", "verdict"],
            rows,
        )
    )
    if report.unchecked:
        console.print(
            table(
                "Figures not checked",
                ["figure", "reason"],
                [(u.text, u.reason) for u in report.unchecked],
            )
        )
    if report.empty_reason:
        console.print(f"No pay claim checked: {report.empty_reason}.")
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
    area: str = typer.Option(
        "national", "--area", help="US area of the pay model's figures, e.g. California."
    ),
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
