"""`paypath skills …`: the skill taxonomy, name resolution and extraction from text."""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import TYPE_CHECKING, Any, cast

import typer

if TYPE_CHECKING:  # loaded in the commands that use them
    from paypath.catalog import Skill
from paypath.cli._output import (
    JSON_OPTION,
    console,
    emit_json,
    emit_jsonl,
    library_errors,
    read_lines,
    read_text,
    table,
)
from paypath.errors import InputError, UnknownSkill
from paypath.scope import SCOPE_HELP

if TYPE_CHECKING:  # loaded in the commands that use them
    pass

app = typer.Typer(
    help="Skills: list, show, resolve names, extract from text.", no_args_is_help=True
)


def _brief(skill: Skill) -> dict[str, Any]:
    return {"id": skill.id, "name": skill.name, "category": skill.category}


@app.command("list")
@library_errors
def list_skills(
    category: str | None = typer.Option(None, "--category", help="Only this category."),
    as_json: bool = JSON_OPTION,
) -> None:
    """List the skills in the taxonomy, optionally of one category."""
    from paypath.catalog import load_skills

    skills = [s for s in load_skills() if category is None or s.category == category]
    if category is not None and not skills:
        known = ", ".join(sorted({s.category for s in load_skills()}))
        raise InputError(f"no skills in category {category!r}; categories: {known}")
    if as_json:
        emit_json([{**_brief(s), "effort_weeks": s.effort_weeks} for s in skills])
        return
    rows = [(s.id, s.name, s.category, s.effort_weeks) for s in skills]
    console.print(
        table(f"Skills ({len(rows)})", ["id", "name", "category", "effort (weeks)"], rows)
    )


@app.command("show")
@library_errors
def show_skill(
    skill_id: str = typer.Argument(..., help="Skill id or any name or alias, e.g. k8s."),
    as_json: bool = JSON_OPTION,
) -> None:
    """Show one skill: aliases, related skills, O*NET examples, learning effort."""
    from paypath.catalog import get_skill
    from paypath.skills import resolve_skill

    try:
        skill = get_skill(skill_id)
    except UnknownSkill:
        skill = resolve_skill(skill_id)
    if as_json:
        emit_json(skill)
        return
    console.print(f"[bold]{skill.name}[/] ({skill.id}) — {skill.category}")
    console.print(f"Aliases: {', '.join(a.text for a in skill.aliases) or '-'}")
    console.print(f"Related: {', '.join(skill.related) or '-'}")
    console.print(f"O*NET examples: {', '.join(skill.onet) or '-'}")
    console.print(f"Effort: ~{skill.effort_weeks} weeks (rule of thumb, see skills.yaml header)")


@app.command("resolve")
@library_errors
def resolve(
    name: str = typer.Argument(..., help="A skill name, id or alias; '-' reads one per line."),
    as_json: bool = JSON_OPTION,
) -> None:
    """Resolve a skill name (any case or spelling variant) to its id; exit 1 if unknown."""
    from paypath.skills import resolve_skill

    lines = read_lines(name)
    if lines is not None:
        emit_jsonl(_resolve_line(line) for line in lines)
        return
    skill = resolve_skill(name)
    if as_json:
        emit_json(_brief(skill))
        return
    console.print(table("Skill", ["id", "name", "category"], [list(_brief(skill).values())]))


def _resolve_line(line: str) -> dict[str, Any]:
    from paypath.skills import resolve_skill

    try:
        return {"input": line, **_brief(resolve_skill(line))}
    except UnknownSkill as exc:
        return {"input": line, "id": None, "name": None, "category": None, "error": exc.message}


@app.command("extract")
@library_errors
def extract(
    path: str | None = typer.Argument(None, help="A text file, or '-' for stdin (the default)."),
    text: str | None = typer.Option(None, "--text", help="Text to read instead of a file."),
    scope: str = typer.Option("all", "--scope", help=SCOPE_HELP),
    as_json: bool = JSON_OPTION,
) -> None:
    """Find skill mentions (id, span, surface text, context) in a job ad, résumé or text."""
    from paypath.skills import Scope, extract_skills

    mentions = extract_skills(read_text(path, text), cast(Scope, scope))
    counts = dict(Counter(m.id for m in mentions))
    if as_json:
        fields = ("id", "name", "start", "end", "text", "context")
        skills = [{key: getattr(m, key) for key in fields} for m in mentions]
        emit_json({"scope": scope, "skills": skills, "counts": counts})
        return
    names = {m.id: m.name for m in mentions}
    contexts: dict[str, set[str]] = defaultdict(set)
    for m in mentions:
        contexts[m.id].add(str(m.context))
    rows = [
        (sid, names[sid], n, ", ".join(sorted(contexts[sid])))
        for sid, n in sorted(counts.items(), key=lambda kv: -kv[1])
    ]
    columns = ["id", "name", "mentions", "context"]
    console.print(table(f"Skills found ({len(rows)}, scope {scope})", columns, rows))
