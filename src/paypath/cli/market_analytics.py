"""`paypath market stats|premiums|demand`: market analytics on the `market` command group.

Without ``--db`` (or ``--dataset``, a Parquet dataset read in place by either engine; with
``--engine spark`` on any Hadoop path too) the commands read the default store when it
exists, else the bundled dataset, so they work offline on first run.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from paypath.cli._output import JSON_OPTION, console, emit_json, library_errors, table
from paypath.cli.market import app
from paypath.config import setting

if TYPE_CHECKING:  # pandas and the engines load only when a command runs
    from paypath.market.analytics import Demand, PayStat, Premium

__all__ = ["demand", "premiums", "stats"]

DB_OPTION = typer.Option(
    None, "--db", help="DuckDB store to read (default: your store if any, else the bundled data)."
)
DATASET_OPTION = typer.Option(
    None,
    "--dataset",
    help="Parquet dataset to read in place (see `market ingest --out`): a folder or file://; "
    "with --engine spark also hdfs://, s3a:// or any Hadoop path.",
)
ENGINE_OPTION = typer.Option(
    None, "--engine", help="Analytics engine: duckdb (default) or spark (needs the spark extra)."
)
MASTER_OPTION = typer.Option(
    None, "--master", help="Spark master URL for --engine spark (default local[*])."
)


def _money(value: float | None) -> str:
    return "" if value is None else f"{value:,.0f}"


def _pct(value: float) -> str:
    return f"{value:+.1%}"


def _source(rows: Iterable[PayStat | Premium | Demand]) -> None:
    sources = sorted({r.source for r in rows})
    console.print(f"[dim]Source: {'; '.join(sources) or 'no rows'}[/]", highlight=False)


@app.command("stats")
@library_errors
def stats(
    by: str = typer.Option(
        "role",
        "--by",
        help="Comma-separated: role, country, region, city, location, seniority, "
        "skill, comp_kind, source, employer.",
    ),
    role: str | None = typer.Option(None, "--role", help="Only this role id."),
    country: str | None = typer.Option(
        None,
        "--country",
        help="Only this country (ISO code; default US unless grouping by country); "
        "'all' pools every country.",
    ),
    seniority: str | None = typer.Option(None, "--seniority", help="Only this seniority."),
    skill: str | None = typer.Option(None, "--skill", help="Only rows with this skill id."),
    min_n: int = typer.Option(
        int(setting("min_n")), "--min-n", help="Suppress cells with fewer rows than this."
    ),
    db: Path | None = DB_OPTION,
    dataset: str | None = DATASET_OPTION,
    engine: str | None = ENGINE_OPTION,
    master: str | None = MASTER_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """Pay percentiles (annual USD) by role, location, seniority or skill; one country (US by
    default) unless grouped by country or --country all, and the title says which."""
    groups = [b.strip() for b in by.split(",") if b.strip()]
    if country is None and "country" not in groups:
        country = "US"
    pool = (
        "by country"
        if "country" in groups and country is None
        else "all countries pooled"
        if country is not None and country.lower() == "all"
        else f"country {country.upper()}"
        if country
        else "by country"
    )
    if country is not None and country.lower() == "all":
        country = None
    filters = {"role": role, "country": country, "seniority": seniority, "skill": skill}
    from paypath.market.analytics import open_analytics_store, pay_stats

    engine = engine or setting("engine")
    with open_analytics_store(db, dataset=dataset, engine=engine, master=master) as store:
        rows = pay_stats(
            store,
            by=groups,
            where={k: v for k, v in filters.items() if v},
            min_n=min_n,
            engine=engine,
            master=master,
        )
    if as_json:
        emit_json(rows)
        return
    keys = list(rows[0].group) if rows else []
    cells = [
        [*(r.group[k] for k in keys), r.n]
        + (
            ["", "", "suppressed", "", ""]
            if r.suppressed
            else [_money(v) for v in (r.p10, r.p25, r.median, r.p75, r.p90)]
        )
        for r in rows
    ]
    columns = [*keys, "n", "p10", "p25", "median", "p75", "p90"]
    console.print(table(f"Pay percentiles (USD/yr), {pool}", columns, cells))
    if any(r.suppressed for r in rows):
        console.print(f"[dim]suppressed: fewer than {min_n} rows (--min-n)[/]", highlight=False)
    _source(rows)


@app.command("premiums")
@library_errors
def premiums(
    role: str | None = typer.Option(None, "--role", help="Only this role (default: all roles)."),
    min_n: int = typer.Option(
        30, "--min-n", help="Rows needed both with and without a skill to measure it."
    ),
    db: Path | None = DB_OPTION,
    dataset: str | None = DATASET_OPTION,
    engine: str | None = ENGINE_OPTION,
    master: str | None = MASTER_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """Skill pay premiums (log-pay regression with controls, 95% CI)."""
    from paypath.market.analytics import open_analytics_store, skill_premiums

    engine = engine or setting("engine")
    with open_analytics_store(db, dataset=dataset, engine=engine, master=master) as store:
        rows = skill_premiums(store, role=role, min_n=min_n, engine=engine, master=master)
    if as_json:
        emit_json(rows)
        return
    cells = [
        [r.skill, r.name, _pct(r.premium), f"{_pct(r.ci_low)} to {_pct(r.ci_high)}", r.n]
        for r in rows
    ]
    title = f"Skill pay premiums ({role or 'all roles'})"
    console.print(table(title, ["skill", "name", "premium", "95% CI", "n"], cells))
    if rows:
        console.print(f"[dim]Controls: {', '.join(rows[0].controls)}[/]", highlight=False)
    _source(rows)


@app.command("demand")
@library_errors
def demand(
    role: str = typer.Option(..., "--role", help="Role id, e.g. data-scientist."),
    top: int = typer.Option(30, "--top", help="How many skills to list."),
    db: Path | None = DB_OPTION,
    dataset: str | None = DATASET_OPTION,
    engine: str | None = ENGINE_OPTION,
    master: str | None = MASTER_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """Share of a role's postings that ask for each skill."""
    from paypath.market.analytics import open_analytics_store, skill_demand

    engine = engine or setting("engine")
    with open_analytics_store(db, dataset=dataset, engine=engine, master=master) as store:
        rows = skill_demand(store, role, top=top, engine=engine, master=master)
    if as_json:
        emit_json(rows)
        return
    cells = [[r.skill, r.name, f"{r.share:.1%}", r.n, r.total] for r in rows]
    console.print(table(f"Skill demand: {role}", ["skill", "name", "share", "n", "of"], cells))
    _source(rows)
