"""Docs that cannot rot: every CLI command has help text, and --help works for each."""

from __future__ import annotations

from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from paypath.cli import app


def _commands() -> list[tuple[str, ...]]:
    root = typer.main.get_command(app)
    found: list[tuple[str, ...]] = []

    def walk(cmd: Any, path: tuple[str, ...]) -> None:
        if hasattr(cmd, "commands"):  # a group (typer vendors its own click)
            for name, sub in cmd.commands.items():
                walk(sub, (*path, name))
        else:
            found.append(path)

    walk(root, ())
    return found


COMMANDS = _commands()
# `serve` runs a server and has no document to print.
JSON_COMMANDS = [p for p in COMMANDS if p != ("serve",)]


def test_the_contracted_command_groups_exist() -> None:
    assert ("roles", "list") in COMMANDS and ("roles", "show") in COMMANDS


@pytest.mark.parametrize("path", COMMANDS, ids=[" ".join(p) for p in COMMANDS])
def test_every_command_has_help(path: tuple[str, ...]) -> None:
    result = CliRunner().invoke(app, [*path, "--help"])
    assert result.exit_code == 0, result.output
    cmd: Any = typer.main.get_command(app)
    for name in path:
        cmd = cmd.commands[name]
    assert (cmd.help or "").strip(), f"`paypath {' '.join(path)}` has no help text"


@pytest.mark.parametrize("path", JSON_COMMANDS, ids=[" ".join(p) for p in JSON_COMMANDS])
def test_every_command_but_serve_offers_json(path: tuple[str, ...]) -> None:
    result = CliRunner().invoke(app, [*path, "--help"])
    assert "--json" in result.stdout
