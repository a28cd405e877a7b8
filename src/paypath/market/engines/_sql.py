"""The analytics SQL, written once for both engines.

DuckDB and Spark SQL differ here only in two spellings, passed in as a :class:`Dialect`:
the exact continuous percentile aggregate and the named-parameter marker. Filter values
are always bound as parameters, never pasted into the text; column names come from
the fixed whitelist below.
"""

from __future__ import annotations

from dataclasses import dataclass

from paypath.market.engines import QUANTILES, StatsQuery
from paypath.market.premium_fit import PAY_CEIL, PAY_FLOOR, TRIM

__all__ = [
    "DUCKDB",
    "GROUP_COLUMNS",
    "PREMIUM_COLUMNS",
    "SPARK",
    "Dialect",
    "demand_sql",
    "demand_total_sql",
    "premium_bounds_sql",
    "premium_listed_sql",
    "premium_trimmed_sql",
    "stats_sql",
]

# Columns of `postings` one may group or filter by; `skill` is a posting's skill ids.
GROUP_COLUMNS = (
    "role_id",
    "country",
    "region",
    "city",
    "seniority",
    "skill",
    "comp_kind",
    "source",
    "record_kind",
    "company",
)
PREMIUM_COLUMNS = (
    "id",
    "pay_usd",
    "role_id",
    "seniority",
    "country",
    "years_experience",
    "source",
    "comp_kind",
    "ai_use",
    "source_file",
    "org_size",
)
PAY_OK = "p.pay_usd IS NOT NULL AND p.pay_usd > 0"
# A posting has a skill when it asks for it: names it in a requirement (``asked > 0``), or
# names it at all where that was not recorded (``asked`` NULL: survey answers and rows
# stored before paypath recorded it). A skill named only in the title, the company's
# stack or the benefits counts nowhere: not in stats by skill, skill filters, premiums
# or demand.
ASKED = "coalesce(ps.asked, ps.mentions, 1) > 0"


@dataclass(frozen=True)
class Dialect:
    quantile_fn: str  # e.g. "quantile_cont({col}, [{qs}])"
    param_prefix: str  # "$" (DuckDB) or ":" (Spark)
    set_fn: str  # the aggregate of a column's distinct values as a list/array

    def quantiles(self, column: str) -> str:
        return self.quantile_fn.format(col=column, qs=", ".join(str(q) for q in QUANTILES))

    def param(self, name: str) -> str:
        return f"{self.param_prefix}{name}"


DUCKDB = Dialect("quantile_cont({col}, [{qs}])", "$", "list(DISTINCT {col})")
SPARK = Dialect("percentile({col}, array({qs}))", ":", "collect_set({col})")


def _check_column(column: str) -> str:
    if column not in GROUP_COLUMNS:
        raise ValueError(f"not an analytics column: {column!r}")
    return column


def _filters(
    where: tuple[tuple[str, str], ...], dialect: Dialect
) -> tuple[list[str], dict[str, str]]:
    clauses = []
    params: dict[str, str] = {}
    for i, (column, value) in enumerate(where):
        name = f"w{i}"
        params[name] = value
        if _check_column(column) == "skill":
            clauses.append(
                f"p.id IN (SELECT ps.posting_id FROM posting_skills ps WHERE ps.skill_id = "
                f"{dialect.param(name)} AND {ASKED})"
            )
        else:
            clauses.append(f"p.{column} = {dialect.param(name)}")
    return clauses, params


def stats_sql(query: StatsQuery, dialect: Dialect) -> tuple[str, dict[str, str]]:
    """n and the QUANTILES of pay_usd per group (columns g0, g1, …, n, q).

    Read from ``pay_facts``: the paid postings, narrow and sorted by (role, pay).
    """
    clauses, params = _filters(query.where, dialect)
    selects = ["ps.skill_id" if _check_column(c) == "skill" else f"p.{c}" for c in query.by]
    groups = [f"g{i}" for i in range(len(query.by))]
    join = f" JOIN posting_skills ps ON ps.posting_id = p.id AND {ASKED}"
    join = join if "skill" in query.by else ""
    inner = ", ".join(f"{s} AS {g}" for s, g in zip(selects, groups, strict=True))
    inner = f"{inner}, " if inner else ""
    outer = ", ".join(groups)
    group_by = f" GROUP BY {outer}" if groups else ""
    sql = (
        f"SELECT {outer + ', ' if outer else ''}count(*) AS n, {dialect.quantiles('pay')} AS q "
        f"FROM (SELECT {inner}p.pay_usd AS pay FROM pay_facts p{join}"
        f"{' WHERE ' + ' AND '.join(clauses) if clauses else ''}) t{group_by}"
    )
    return sql, params


def demand_total_sql(dialect: Dialect) -> str:
    """Postings of a role (parameter ``role``) that carry skill information."""
    return (
        "SELECT count(*) AS n FROM postings p WHERE p.role_id = "
        f"{dialect.param('role')} AND p.id IN (SELECT posting_id FROM posting_skills)"
    )


def demand_sql(dialect: Dialect) -> str:
    """Per skill, how many postings of the role (parameter ``role``) ask for it (ASKED)."""
    return (
        "SELECT ps.skill_id AS skill, count(DISTINCT ps.posting_id) AS n "
        "FROM posting_skills ps JOIN postings p ON p.id = ps.posting_id "
        f"WHERE p.role_id = {dialect.param('role')} AND {ASKED} "
        "GROUP BY ps.skill_id"
    )


def _role_filter(role: str | None, dialect: Dialect) -> tuple[str, dict[str, str]]:
    if role is None:
        return PAY_OK, {}
    return f"{PAY_OK} AND p.role_id = {dialect.param('role')}", {"role": role}


def _double(value: float) -> str:
    """A float as an exact DOUBLE literal (repr round-trips; Spark reads a bare decimal as
    DECIMAL)."""
    return f"CAST('{value!r}' AS DOUBLE)"


def _listed_sql(role: str | None, kind: str, dialect: Dialect) -> tuple[str, dict[str, str]]:
    """The rows a premium regression may use, before the pay trim: for ``kind`` "skills",
    paid rows that name a skill (ASKED; ``skills``: their distinct skill ids) from a
    source file where some paid row names two or more; for "ai", paid rows that answered
    the survey's AI question."""
    where, params = _role_filter(role, dialect)
    columns = ", ".join(f"p.{c}" for c in PREMIUM_COLUMNS)
    if kind == "ai":
        return f"SELECT {columns} FROM postings p WHERE {where} AND p.ai_use IS NOT NULL", params
    if kind != "skills":
        raise ValueError(f"not a premium sample: {kind!r}")
    paid = f"SELECT {columns} FROM postings p WHERE {where}"
    named = (
        f"SELECT ps.posting_id, {dialect.set_fn.format(col='ps.skill_id')} AS skills, "
        "count(DISTINCT ps.skill_id) AS k FROM posting_skills ps "
        f"JOIN postings p ON p.id = ps.posting_id WHERE {where} AND {ASKED} "
        "GROUP BY ps.posting_id"
    )
    sql = (
        f"SELECT r.*, n.skills FROM ({paid}) r JOIN ({named}) n ON n.posting_id = r.id "
        "WHERE coalesce(r.source_file, '') IN (SELECT coalesce(r2.source_file, '') "
        f"FROM ({paid}) r2 JOIN ({named}) n2 ON n2.posting_id = r2.id WHERE n2.k >= 2)"
    )
    return sql, params


def _plausible(floor: float, ceil: float) -> str:
    return f"pay_usd >= {_double(floor)} AND pay_usd <= {_double(ceil)}"


def premium_listed_sql(role: str | None, kind: str, dialect: Dialect) -> tuple[str, dict[str, str]]:
    """The rows a ``kind`` premium regression may use, before the pay trim (see
    :func:`_listed_sql`)."""
    return _listed_sql(role, kind, dialect)


def premium_bounds_sql(table: str, dialect: Dialect) -> str:
    """Over the listed rows in ``table``: their count (``n``) and the ``TRIM``
    percentiles of their plausible pay (``q``: exact, linearly interpolated; NULL when no
    pay is plausible)."""
    q = dialect.quantile_fn.format(col="pay", qs=", ".join(str(t) for t in TRIM))
    plausible = _plausible(PAY_FLOOR, PAY_CEIL)
    return (
        f"SELECT count(*) AS n, {q} AS q FROM (SELECT CASE WHEN {plausible} "
        f"THEN pay_usd END AS pay FROM {table}) t"
    )


def premium_trimmed_sql(table: str, low: float, high: float) -> str:
    """The regression sample: the listed rows in ``table`` with pay in ``low``–``high``."""
    return f"SELECT * FROM {table} WHERE {_plausible(low, high)}"
