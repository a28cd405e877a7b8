"""`paypath roles …`: the role catalog."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

if TYPE_CHECKING:  # loaded in the commands that use them
    from paypath.catalog import Role
from paypath.cli._output import (
    JSON_OPTION,
    console,
    emit_json,
    emit_jsonl,
    library_errors,
    read_lines,
    table,
)

if TYPE_CHECKING:  # loaded in the commands that use them
    from paypath.titles import TitleMatch

app = typer.Typer(help="Tech roles: pay bands, skills, SOC codes.", no_args_is_help=True)


def _band(role: Role) -> str:
    band = role.salary_band
    if band is None:
        return "-"
    top = f"{band.max:,}" + ("+" if band.open_ended else "") if band.max else "+"
    return f"${band.min:,} – {top}"  # spaced, so a narrow terminal can wrap it


def _summary(role: Role) -> dict[str, object]:
    return {
        "id": role.id,
        "title": role.title,
        "salary_band": role.salary_band.model_dump(mode="json") if role.salary_band else None,
        "soc_codes": list(role.soc_codes),
        "seed": role.seed,
    }


@app.command("list")
@library_errors
def list_roles(as_json: bool = JSON_OPTION) -> None:
    """List the roles, the seed roles ranked by their article pay band first."""
    from paypath.catalog import load_roles

    roles = sorted(
        load_roles(),
        key=lambda r: (r.salary_band is None, -(r.salary_band.min if r.salary_band else 0), r.id),
    )
    if as_json:
        emit_json([_summary(r) for r in roles])
        return
    rows = [(r.id, r.title, _band(r), ", ".join(r.soc_codes)) for r in roles]
    console.print(
        table("Roles (bands: seed article, 2026)", ["id", "title", "band (USD/yr)", "SOC"], rows)
    )
    console.print(
        "Bands: 'Highest paying tech jobs in 2026' (seed article), unsourced there; "
        "see `paypath roles compare` or `paypath pay ROLE` for the pay model's figures and BLS's."
    )


@app.command("show")
@library_errors
def show_role(
    role_id: str = typer.Argument(..., help="Role id, e.g. ml-engineer."),
    as_json: bool = JSON_OPTION,
) -> None:
    """Show one role: band, responsibilities, skills and SOC codes."""
    from paypath.catalog import get_role

    role = get_role(role_id)
    if as_json:
        emit_json(role)
        return
    console.print(f"[bold]{role.title}[/] ({role.id}) — {role.summary}")
    console.print(f"Band: {_band(role)}  SOC: {', '.join(role.soc_codes)}")
    if role.salary_band:
        console.print(f"Source: {role.salary_band.source.title}")
    for item in role.responsibilities:
        console.print(f"  • {item}")
    rows = [(s.skill, "required" if s.required else "nice to have", s.weight) for s in role.skills]
    console.print(table("Skills", ["skill", "kind", "weight"], rows))


def _match_json(match: TitleMatch) -> dict[str, object]:
    return {
        "title": match.title,
        "role": match.role,
        "seniority": match.seniority,
        "score": match.score,
        "ambiguous": match.ambiguous,
        "alternatives": [{"role": r, "score": s} for r, s in match.alternatives],
    }


@app.command("classify")
@library_errors
def classify(
    title: str = typer.Argument(..., help="A job title, or - to read one title per stdin line."),
    as_json: bool = JSON_OPTION,
) -> None:
    """Classify a job title: catalog role (or `other`) and seniority, with a confidence score.

    With `-` and --json, prints one JSON object per input line (JSON Lines), in input order.
    """
    from paypath.titles import classify_title

    lines = read_lines(title)
    matches = (classify_title(t) for t in (lines if lines is not None else [title]))
    if as_json:
        if lines is None:
            emit_json(_match_json(next(matches)))
        else:
            emit_jsonl(_match_json(m) for m in matches)
        return
    rows = [
        (
            m.title,
            m.role,
            m.seniority,
            f"{m.score:.2f}" + (" ambiguous" if m.ambiguous else ""),
            ", ".join(f"{r} {s:.2f}" for r, s in m.alternatives),
        )
        for m in matches
    ]
    console.print(
        table("Title classification", ["title", "role", "seniority", "score", "or"], rows)
    )
