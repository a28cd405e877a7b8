"""`paypath salary …`: read salaries from text, annualised and in USD."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import typer

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

if TYPE_CHECKING:  # loaded in the commands that use them
    from paypath.salary import Salary

app = typer.Typer(help="Salaries: parse pay statements, annualised and converted to USD.")

CURRENCY_OPTION = typer.Option(
    "USD", "--currency", help="Currency of a bare '$' or a number with no sign (ISO 4217)."
)


def _record(text: str, salary: Salary | None) -> dict[str, Any]:
    """The contract's keys; ``text`` is the salary as matched, ``input`` the string given."""
    if salary is None:
        from paypath.salary import salary_problem

        return {"text": text, "found": False, "min": None, "max": None, "currency": None,
                "period": None, "annual_min_usd": None, "annual_max_usd": None,
                "input": text, "reason": salary_problem(text)}  # fmt: skip
    return {"text": salary.text, "found": True, **salary.model_dump(mode="json"), "input": text}


def _money(value: float | None) -> str:
    return "open" if value is None else f"{value:,.0f}"


def _amount(value: float | None) -> str:
    return "…" if value is None else f"{value:,.2f}".removesuffix(".00")


def _row(s: Salary) -> tuple[object, ...]:
    stated = f"{_amount(s.min)}–{_amount(s.max)}"
    period = s.period + (" (inferred)" if s.period_inferred else "")
    usd = f"{_money(s.annual_min_usd)} – {_money(s.annual_max_usd)}"
    return (s.text, s.kind, f"{stated} {s.currency}", period, usd)


_COLUMNS = ["text", "kind", "as stated", "period", "USD / year"]


@app.command("parse")
@library_errors
def parse(
    text: str = typer.Argument(..., help="A salary, e.g. '$170-180k'; '-' reads stdin lines."),
    currency: str = CURRENCY_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """Parse one salary (or one per stdin line with '-', printed as JSON Lines)."""
    from paypath.salary import parse_salary, salary_problem

    lines = read_lines(text)
    if lines is not None:
        emit_jsonl(_record(line, parse_salary(line, default_currency=currency)) for line in lines)
        return
    salary = parse_salary(text, default_currency=currency)
    if as_json:
        emit_json(_record(text, salary))
    elif salary is None:
        console.print(f"No salary found in {text!r}: {salary_problem(text)}.", highlight=False)
    else:
        console.print(table("Salary", _COLUMNS, [_row(salary)]))
        console.print(f"FX: {salary.fx_source} ({salary.fx_date})", highlight=False)


@app.command("find")
@library_errors
def find(
    file: str = typer.Argument("-", help="A text file, or '-' for stdin."),
    currency: str = CURRENCY_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """List every salary mention in a document, with its span and kind."""
    from paypath.salary import find_salaries

    found = find_salaries(read_text(file), default_currency=currency)
    if as_json:
        emit_json({"salaries": found})
        return
    rows = [(s.start, s.end, *_row(s)) for s in found]
    console.print(table(f"{len(found)} salary mention(s)", ["start", "end", *_COLUMNS], rows))
