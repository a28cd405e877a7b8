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
:func:`age_to_latest` states an official figure of an earlier month as of the latest month of
the advertised-wage series: an estimate, labelled with its method, never a replacement.
"""

from __future__ import annotations

import csv
from functools import cache

from pydantic import BaseModel

from paypath.catalog import get_role, load_roles
from paypath.errors import InputError, NotFound
from paypath.market.sources_oflc import OFLC_ATTRIBUTION, OFLC_CAVEAT
from paypath.resources import data_path

__all__ = [
    "INDEED_SOURCE",
    "AgedFigure",
    "CurrentPay",
    "MonthValue",
    "RoleTrend",
    "TrendPoint",
    "age_to_latest",
    "ai_share",
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


class CurrentPay(BaseModel):
    """The official OEWS median of a role and, beside it, that figure aged to today."""

    role: str
    area: str
    official: float
    official_source: str
    aged: AgedFigure


class AgedFigure(BaseModel):
    official: float
    official_month: str
    estimate: float
    estimate_month: str
    growth_pct: float
    method: str
    source: str = INDEED_SOURCE


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


def role_trend(role: str, *, program: str = "lca", country: str = "US") -> RoleTrend:
    """Median offered wage of ``role``'s SOC by fiscal year with year-over-year change.

    Raises :class:`UnknownRole`, or :class:`InputError` for a program other than lca/perm.
    """
    found = get_role(role)
    if program not in PROGRAMS:
        raise InputError(f"program must be one of {', '.join(PROGRAMS)}, not {program!r}")
    soc = found.soc_codes[0]
    rows = _soc_series().get((soc, program), [])
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
    )


def _months_between(start: str, end: str) -> int:
    y0, m0 = (int(p) for p in start.split("-"))
    y1, m1 = (int(p) for p in end.split("-"))
    return (y1 - y0) * 12 + (m1 - m0)


def age_to_latest(value: float, month: str = "2025-05", country: str = "US") -> AgedFigure:
    """``value`` (a figure describing ``month``, YYYY-MM) aged to the latest month of the
    advertised-wage growth series: an estimate, with its method stated.

    US: the ratio of the pay model's posted-wage index (:func:`paypath.pay_model.wage_index`,
    chained from the same Indeed series) at the two months, so ``trends`` and the pay
    model's ``as_of`` age a figure alike. Elsewhere (no chained index is fitted): the latest
    year-on-year growth, compounded over the months between."""
    series = posted_wage_growth(country)
    latest = series[-1]
    months = _months_between(month, latest.month)
    if months < 0:
        raise InputError(f"{month} is after the latest wage-growth month {latest.month}")
    if country.strip().upper() == "US":
        from paypath.pay_model import wage_index

        factor = wage_index(latest.month) / wage_index(month)
        how = f"the pay model's US posted-wage index (x{factor:.4f} from {month})"
    else:
        factor = (1 + latest.value) ** (months / 12)
        how = (
            f"advertised-wage growth in {country.upper()} ({latest.value:.1%} a year as of "
            f"{latest.month}) for {months} months"
        )
    return AgedFigure(
        official=value,
        official_month=month,
        estimate=round(value * factor, -2),
        estimate_month=latest.month,
        growth_pct=round((factor - 1) * 100, 2),
        method=f"estimate: the {month} figure grown by {how}; not an official statistic",
    )


OEWS_MONTH = "2025-05"  # BLS OEWS May 2025 estimates


def current_pay(role: str, area: str = "national") -> CurrentPay | None:
    """The BLS OEWS May 2025 median of ``role`` in ``area`` (official, kept as it is) and an
    estimate of it as of the latest advertised-wage month; None when BLS publishes no median.
    """
    from paypath.pay_model import official_wages
    from paypath.wages import RoleWages

    wages = official_wages(role, area)
    if wages.median is None:
        return None
    return CurrentPay(
        role=wages.role_id if isinstance(wages, RoleWages) else wages.soc,
        area=wages.area,
        official=wages.median,
        official_source=wages.source,
        aged=age_to_latest(wages.median, OEWS_MONTH, "US"),
    )
