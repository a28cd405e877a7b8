"""Extraction scopes: which skill mentions of a text to keep (see :mod:`paypath.skills`).

A module of its own so the CLI can print the help text without loading the extractor.
"""

from __future__ import annotations

from typing import Literal

__all__ = ["SCOPES", "SCOPE_HELP", "Scope"]

Scope = Literal["all", "requirements"]
SCOPES: tuple[Scope, ...] = ("all", "requirements")
SCOPE_HELP = (
    "all: every mention, each with its context (requirement, title, company, benefits); "
    "requirements: only the skills the text asks of the candidate."
)
