"""`paypath serve`: the web app and JSON API on a local port."""

from __future__ import annotations

import typer

from paypath.cli._output import library_errors


@library_errors
def serve(
    host: str = typer.Option("127.0.0.1", "--host", help="Interface to listen on."),
    port: int = typer.Option(8000, "--port", min=1, max=65535, help="TCP port to listen on."),
) -> None:
    """Run the web app and JSON API (pages at /, API docs at /docs); Ctrl+C stops it."""
    import uvicorn

    from paypath.web import create_app

    uvicorn.run(create_app(), host=host, port=port, log_level="info", server_header=False)
