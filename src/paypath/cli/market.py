"""`paypath market ingest|sources|sql`: load market data into the DuckDB store, query it.

The analytics commands (stats, premiums, demand) are added onto this ``app`` by
``paypath.cli.market_analytics``.
"""

from __future__ import annotations

import signal
from dataclasses import asdict
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer
from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from paypath.cli._output import (
    JSON_OPTION,
    console,
    emit_json,
    err_console,
    library_errors,
    table,
)

if TYPE_CHECKING:  # the store and its readers load only in the commands that use them
    from paypath.market.ingest import IngestResult

__all__ = ["app"]

app = typer.Typer(help="Market data: ingest postings and surveys, query the store.")

DB_OPTION = typer.Option(None, "--db", help="DuckDB store file (default: your data dir).")


@app.command("ingest")
@library_errors
def ingest(
    file: Path = typer.Argument(
        ..., help="File to ingest (.csv/.json/.parquet, may be .gz/.bz2/.zip)."
    ),
    source: str = typer.Option(
        ..., "--source", "-s", help="Source kind; see `paypath market sources`."
    ),
    db: Path | None = DB_OPTION,
    mapping: str | None = typer.Option(
        None, "--map", help="Column mapping for csv/jsonl/parquet: title=job_name,salary=pay"
    ),
    workers: int | None = typer.Option(
        None, "--workers", help="Processes converting rows (default: one per core for big files)."
    ),
    as_json: bool = JSON_OPTION,
) -> None:
    """Ingest FILE into the store: counts read, stored, duplicates and quarantined rows."""
    from paypath.market.ingest import ingest_path, parse_mapping

    # SIGTERM unwinds like Ctrl-C: the transaction rolls back, the staging folder goes
    previous = signal.signal(signal.SIGTERM, _terminated)
    try:
        # the store is held only for the load: others can query it while rows convert
        with _progress(quiet=as_json) as bar:
            task = bar.add_task(f"ingesting {file.name}", total=None)
            result = ingest_path(
                db,
                file,
                source,
                mapping=parse_mapping(mapping) or None,
                progress=lambda n: bar.advance(task, n),
                workers=workers,
            )
    except KeyboardInterrupt:
        # ingest_file returns the result when a stop lands after COMMIT, so here it did not
        err_console.print("Interrupted: the ingest was rolled back; the store is unchanged.")
        raise typer.Exit(130) from None
    finally:
        signal.signal(signal.SIGTERM, previous)
    if as_json:
        emit_json(asdict(result))
        return
    console.print(_result_table(result))


def _terminated(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def _progress(*, quiet: bool) -> Progress:
    return Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        TextColumn("{task.completed:,} rows"),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        disable=quiet,
        transient=True,
    )


def _result_table(result: IngestResult) -> object:
    rows = [
        ("read", result.read),
        ("stored", result.stored),
        ("duplicates", result.duplicates),
        ("quarantined", result.quarantined),
        *((f"  quarantined: {reason}", n) for reason, n in sorted(result.reasons.items())),
    ]
    return table(f"{Path(result.file).name} ({result.source})", ["", "rows"], rows)


@app.command("sources")
def sources(as_json: bool = JSON_OPTION) -> None:
    """List the source kinds `paypath market ingest --source` accepts."""
    from paypath.market.sources import AGGREGATE_SOURCE, SOURCES

    listed = [(s.kind, s.help) for s in SOURCES.values()] + [AGGREGATE_SOURCE]
    kinds = [{"kind": kind, "help": help} for kind, help in sorted(listed)]
    if as_json:
        emit_json(kinds)
        return
    console.print(table("sources", ["kind", "reads"], ((k["kind"], k["help"]) for k in kinds)))


@app.command("sql")
@library_errors
def sql(
    query: str = typer.Argument(
        ..., help='SQL to run, e.g. "SELECT role_id, count(*) FROM postings GROUP BY 1".'
    ),
    db: Path | None = typer.Option(
        None, "--db", help="Store to query (default: your store if any, else the bundled data)."
    ),
    limit: int = typer.Option(1000, "--limit", help="Most rows to return (1 to 100,000)."),
    as_json: bool = JSON_OPTION,
) -> None:
    """Run one ad-hoc SQL query over the store: read-only, no file access."""
    from paypath.config import default_db_path
    from paypath.market.store import read_only_query

    if db is None and default_db_path().exists():
        db = default_db_path()
    result = read_only_query(query, limit, db)
    if as_json:
        emit_json([{k: _plain(v) for k, v in r.items()} for r in result.records()])
        return
    console.print(table("query", result.columns, result.rows))


def _plain(value: Any) -> Any:
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    return value
