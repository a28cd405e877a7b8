"""`paypath market ingest|sources|sql`: load market data into the DuckDB store (or a
Parquet dataset, locally or as a Spark job), query it.

The analytics commands (stats, premiums, demand) are added onto this ``app`` by
``paypath.cli.market_analytics``.
"""

from __future__ import annotations

import signal
from dataclasses import asdict
from datetime import date, datetime
from decimal import Decimal
from functools import partial
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
    files: list[str] = typer.Argument(
        ...,
        help="Files to ingest (.csv/.json/.parquet, may be .gz/.bz2/.zip); with --engine "
        "spark also folders and globs.",
    ),
    source: str = typer.Option(
        ..., "--source", "-s", help="Source kind; see `paypath market sources`."
    ),
    db: Path | None = DB_OPTION,
    out: str | None = typer.Option(
        None,
        "--out",
        help="Write a Parquet dataset (folder, file:// or, with Spark, hdfs://, "
        "s3a://) instead of the store.",
    ),
    engine: str = typer.Option(
        "local", "--engine", help="local (this machine) or spark (a Spark job; needs --out)."
    ),
    master: str | None = typer.Option(
        None, "--master", help="Spark master URL for --engine spark (default local[*])."
    ),
    verbose: bool = typer.Option(False, "--verbose", help="Show Spark's own log output."),
    mapping: str | None = typer.Option(
        None, "--map", help="Column mapping for csv/jsonl/parquet: title=job_name,salary=pay"
    ),
    workers: int | None = typer.Option(
        None, "--workers", help="Processes converting rows (default: one per core for big files)."
    ),
    as_json: bool = JSON_OPTION,
) -> None:
    """Ingest FILES into the store (or the dataset --out): counts read, stored, duplicates
    and quarantined rows."""
    from paypath.market.ingest import ingest_dataset, ingest_path, parse_mapping

    if engine == "spark":
        _spark_ingest(files, source, out, master, verbose, parse_mapping(mapping), as_json)
        return
    if engine != "local":
        raise typer.BadParameter(
            f"unknown engine {engine!r}; use local or spark", param_hint="--engine"
        )
    # SIGTERM unwinds like Ctrl-C: the transaction rolls back, the staging folder goes
    previous = signal.signal(signal.SIGTERM, _terminated)
    results = []
    try:
        for file in map(Path, files):
            # the store is held only for the load: others can query it while rows convert
            with _progress(quiet=as_json) as bar:
                task = bar.add_task(f"ingesting {file.name}", total=None)
                options: dict[str, Any] = {
                    "mapping": parse_mapping(mapping) or None,
                    "progress": partial(bar.advance, task),
                    "workers": workers,
                }
                if out is not None:
                    results.append(ingest_dataset(out, file, source, **options))
                else:
                    results.append(ingest_path(db, file, source, **options))
    except KeyboardInterrupt:
        # ingest_file returns the result when a stop lands after COMMIT, so here it did not
        err_console.print("Interrupted: the ingest was rolled back; the store is unchanged.")
        raise typer.Exit(130) from None
    finally:
        signal.signal(signal.SIGTERM, previous)
    _show(results, as_json)


def _spark_ingest(
    files: list[str],
    source: str,
    out: str | None,
    master: str | None,
    verbose: bool,
    mapping: dict[str, str],
    as_json: bool,
) -> None:
    if out is None:
        raise typer.BadParameter("--engine spark writes a dataset: give --out", param_hint="--out")
    from paypath.market.engines.spark_ingest import quiet_session, spark_ingest

    session = quiet_session(master, verbose=verbose)
    _show([spark_ingest(session, files, source, out, mapping=mapping or None)], as_json)


def _show(results: list[IngestResult], as_json: bool) -> None:
    if as_json:
        emit_json(asdict(results[0]) if len(results) == 1 else [asdict(r) for r in results])
        return
    for result in results:
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
