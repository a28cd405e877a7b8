"""Who pays most: offered base wage by employer, role, area and fiscal year (DOL OFLC PERM).

The package ships ``data/oflc/employers.csv``, built by ``scripts/build_employers.py`` from
the PERM disclosure files (FY2023 and FY2026 first half): one row per employer x role x area
x fiscal year with n, p25, median and p75 of the offered base wage, cells under n = 10
suppressed. Areas are a state (USPS code), a BLS metro area or ``US``; ``fiscal_year`` is
``"2023"``, ``"2026"`` or ``"all"`` (both pooled).

* :func:`top_payers` ranks employers for a role in an area by median offered wage.
* :func:`employer_profile` lists the roles and pay at one employer.

These are **descriptive tables of the filings**, shown as such (like ``market stats``): what
employers wrote in PERM filings, not paypath's pay figure, and no verdict is given against
them. paypath's figure at an employer is :func:`paypath.pay_model.estimate_pay` with
``employer=`` (its PERM employer offset, fitted on the same filings: the filters, the role
of each filing and the employer grouping are :func:`paypath.perm_filings.read_perm_filings`'s
in both builders, so the two cannot disagree on who an employer is).

Every result carries ``source`` (:data:`OFLC_ATTRIBUTION`), ``caveat``
(:data:`OFLC_CAVEAT`) and ``label`` (:data:`LABEL`).
"""

from __future__ import annotations

import csv
from collections import defaultdict
from functools import cache
from typing import Literal

from pydantic import BaseModel, ConfigDict
from rapidfuzz import process

from paypath.areas import resolve_area
from paypath.catalog import get_role
from paypath.employer_names import employer_key, normalize_employer
from paypath.errors import DataError, InputError, UnknownEmployer
from paypath.market.sources_oflc import OFLC_ATTRIBUTION, OFLC_CAVEAT
from paypath.resources import data_path

__all__ = [
    "LABEL",
    "EmployerPay",
    "EmployerProfile",
    "EmployerRanking",
    "employer_profile",
    "list_employers",
    "oflc_area",
    "top_payers",
]

TABLE = "oflc/employers.csv"
SOURCE = f"{OFLC_ATTRIBUTION}: PERM filings FY2023 and FY2026 (Oct 2025-Mar 2026)"
FISCAL_YEARS = ("all", "2023", "2026")
LABEL = (
    "descriptive: offered base wages as filed (PERM), not paypath's pay figure; for the pay "
    "model's figure at an employer: `paypath pay ROLE --employer NAME`"
)


class EmployerPay(BaseModel):
    """Offered base wage (USD/year) at one employer for one role, area and fiscal year."""

    model_config = ConfigDict(frozen=True)

    employer: str
    role: str
    area: str  # "CA", "San Jose-Sunnyvale-Santa Clara, CA" or "US"
    area_type: Literal["state", "metro", "national"]
    fiscal_year: str  # "2023", "2026" or "all"
    n: int
    p25: float
    median: float
    p75: float


class EmployerRanking(BaseModel):
    role: str
    area: str
    area_name: str
    fiscal_year: str
    rows: list[EmployerPay]
    source: str = SOURCE
    caveat: str = OFLC_CAVEAT
    label: str = LABEL


class EmployerProfile(BaseModel):
    employer: str
    area: str
    fiscal_year: str
    rows: list[EmployerPay]
    source: str = SOURCE
    caveat: str = OFLC_CAVEAT
    label: str = LABEL


class _Table:
    def __init__(self, rows: list[EmployerPay]) -> None:
        self.by_cell: dict[tuple[str, str, str], list[EmployerPay]] = defaultdict(list)
        self.by_employer: dict[str, list[EmployerPay]] = defaultdict(list)
        for row in rows:
            self.by_cell[(row.role, row.area, row.fiscal_year)].append(row)
            self.by_employer[employer_key(row.employer)].append(row)
        for cell in self.by_cell.values():
            cell.sort(key=lambda r: (-r.median, -r.n, r.employer))
        self.names = {key: rows[0].employer for key, rows in self.by_employer.items()}


@cache
def _table() -> _Table:
    path = data_path(TABLE)
    with path.open(encoding="utf-8", newline="") as fh:
        lines = (line for line in fh if not line.startswith("#"))
        try:
            rows = [
                EmployerPay(
                    employer=r["employer"],
                    role=r["role"],
                    area=r["area"],
                    area_type=r["area_type"],  # type: ignore[arg-type]
                    fiscal_year=r["fiscal_year"],
                    n=int(r["n"]),
                    p25=float(r["p25"]),
                    median=float(r["median"]),
                    p75=float(r["p75"]),
                )
                for r in csv.DictReader(lines)
            ]
        except (KeyError, ValueError) as exc:
            raise DataError(f"package data {TABLE} is malformed ({exc}); rebuild it") from None
    return _Table(rows)


def oflc_area(area: str | None) -> tuple[str, str]:
    """(table area key, display name) of an area name people type (the key of the OFLC
    tables: USPS state code, BLS metro name, or "US")."""
    found = resolve_area(area or "")
    if found.type == "national":
        return "US", "United States"
    if found.type == "state" and found.state:
        return found.state, found.name
    return found.name, found.name


def _year(fiscal_year: str | int | None) -> str:
    text = str(fiscal_year or "all").strip().lower()
    if text not in FISCAL_YEARS:
        raise InputError(
            f"fiscal year {fiscal_year!r} is not in the employer table; use one of "
            + ", ".join(FISCAL_YEARS)
        )
    return text


def top_payers(
    role: str,
    area: str | None = None,
    *,
    fiscal_year: str | int | None = "all",
    limit: int = 10,
) -> EmployerRanking:
    """Employers ranked by median offered wage for ``role`` in ``area`` (default: the US).

    Raises :class:`UnknownRole`, :class:`UnknownArea` or :class:`InputError` (bad year or
    limit). An area without filings gives an empty ranking, not an error.
    """
    role_id = get_role(role).id
    if limit < 1:
        raise InputError(f"limit must be at least 1, not {limit}")
    key, name = oflc_area(area)
    year = _year(fiscal_year)
    rows = _table().by_cell.get((role_id, key, year), [])
    return EmployerRanking(
        role=role_id, area=key, area_name=name, fiscal_year=year, rows=rows[:limit]
    )


def _employer(name: str) -> str:
    """The table key of an employer name; :class:`UnknownEmployer` with close matches."""
    table = _table()
    key = employer_key(name)
    if key in table.by_employer:
        return key
    choices = list(table.names.values())
    close = [m[0] for m in process.extract(normalize_employer(name), choices, limit=5)]
    raise UnknownEmployer(
        f"no PERM filings in the employer table for {name!r} (read as "
        f"{normalize_employer(name)!r}); close matches: {', '.join(close) or 'none'}",
        suggestions=close,
    )


def employer_profile(
    name: str, area: str | None = None, *, fiscal_year: str | int | None = "all"
) -> EmployerProfile:
    """Roles and pay at one employer in ``area`` (default: the US), highest median first."""
    key = _employer(name)
    area_key, _ = oflc_area(area)
    year = _year(fiscal_year)
    rows = [r for r in _table().by_employer[key] if r.area == area_key and r.fiscal_year == year]
    rows.sort(key=lambda r: (-r.median, r.role))
    return EmployerProfile(employer=_table().names[key], area=area_key, fiscal_year=year, rows=rows)


def list_employers() -> list[str]:
    """Every employer in the table (display names), alphabetically."""
    return sorted(_table().names.values(), key=str.lower)
