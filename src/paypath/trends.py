"""Is pay for a role rising or falling? Median offered wage by fiscal year, and beside it the
advertised-wage growth and AI share of postings of the country.

Shipped tables (built by ``scripts/build_trends.py``):

* ``data/oflc/soc_by_fy.csv``: median offered annual wage by SOC x program (LCA, PERM) x
  fiscal year, FY2015-FY2026 (FY2026 partial), from about 500k LCA filings a year
  (U.S. Department of Labor, OFLC disclosure data; national figures only).
* ``data/trends/posted_wage_growth.csv``: Indeed Hiring Lab, year-over-year growth of
  advertised wages by country and month (CC BY 4.0).
* ``data/trends/ai_share.csv``: Indeed Hiring Lab, share of postings that mention AI/GenAI,
  monthly mean of the daily series, by country (CC BY 4.0).

:func:`role_trend` reads a role through its catalog SOC code (the first one); several roles
share an SOC (15-1252 is software, ML, DevOps, SRE...), and the trend says so.
:func:`current_pay` puts the official BLS median (kept as published) beside the pay
model's figure as of the latest month of its wage index (:func:`paypath.pay_model.estimate_pay`
with ``as_of``): one aging of pay, the model's, never a second one here.
"""

from __future__ import annotations

import csv
from functools import cache
from typing import TYPE_CHECKING

from pydantic import BaseModel

from paypath.catalog import get_role, load_roles
from paypath.errors import InputError, NotFound
from paypath.market.sources_oflc import OFLC_ATTRIBUTION, OFLC_CAVEAT
from paypath.pay_model import PayDistribution
from paypath.resources import data_path

if TYPE_CHECKING:
    from paypath.market.store import Store

__all__ = [
    "INDEED_SOURCE",
    "AreaPoint",
    "AreaTrend",
    "CurrentPay",
    "MonthValue",
    "RoleTrend",
    "TrendPoint",
    "ai_share",
    "area_trend",
    "current_pay",
    "posted_wage_growth",
    "role_trend",
]

INDEED_SOURCE = "Indeed Hiring Lab (CC BY 4.0)"
PROGRAMS = ("lca", "perm")
PARTIAL_YEAR = 2026  # FY2026 runs Oct 2025-Sep 2026; the files stop part-way through it


class TrendPoint(BaseModel):
    fiscal_year: int
    n: int
    median: float
    change_pct: float | None  # vs the previous fiscal year
    partial: bool = False


class MonthValue(BaseModel):
    month: str  # YYYY-MM
    value: float


class RoleTrend(BaseModel):
    role: str
    soc: str
    soc_title: str
    program: str
    points: list[TrendPoint]
    shares_soc_with: list[str]
    country: str
    wage_growth: list[MonthValue]  # advertised-wage growth YoY, last 12 months, fraction
    source: str = f"{OFLC_ATTRIBUTION} (aggregates by SOC and fiscal year); {INDEED_SOURCE}"
    caveat: str = OFLC_CAVEAT
    from_store: bool = False  # True: read from ingested aggregates, not the shipped table


class CurrentPay(BaseModel):
    """The official OEWS median of a role and, beside it, the pay model's figure for today."""

    role: str
    area: str
    official: float
    official_source: str
    official_month: str
    estimate: PayDistribution | None  # the model's mid-level base as of ``estimate_month``
    estimate_reason: str | None = None
    estimate_month: str
    method: str


def _rows(name: str) -> list[dict[str, str]]:
    with data_path(name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@cache
def _soc_series() -> dict[tuple[str, str], list[tuple[int, int, float, str]]]:
    series: dict[tuple[str, str], list[tuple[int, int, float, str]]] = {}
    for r in _rows("oflc/soc_by_fy.csv"):
        key = (r["soc"], r["program"])
        series.setdefault(key, []).append(
            (int(r["fiscal_year"]), int(r["n"]), float(r["median"]), r["label"])
        )
    return series


@cache
def _monthly(name: str, column: str) -> dict[str, list[MonthValue]]:
    out: dict[str, list[MonthValue]] = {}
    for r in _rows(name):
        if r[column] not in ("", "NA"):
            out.setdefault(r["country_code"], []).append(
                MonthValue(month=r["month"], value=float(r[column]))
            )
    return out


def _country_series(name: str, column: str, country: str) -> list[MonthValue]:
    series = _monthly(name, column)
    code = country.strip().upper()
    if code not in series:
        raise NotFound(
            f"no {INDEED_SOURCE} series for country {country!r}; "
            f"countries: {', '.join(sorted(series))}"
        )
    return series[code]


def posted_wage_growth(country: str = "US") -> list[MonthValue]:
    """Advertised-wage growth, year over year (0.024 = 2.4%), by month."""
    return _country_series("trends/posted_wage_growth.csv", "yoy", country)


def ai_share(country: str = "US") -> list[MonthValue]:
    """Share of job postings that mention AI or GenAI (percent), by month."""
    return _country_series("trends/ai_share.csv", "ai_share_pct", country)


def role_trend(
    role: str, *, program: str = "lca", country: str = "US", store: Store | None = None
) -> RoleTrend:
    """Median offered wage of ``role``'s SOC by fiscal year with year-over-year change.

    ``store``: a market store holding ingested OFLC aggregates (``market ingest FILE
    --source dol-oflc-agg``); its facts are used when it has the SOC, else the shipped table.
    Raises :class:`UnknownRole`, or :class:`InputError` for a program other than lca/perm.
    """
    found = get_role(role)
    if program not in PROGRAMS:
        raise InputError(f"program must be one of {', '.join(PROGRAMS)}, not {program!r}")
    soc = found.soc_codes[0]
    stored: list[tuple[int, int, float, str]] = []
    if store is not None:
        from paypath.market.oflc_aggregates import soc_series

        stored = soc_series(store.con, soc, program)
    rows = stored or _soc_series().get((soc, program), [])
    points: list[TrendPoint] = []
    for year, n, median, _ in rows:
        before = points[-1].median if points and points[-1].fiscal_year == year - 1 else None
        change = round((median / before - 1) * 100, 1) if before else None
        points.append(
            TrendPoint(
                fiscal_year=year,
                n=n,
                median=median,
                change_pct=change,
                partial=year == PARTIAL_YEAR,
            )
        )
    sharing = sorted(r.id for r in load_roles() if soc in r.soc_codes and r.id != found.id)
    return RoleTrend(
        role=found.id,
        soc=soc,
        soc_title=rows[0][3] if rows else "",
        program=program,
        points=points,
        shares_soc_with=sharing,
        country=country.upper(),
        wage_growth=posted_wage_growth(country)[-12:],
        from_store=bool(stored),
    )


AREA_YEARS = (2023, 2026)
AREA_MIN_N = 10  # scripts/build_employers.py's MIN_N: the table holds no smaller cell


class AreaPoint(BaseModel):
    fiscal_year: int
    n: int
    p25: float
    median: float
    p75: float


class AreaTrend(BaseModel):
    """A role's offered wage in one area by fiscal year, from PERM row-level filings."""

    role: str
    area: str
    area_name: str
    points: list[AreaPoint]  # only the years with row-level files and >= min_n filings
    years_with_data: list[int] = list(AREA_YEARS)
    note: str = (
        "PERM row-level filings exist only for FY2023 and FY2026 (first half); areas with "
        f"fewer than {AREA_MIN_N} filings in a year are not shown. The national trend above "
        "comes from the aggregates (all years, SOC level)."
    )
    source: str = f"{OFLC_ATTRIBUTION}: PERM FY2023, FY2026 H1 (row-level filings)"
    caveat: str = OFLC_CAVEAT


@cache
def _area_rows() -> dict[tuple[str, str], list[AreaPoint]]:
    out: dict[tuple[str, str], list[AreaPoint]] = {}
    with data_path("oflc/role_area_by_fy.csv").open(encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(line for line in fh if not line.startswith("#")):
            out.setdefault((r["role"], r["area"]), []).append(
                AreaPoint(
                    fiscal_year=int(r["fiscal_year"]),
                    n=int(r["n"]),
                    p25=float(r["p25"]),
                    median=float(r["median"]),
                    p75=float(r["p75"]),
                )
            )
    return out


def area_trend(role: str, area: str) -> AreaTrend:
    """``role``'s offered wage in ``area`` (a state, metro or national) by fiscal year from
    the PERM filings; ``points`` is empty where no year reaches the minimum n."""
    from paypath.employers import oflc_area

    found = get_role(role)
    key, name = oflc_area(area)
    return AreaTrend(
        role=found.id, area=key, area_name=name, points=_area_rows().get((found.id, key), [])
    )


OEWS_MONTH = "2025-05"  # BLS OEWS May 2025 estimates


def current_pay(role: str, area: str = "national") -> CurrentPay | None:
    """The BLS OEWS May 2025 median of ``role`` in ``area`` (official, kept as it is) and the
    pay model's mid-level base as of the latest month of its wage index; None when BLS
    publishes no median."""
    from paypath.pay_model import estimate_pay, official_wages, wage_growth_factor
    from paypath.wages import RoleWages

    wages = official_wages(role, area)
    if wages.median is None:
        return None
    _, latest = wage_growth_factor(OEWS_MONTH)
    model = estimate_pay(role, area, level="mid", as_of=latest)
    return CurrentPay(
        role=wages.role_id if isinstance(wages, RoleWages) else wages.soc,
        area=wages.area,
        official=wages.median,
        official_source=wages.source,
        official_month=OEWS_MONTH,
        estimate=model.base,
        estimate_reason=model.base_reason,
        estimate_month=latest,
        method=(
            "estimate, not an official statistic: paypath's pay model (mid level, base) as of "
            f"{latest}; the official figure describes all workers in the occupation in "
            f"{OEWS_MONTH}. {model.method}"
        ),
    )
