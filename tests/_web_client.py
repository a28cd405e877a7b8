"""Shared by the web tests: one in-process client per test module, and the error shape."""

from __future__ import annotations

import json
import warnings
from typing import Any

from typer.testing import CliRunner

from paypath.cli import app as cli_app
from paypath.web import create_app

with warnings.catch_warnings():  # starlette nudges towards httpx2 on import; httpx works
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient


def client() -> TestClient:
    """An in-process client; a server error comes back as its 500 response, not raised."""
    return TestClient(create_app(), raise_server_exceptions=False)


def assert_error(body: Any, code: str | None = None) -> str:
    """The one error shape: exactly {"error": {"code", "message"}}; returns the message."""
    assert set(body) == {"error"}, body
    assert set(body["error"]) == {"code", "message"}, body
    assert isinstance(body["error"]["message"], str) and body["error"]["message"].strip()
    if code is not None:
        assert body["error"]["code"] == code, body
    return str(body["error"]["message"])


def cli_json(*args: str, stdin: str | None = None) -> Any:
    """The document `paypath ARGS --json` prints."""
    result = CliRunner().invoke(cli_app, [*args, "--json"], input=stdin)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)
