"""`paypath serve`: the web app and JSON API on a local port."""

from __future__ import annotations

import typer

from paypath.cli._output import library_errors

APP_FACTORY = "paypath.web.app:create_warm_app"


@library_errors
def serve(
    host: str = typer.Option("127.0.0.1", "--host", help="Interface to listen on."),
    port: int = typer.Option(8000, "--port", min=1, max=65535, help="TCP port to listen on."),
    workers: int = typer.Option(
        1,
        "--workers",
        min=1,
        max=64,
        help="Worker processes (each loads and warms its own data: ~0.3 GB of memory).",
    ),
    warm: bool = typer.Option(
        True,
        "--warm/--no-warm",
        help="Compute every role's skill premiums in the background (else on first use).",
    ),
    access_log: bool = typer.Option(
        True, "--access-log/--no-access-log", help="Log every request (off for load tests)."
    ),
) -> None:
    """Run the web app and JSON API (pages at /, API docs at /docs); Ctrl+C stops it."""
    import uvicorn

    uvicorn.run(
        APP_FACTORY if warm else "paypath.web.app:create_app",
        factory=True,
        http="paypath.web.server:NoDelayH11Protocol",  # TCP_NODELAY also with --workers
        host=host,
        port=port,
        workers=workers,
        log_level="info",
        access_log=access_log,
        server_header=False,
    )
