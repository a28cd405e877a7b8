"""US Department of Labor OFLC disclosure files as a market source (``dol-perm``, ``dol-lca``).

One row is one PERM labor certification or one H-1B/E-3 labor condition application: an
employer, a job title, an SOC code, a worksite, an offered wage (a range and its unit) and the
prevailing-wage level (I-IV). Both DOL's own yearly files (CSV, their upper-case column
names: ``EMPLOYER_NAME``, ``WAGE_OFFER_FROM``/``WAGE_RATE_OF_PAY_FROM``, ``PW_SKILL_LEVEL``...)
and the normalised parquet layout in ``shared/data/dol-oflc`` are read; columns are looked up
by the aliases in ``_COLUMNS``, case-insensitively.

How a row becomes a record:

* **Wage**: the offered range and unit go through :func:`paypath.salary.salary_from_fields`;
  ``pay_usd`` is the *bottom* of the offered range (PERM filings usually state it; the
  employer must pay at least that), ``pay_max_usd`` the top.
* **Role**: :func:`oflc_role`: SOC code and job title together. The title classifier's role
  is kept when the catalog lists the SOC for it (a "Machine Learning Engineer" under
  15-1252 is ml-engineer); otherwise the SOC's default catalog role (15-1252 ->
  software-engineer); an SOC outside the catalog is ``other``. SOC 2010 codes (most of PERM
  FY2023) are read through ``LEGACY_SOC``, their SOC 2018 successors.
* **Seniority**: the prevailing-wage level (:func:`seniority_from_wage_level`).
* **Employer**: :func:`paypath.employer_names.normalize_employer`.
* Rows that are not certified (denied, withdrawn), lack an employer, a wage or a usable
  unit are rejected with the reason; the ingest quarantines them.

Attribution: "U.S. Department of Labor, OFLC disclosure data" (public domain). Caveat: the
wages are employers' offered base wages for foreign-worker filings (no bonus or equity).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import Any

from paypath.catalog import load_roles
from paypath.employer_names import normalize_employer
from paypath.market.records import MAX_PAY_USD, MIN_PAY_USD, Record, RowRejected, content_id
from paypath.salary import salary_from_fields
from paypath.titles import OTHER, classify_title

__all__ = [
    "LEGACY_SOC",
    "OFLC_ATTRIBUTION",
    "OFLC_CAVEAT",
    "SOC_DEFAULT_ROLE",
    "convert_oflc",
    "oflc_role",
    "read_oflc",
    "seniority_from_wage_level",
]

RawRow = dict[Any, Any]

OFLC_ATTRIBUTION = "U.S. Department of Labor, OFLC disclosure data"
OFLC_CAVEAT = (
    "OFLC wages are employers' offered base wages in foreign-worker filings (PERM, H-1B LCA): "
    "no bonus or equity; PERM often states the bottom of the offered range; large employers "
    "and some roles are over-represented. Not a random sample of all workers."
)

# canonical field -> column names (lower case) in DOL's files and in the parquet layout
_COLUMNS: dict[str, tuple[str, ...]] = {
    "case": ("case_number",),
    "status": ("case_status",),
    "decided": ("decision_date",),
    "fiscal_year": ("fiscal_year",),
    "employer": ("employer_name", "emp_business_name"),
    "title": ("job_title", "job_info_job_title", "pw_job_title"),
    "soc": ("soc_code", "pw_soc_code", "pw_soc_code_9089"),
    "city": ("worksite_city", "worksite_city_1", "job_info_work_city"),
    "state": ("worksite_state", "worksite_state_1", "job_info_work_state"),
    "wage_from": ("wage_from", "wage_offer_from", "wage_rate_of_pay_from", "wage_offer_from_9089"),
    "wage_to": ("wage_to", "wage_offer_to", "wage_rate_of_pay_to", "wage_offer_to_9089"),
    "unit": (
        "wage_unit",
        "wage_offer_unit_of_pay",
        "wage_unit_of_pay",
        "wage_offer_unit_of_pay_9089",
    ),
    "level": ("pw_wage_level", "pw_skill_level", "pw_level_9089", "pw_level"),
}

# DOL's units of pay -> the salary code's periods ("Bi-Weekly" is read there).
_UNITS = {
    "year": "year",
    "yr": "year",
    "hour": "hour",
    "hr": "hour",
    "week": "week",
    "wk": "week",
    "bi-weekly": "bi-weekly",
    "bi": "bi-weekly",
    "month": "month",
    "mth": "month",
}

_LEVELS = {"i": "junior", "ii": "mid", "iii": "senior", "iv": "staff"}
_CERTIFIED = ("certified", "certified-expired", "certified - expired")

# SOC -> the catalog role a filing with that SOC gets when its title names no catalog role
# the catalog lists for that SOC. An SOC without a default (11-2021 Marketing Managers: the
# catalog lists it for product managers) keeps a role only when the title names one.
SOC_DEFAULT_ROLE: dict[str, str] = {
    "15-1252": "software-engineer",
    "15-1221": "ai-research-scientist",
    "15-2051": "data-scientist",
    "15-1212": "security-engineer",
    "15-1241": "cloud-solutions-architect",
    "15-1299": "cloud-solutions-architect",
    "15-1243": "data-engineer",
    "15-2041": "data-analyst",
    "15-1253": "qa-engineer",
    "15-1244": "systems-administrator",
    "11-3021": "software-engineering-manager",
    "11-9041": "software-engineering-manager",
}

# SOC 2010 codes (filings before the 2018 SOC took over, e.g. most of PERM FY2023) -> the
# SOC 2018 codes they became (BLS crosswalk). 15-1199 "Computer Occupations, All Other" split
# many ways: its filings keep a role only when the title names one of them.
LEGACY_SOC: dict[str, tuple[str, ...]] = {
    "15-1132": ("15-1252",),
    "15-1133": ("15-1252",),
    "15-1111": ("15-1221",),
    "15-1122": ("15-1212",),
    "15-1142": ("15-1244",),
    "15-1143": ("15-1241",),
    "15-1199": ("15-1299", "15-2051", "15-1243", "15-1212", "15-1252"),
}


def seniority_from_wage_level(level: object) -> str | None:
    """Prevailing-wage level -> seniority: I junior, II mid, III senior, IV staff."""
    text = str(level or "").strip().lower().removeprefix("level").strip()
    return _LEVELS.get(text)


@cache
def _soc_roles() -> dict[str, frozenset[str]]:
    roles: dict[str, set[str]] = {}
    for role in load_roles():
        for soc in role.soc_codes:
            roles.setdefault(soc, set()).add(role.id)
    return {soc: frozenset(ids) for soc, ids in roles.items()}


def _soc(code: object) -> str:
    text = str(code or "").strip()
    return text[:7] if len(text) >= 7 and text[2] == "-" else text


@cache
def oflc_role(soc: str, title: str) -> str:
    """Catalog role of a filing from its SOC code and job title (``other`` outside the catalog)."""
    code = _soc(soc)
    codes = LEGACY_SOC.get(code, (code,))
    allowed = frozenset().union(*(_soc_roles().get(c, frozenset()) for c in codes))
    if not allowed:
        return OTHER
    by_title = classify_title(title).role if title.strip() else OTHER
    if by_title in allowed:
        return by_title
    if len(codes) > 1:  # a split legacy code: the title must say which
        return OTHER
    return SOC_DEFAULT_ROLE.get(codes[0], OTHER)


def _columns(row: RawRow) -> dict[str, Any]:
    lowered = {str(k).strip().lower(): k for k in row if k is not None}
    found: dict[str, Any] = {}
    for name, aliases in _COLUMNS.items():
        for alias in aliases:
            if alias in lowered:
                found[name] = row[lowered[alias]]
                break
    return found


def _str(value: object) -> str | None:
    if value is None:
        return None
    text = " ".join(str(value).split())
    return None if text.upper() in ("", "N/A", "NA", "NAN", "NONE") else text


def _money(value: object) -> float | None:
    text = _str(value)
    if text is None:
        return None
    try:
        number = float(text.replace("$", "").replace(",", ""))
    except ValueError:
        raise RowRejected("wage not a number") from None
    return number if number > 0 else None


def _day(value: object) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = _str(value)
    for fmt in ("%Y-%m-%d", "%m/%d/%Y", "%Y-%m-%d %H:%M:%S"):
        try:
            return datetime.strptime(text or "", fmt).date()
        except ValueError:
            continue
    return None


def convert_oflc(program: str) -> Callable[[RawRow], Record]:
    """The converter for one program (``perm`` or ``lca``): raw row -> record."""

    def convert(row: RawRow) -> Record:
        cols = _columns(row)
        status = (_str(cols.get("status")) or "").lower()
        if status and status not in _CERTIFIED:
            raise RowRejected(f"case not certified ({status})")
        employer = normalize_employer(_str(cols.get("employer")) or "")
        if not employer:
            raise RowRejected("no employer")
        low, high = _money(cols.get("wage_from")), _money(cols.get("wage_to"))
        if low is None:
            raise RowRejected("no offered wage")
        unit = _UNITS.get((_str(cols.get("unit")) or "").lower())
        if unit is None:
            raise RowRejected("unknown wage unit")
        title = _str(cols.get("title")) or ""
        soc = _soc(cols.get("soc"))
        record = Record(
            id=content_id(f"dol-{program}", _str(cols.get("case")), employer, title, low),
            source=f"dol-{program}",
            record_kind="filing",
            title=title or None,
            role_id=oflc_role(soc, title),
            seniority=seniority_from_wage_level(cols.get("level")),
            role_score=1.0,
            company=employer,
            city=(_str(cols.get("city")) or "").title() or None,
            region=(_str(cols.get("state")) or "").upper() or None,
            country="US",
            posted_at=_day(cols.get("decided")),
        )
        record.set_salary(
            salary_from_fields(low, high if high and high >= low else None, "USD", unit, text=None)
        )
        record.pay_usd = record.pay_min_usd  # the offered wage: the bottom of the range
        if record.pay_usd is None or not MIN_PAY_USD <= record.pay_usd <= MAX_PAY_USD:
            raise RowRejected("pay out of range")
        return record

    return convert


def read_oflc(path: Path) -> Iterator[RawRow]:
    """Rows of an OFLC file: parquet, CSV (DOL's own columns) or compressed CSV."""
    from paypath.errors import IngestError
    from paypath.market.sources import read_csv, read_parquet

    name = path.name.lower()
    if name.endswith((".xlsx", ".xls")):
        raise IngestError(
            f"{path} is an Excel file; open it and save it as CSV (DOL's column names are "
            "kept), then ingest the CSV"
        )
    if name.endswith(".parquet"):
        return read_parquet(path)
    return read_csv(path)
