"""What every CLI command shares: JSON or Rich output, JSON Lines batches, error translation.

Commands stay thin: they call one library function and hand the result here.
"""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, ParamSpec, TypeVar

import typer
from pydantic import BaseModel
from rich.console import Console
from rich.table import Table

from paypath.errors import PaypathError

__all__ = [
    "JSON_OPTION",
    "console",
    "emit_json",
    "emit_jsonl",
    "err_console",
    "library_errors",
    "read_lines",
    "read_text",
    "table",
    "to_jsonable",
]

P = ParamSpec("P")
R = TypeVar("R")

console = Console()
err_console = Console(stderr=True)

JSON_OPTION = typer.Option(False, "--json", help="Print one JSON document instead of a table.")


def to_jsonable(value: Any) -> Any:
    """Plain JSON types from models, tuples and dataclass-like objects."""
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
    if isinstance(value, dict):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [to_jsonable(v) for v in value]
    if isinstance(value, Path):
        return str(value)
    return value


def emit_json(value: Any) -> None:
    """Print one JSON document to stdout."""
    sys.stdout.write(json.dumps(to_jsonable(value), ensure_ascii=False, indent=2) + "\n")


def emit_jsonl(values: Iterable[Any]) -> None:
    """Print one JSON object per line, flushing each so pipelines stream."""
    for value in values:
        sys.stdout.write(json.dumps(to_jsonable(value), ensure_ascii=False) + "\n")
        sys.stdout.flush()


def read_lines(arg: str) -> Iterator[str] | None:
    """Stdin lines (stripped, blank lines skipped) when ``arg`` is ``-``, else None."""
    if arg != "-":
        return None
    return (line.rstrip("\r\n") for line in sys.stdin if line.strip())


def read_text(path: str | None, text: str | None = None) -> str:
    """The whole input: ``--text``, a file path, or stdin for ``-``/nothing."""
    if text is not None:
        return text
    if path in (None, "-"):
        return sys.stdin.read()
    file = Path(path)
    if not file.is_file():
        raise typer.BadParameter(f"no such file: {path}")
    return file.read_text(encoding="utf-8", errors="replace")


def table(title: str, columns: list[str], rows: Iterable[Iterable[Any]]) -> Table:
    """A Rich table whose words are never cut short: ids ("software-engineering-manager")
    are what the next command needs, so an id column (headed "id", "role id" or "skill
    id") is as wide as its longest id (up to ``_ID_WIDTH``), and any word too long for
    its column folds onto the next line instead of ending in an ellipsis."""
    cells = [["" if cell is None else str(cell) for cell in row] for row in rows]
    t = Table(title=title, header_style="bold")
    for index, column in enumerate(columns):
        width = None
        if column in _ID_COLUMNS:
            width = min(max((len(row[index]) for row in cells), default=0), _ID_WIDTH)
        t.add_column(column, overflow="fold", width=width, no_wrap=width is not None)
    for row in cells:
        t.add_row(*row)
    return t


_ID_WIDTH = 32  # the longest role or skill id fits; longer words fold
_ID_COLUMNS = frozenset({"id", "role id", "skill id"})


def library_errors(func: Callable[P, R]) -> Callable[P, R]:
    """Turn a library error into its message on stderr and exit code 1."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return func(*args, **kwargs)
        except PaypathError as exc:
            err_console.print(f"[bold red]Error:[/] {exc.message}", highlight=False)
            raise typer.Exit(1) from None

    return wrapper
