"""The `paypath` command line: thin adapters over the library."""

from __future__ import annotations

import typer

from paypath.cli import roles

__all__ = ["app", "main"]

app = typer.Typer(
    name="paypath",
    help="Where the money flows in tech: roles, skills and pay from real, cited data.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
app.add_typer(roles.app, name="roles")


def main() -> None:
    app()
