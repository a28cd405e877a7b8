"""Readers for the market sources: raw rows in, :class:`~paypath.market.records.Record` out.

A source is a name, a ``read(path)`` that streams raw rows (dicts) from a file —
compressed ``.gz``/``.bz2``/``.zip`` files are read directly — and a ``convert(row)``
that builds one record through the library or raises ``RowRejected`` with the reason.
``SOURCES`` maps each ``--source`` kind to its reader.
"""

from __future__ import annotations

import bz2
import csv
import gzip
import io
import json
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import lru_cache
from itertools import dropwhile
from pathlib import Path
from typing import IO, Any

from paypath.errors import CurrencyError, IngestError, InputError
from paypath.market.locations import country_code, parse_location
from paypath.market.oflc_aggregates import AGGREGATE_KIND
from paypath.market.records import Record, RowRejected, content_id, posting_record
from paypath.market.sources_oflc import convert_oflc, read_oflc
from paypath.salary import FxTable, parse_salary, salary_from_fields
from paypath.salary.fx import fx_table_for
from paypath.skills import resolve_skills
from paypath.titles import seniority_from_level

__all__ = [
    "FIELDS",
    "SOURCES",
    "SURVEY_ROLES",
    "Source",
    "csv_rows",
    "open_text",
    "read_csv",
    "read_json",
    "read_parquet",
    "source_kinds",
]

csv.field_size_limit(2**31 - 1)

RawRow = dict[Any, Any]  # column -> value; a None key marks a malformed row


@dataclass(frozen=True)
class Source:
    kind: str
    help: str
    read: Callable[[Path], Iterator[RawRow]]
    convert: Callable[[RawRow], Record]


def open_text(path: Path) -> IO[str]:
    """A text stream over ``path``, decompressing .gz, .bz2 and single-member .zip files."""
    name = path.name.lower()
    try:
        if name.endswith(".gz"):
            return gzip.open(path, "rt", encoding="utf-8-sig", newline="")
        if name.endswith(".bz2"):
            return bz2.open(path, "rt", encoding="utf-8-sig", newline="")
        if name.endswith(".zip"):
            archive = zipfile.ZipFile(path)
            members = [m for m in archive.namelist() if not m.endswith("/")]
            if len(members) != 1:
                raise IngestError(f"{path} holds {len(members)} files; unzip it and pass one")
            return io.TextIOWrapper(archive.open(members[0]), encoding="utf-8-sig", newline="")
        return path.open(encoding="utf-8-sig", newline="")
    except OSError as exc:
        raise IngestError(f"cannot read {path}: {exc}") from exc


def read_csv(path: Path) -> Iterator[RawRow]:
    """CSV rows as dicts; a row with too many or too few fields gets a ``None`` key."""
    with open_text(path) as fh:
        yield from csv_rows(dropwhile(lambda line: not line.strip(), fh))  # blank lines first


def csv_rows(lines: Iterable[str]) -> Iterator[RawRow]:
    """The rows of CSV text lines (the header first), as :func:`read_csv` gives them."""
    short: Any = object()
    for row in csv.DictReader(lines, restval=short):
        if any(v is short for v in row.values()):
            row = {k: (None if v is short else v) for k, v in row.items()}
            row[None] = "too few fields"
        yield row


# --------------------------------------------------------------------- SO survey

# Stack Overflow DevType (2024 single-select; 2025 PrimaryRole) -> catalog role.
# Roles with no catalog counterpart (students, educators, designers...) map to "other".
SURVEY_ROLES = {
    "Developer, full-stack": "software-engineer",
    "Developer, back-end": "software-engineer",
    "Developer, front-end": "software-engineer",
    "Developer, mobile": "software-engineer",
    "Developer, desktop or enterprise applications": "software-engineer",
    "Developer, embedded applications or devices": "software-engineer",
    "Developer, game or graphics": "software-engineer",
    "Developer Experience": "software-engineer",
    "Developer Advocate": "software-engineer",
    "Engineering manager": "software-engineering-manager",
    "Senior Executive (C-Suite, VP, etc.)": "software-engineering-manager",
    "Data engineer": "data-engineer",
    "Database administrator": "data-engineer",
    "Data scientist or machine learning specialist": "data-scientist",
    "Data scientist": "data-scientist",
    "Developer, AI": "ml-engineer",
    "AI/ML engineer": "ml-engineer",
    "Applied scientist": "ai-research-scientist",
    "Research & Development role": "ai-research-scientist",
    "DevOps specialist": "devops-engineer",
    "DevOps engineer or professional": "devops-engineer",
    "Cloud infrastructure engineer": "cloud-solutions-architect",
    "Architect, software or solutions": "cloud-solutions-architect",
    "Engineer, site reliability": "site-reliability-engineer",
    "Security professional": "security-engineer",
    "Cybersecurity or InfoSec professional": "security-engineer",
    "Blockchain": "blockchain-developer",
    "Data or business analyst": "data-analyst",
    "Developer, QA or test": "qa-engineer",
    "System administrator": "systems-administrator",
    "Product manager": "product-manager",
    "Project manager": "product-manager",
}
_SENIOR_EXEC = "Senior Executive (C-Suite, VP, etc.)"
SURVEY_TECH_COLUMNS = (
    "LanguageHaveWorkedWith",
    "DatabaseHaveWorkedWith",
    "PlatformHaveWorkedWith",
    "WebframeHaveWorkedWith",
    "EmbeddedHaveWorkedWith",
    "MiscTechHaveWorkedWith",
    "ToolsTechHaveWorkedWith",
)


def _years(value: object) -> float | None:
    text = str(value or "").strip()
    if not text or text == "NA":
        return None
    if text.startswith("Less than"):
        return 0.5
    if text.startswith("More than"):
        return 51.0
    try:
        return float(text)
    except ValueError:
        return None


def _survey_skills(row: RawRow) -> dict[str, int]:
    names = [
        item.strip()
        for column in SURVEY_TECH_COLUMNS
        for item in str(row.get(column) or "").split(";")
        if item.strip() and item.strip() != "NA"
    ]
    return dict.fromkeys(sorted({i for name in names for i in _skill_ids(name)}), 1)


@lru_cache(maxsize=8192)
def _skill_ids(name: str) -> tuple[str, ...]:
    """A survey technology name -> skill ids through the taxonomy's aliases (cached)."""
    resolved, _unknown = resolve_skills([name])
    return tuple(skill.id for skill in resolved)


def _survey_record(row: RawRow, *, pay: object, role: str, years: object) -> Record:
    role_text = (role or "").strip()
    if not role_text or role_text == "NA":
        raise RowRejected("no role (DevType)")
    try:
        amount = float(str(pay))
    except ValueError:
        raise RowRejected("no compensation") from None
    if amount != amount:  # NaN
        raise RowRejected("no compensation")
    country = str(row.get("Country") or "").strip()
    record = Record(
        id=content_id("so-survey", *sorted(row.items())),
        source="so-survey",
        record_kind="survey",
        title=role_text,
        role_id=SURVEY_ROLES.get(role_text, "other"),
        seniority="c-level" if role_text == _SENIOR_EXEC else None,
        role_score=1.0,
        country=country_code(country) if country else None,
        years_experience=_years(years),
    )
    salary = salary_from_fields(amount, amount, "USD", "yearly", text=f"{amount:.0f} USD/yr")
    record.set_salary(salary, comp_kind="total")
    if record.pay_usd is None:  # the salary reader refused the amount (e.g. over $5M a year)
        raise RowRejected("pay out of range")
    return record


_ORG_SIZE_UNKNOWN = frozenset({"", "NA", "I don't know", "I don’t know"})


def _org_size(value: object) -> str | None:
    """The survey's OrgSize answer as given ("20 to 99 employees"); None when unanswered."""
    text = " ".join(str(value or "").split())
    return None if text in _ORG_SIZE_UNKNOWN else text


def _convert_survey(row: RawRow) -> Record:
    """A 2024 respondent (ConvertedCompYearly) or a 2025 derived row (``salary``)."""
    if "ConvertedCompYearly" in row:
        record = _survey_record(
            row,
            pay=row.get("ConvertedCompYearly"),
            role=str(row.get("DevType") or ""),
            years=row.get("YearsCodePro"),
        )
        ai = str(row.get("AISelect") or "").strip()
        record.ai_use = ai.startswith("Yes") if ai and ai != "NA" else None
        record.org_size = _org_size(row.get("OrgSize"))
        record.skills = _survey_skills(row)
        return record
    if "salary" in row and "PrimaryRole" in row:
        record = _survey_record(
            row, pay=row.get("salary"), role=str(row["PrimaryRole"]), years=row.get("YearsCode")
        )
        language = _text(row, "PrimaryLanguage")
        record.skills = dict.fromkeys(_skill_ids(language), 1) if language else {}
        return record
    raise IngestError(
        "this file is not a Stack Overflow survey table: expected ConvertedCompYearly "
        "(2024 schema) or salary + PrimaryRole (2025 derived table)"
    )


def _guarded(convert: Callable[[RawRow], Record]) -> Callable[[RawRow], Record]:
    """Library input errors on one row reject that row instead of failing the ingest."""

    def run(row: RawRow) -> Record:
        if None in row:
            raise RowRejected("malformed row")
        try:
            return convert(row)
        except CurrencyError:
            raise RowRejected("unknown currency") from None
        except (InputError, ValueError) as exc:
            raise RowRejected(f"unusable field: {type(exc).__name__}") from None

    return run


# --------------------------------------------------------------------- readers


def read_json(path: Path) -> Iterator[RawRow]:
    """A JSON array of objects, or JSON Lines (one object per line)."""
    with open_text(path) as fh:
        first = fh.read(1)
        while first.isspace():
            first = fh.read(1)
        if first == "[":
            rows = json.loads(first + fh.read())
            yield from (r if isinstance(r, dict) else {None: r} for r in rows)
            return
        for line in (first + fh.readline(), *fh):
            if line.strip():
                try:
                    value = json.loads(line)
                except json.JSONDecodeError:
                    value = {None: line.strip()}
                yield value if isinstance(value, dict) else {None: value}


def read_table(path: Path) -> Iterator[RawRow]:
    """CSV, or JSON/JSON Lines when the name says so (.json, .jsonl, .ndjson, compressed)."""
    stem = path.name.lower().removesuffix(".gz").removesuffix(".bz2").removesuffix(".zip")
    if stem.endswith((".json", ".jsonl", ".ndjson")):
        return read_json(path)
    return read_csv(path)


def read_parquet(path: Path, batch_rows: int = 10_000) -> Iterator[RawRow]:
    """Parquet rows, streamed through DuckDB in record batches."""
    import duckdb

    from paypath.market.store import quiet

    con = quiet(duckdb.connect(":memory:"))
    try:
        rel = con.execute("SELECT * FROM read_parquet(?)", [str(path)])
        columns = [d[0] for d in rel.description or ()]
        while chunk := rel.fetchmany(batch_rows):
            yield from (dict(zip(columns, values, strict=True)) for values in chunk)
    except duckdb.Error as exc:
        raise IngestError(f"cannot read {path} as parquet: {exc}") from exc
    finally:
        con.close()


# --------------------------------------------------------------------- helpers


def _text(row: RawRow, key: str) -> str | None:
    value = row.get(key)
    if value is None:
        return None
    text = str(value).strip()
    return None if text in ("", "NA", "nan", "None", "-1") else text


def _date(value: object) -> date | None:
    """ISO dates, epoch milliseconds (LinkedIn) or M/D/YYYY (Levels.fyi)."""
    text = str(value or "").strip()
    if not text or text in ("NA", "nan", "None"):
        return None
    try:
        if text.replace(".", "", 1).isdigit() and float(text) > 1e11:
            return datetime.fromtimestamp(float(text) / 1000, tz=UTC).date()
        if "/" in text:
            return datetime.strptime(text.split()[0], "%m/%d/%Y").date()
        return date.fromisoformat(text[:10])
    except (ValueError, OSError, OverflowError):
        return None


def _num(value: object) -> float | None:
    """A number for the content hash, so "150000" (CSV) and 150000.0 (JSON) hash alike."""
    try:
        number = float(str(value))
    except ValueError:
        return None
    return None if number != number else number


def _truthy(value: object) -> bool:
    return str(value or "").strip().casefold() in ("true", "1", "1.0", "yes", "y", "t")


def dated_fx(when: date | int | None, currency: str | None) -> FxTable | None:
    """The ECB rates for a record of ``when`` (a survey year -> that year's annual average,
    a posting date -> that month's average); None (the salary code's default table) for a
    USD or undated record, or a currency the ECB does not quote."""
    if when is None or not currency or currency.strip().upper() == "USD":
        return None
    try:
        table = fx_table_for(when)
    except InputError:  # a period outside the shipped history
        return None
    return table if currency.strip().upper() in table else None


# --------------------------------------------------------------------- job postings


def _convert_jobspy(row: RawRow) -> Record:
    """JobSpy's CSV/JSON: site, job_url, title, company, location, min/max_amount, interval."""
    record = posting_record(
        source="jobspy",
        title=_text(row, "title"),
        description=_text(row, "description"),
        company=_text(row, "company"),
        location=_text(row, "location"),
        salary_key=(
            _num(row.get("min_amount")),
            _num(row.get("max_amount")),
            _text(row, "interval"),
        ),
    )
    record.posted_at = _date(row.get("date_posted"))
    currency = _text(row, "currency") or "USD"
    salary = salary_from_fields(
        _text(row, "min_amount"),
        _text(row, "max_amount"),
        currency,
        _text(row, "interval"),
        fx=dated_fx(record.posted_at, currency),
    )
    record.set_salary(salary)
    if _truthy(row.get("is_remote")):
        record.remote = "remote"
    return record


def _convert_linkedin(row: RawRow) -> Record:
    """LinkedIn postings.csv: min/med/max_salary with pay_period (HOURLY, YEARLY...)."""
    description = " ".join(filter(None, (_text(row, "description"), _text(row, "skills_desc"))))
    record = posting_record(
        source="linkedin",
        title=_text(row, "title"),
        description=description or None,
        company=_text(row, "company_name"),
        location=_text(row, "location"),
        salary_key=_text(row, "job_id"),
    )
    low = _text(row, "min_salary") or _text(row, "med_salary")
    high = _text(row, "max_salary") or _text(row, "med_salary")
    record.posted_at = _date(row.get("listed_time") or row.get("original_listed_time"))
    currency = _text(row, "currency") or "USD"
    salary = salary_from_fields(
        low, high, currency, _text(row, "pay_period"), fx=dated_fx(record.posted_at, currency)
    )
    record.set_salary(salary)
    record.seniority = _seniority(record.seniority, _text(row, "formatted_experience_level"), None)
    if _truthy(row.get("remote_allowed")):
        record.remote = "remote"
    return record


def _convert_glassdoor(row: RawRow) -> Record:
    """Glassdoor scrapes: "Salary Estimate" text ("$53K-$91K (Glassdoor est.)")."""
    company = _text(row, "Company Name")
    record = posting_record(
        source="glassdoor",
        title=_text(row, "Job Title"),
        description=_text(row, "Job Description"),
        company=company.split("\n")[0].strip() if company else None,
        location=_text(row, "Location"),
        salary_key=_text(row, "Salary Estimate"),
    )
    estimate = _text(row, "Salary Estimate")
    record.set_salary(parse_salary(estimate) if estimate else None)
    return record


def _seniority(from_title: str | None, level: str | None, company: str | None) -> str | None:
    """The title's seniority when it names one ("Principal ..."), else the stated level."""
    if from_title not in (None, "mid") or not level:
        return from_title
    return seniority_from_level(level, company) or from_title


def _flat_id(source: str, row: RawRow) -> str:
    """Content hash of a report row, ignoring unnamed index columns."""
    skip = {"", "index", "rowNumber", "Unnamed: 0", None}
    return content_id(source, *sorted((str(k), v) for k, v in row.items() if k not in skip))


def _report(source: str, row: RawRow, title: str | None) -> Record:
    record = posting_record(source=source, title=title, description=None)
    record.id = _flat_id(source, row)
    record.record_kind = "report"
    return record


def _convert_ds_salaries(row: RawRow) -> Record:
    """ds_salaries: salary + salary_currency per year, experience_level EN/MI/SE/EX."""
    record = _report("ds-salaries", row, _text(row, "job_title"))
    level = _text(row, "experience_level")
    record.seniority = _seniority(record.seniority, level, None)
    residence = _text(row, "employee_residence") or _text(row, "company_location")
    record.country = country_code(residence) if residence else None
    ratio = _text(row, "remote_ratio")
    record.remote = {"100": "remote", "50": "hybrid", "0": "onsite"}.get(ratio or "")
    year = _text(row, "work_year")
    record.posted_at = date(int(year), 1, 1) if year and year.isdigit() else None
    amount = _text(row, "salary")
    if amount is None:
        raise RowRejected("no compensation")
    currency = _text(row, "salary_currency") or "USD"
    survey_year = record.posted_at.year if record.posted_at else None  # its annual average
    record.set_salary(
        salary_from_fields(amount, amount, currency, "yearly", fx=dated_fx(survey_year, currency))
    )
    return record


def _convert_levels(row: RawRow) -> Record:
    """Levels.fyi: totalyearlycompensation (USD), level, yearsofexperience, location."""
    record = _report("levels", row, _text(row, "title"))
    record.company = _text(row, "company")
    level = _text(row, "level")
    record.seniority = _seniority(record.seniority, level, record.company)
    location = _text(row, "location")
    if location:
        place = parse_location(location)
        record.city, record.region, record.country = place.city, place.region, place.country
    years = _text(row, "yearsofexperience")
    record.years_experience = _years(years)
    record.posted_at = _date(row.get("timestamp"))
    total = _text(row, "totalyearlycompensation")
    if total is None:
        raise RowRejected("no compensation")
    amount = float(total)
    record.set_salary(
        salary_from_fields(amount, amount, "USD", "yearly", text=f"{amount:.0f} USD/yr total"),
        comp_kind="total",
    )
    return record


# --------------------------------------------------------------------- generic tables

# Canonical fields a --map can target (column names in the generic csv/jsonl/parquet).
FIELDS = (
    "title",
    "company",
    "location",
    "description",
    "salary",
    "salary_min",
    "salary_max",
    "currency",
    "period",
    "posted_at",
    "remote",
)


def _convert_generic(kind: str) -> Callable[[RawRow], Record]:
    def convert(row: RawRow) -> Record:
        record = posting_record(
            source=kind,
            title=_text(row, "title"),
            description=_text(row, "description"),
            company=_text(row, "company"),
            location=_text(row, "location"),
            salary_key=(row.get("salary"), row.get("salary_min"), row.get("salary_max")),
        )
        text = _text(row, "salary")
        low, high = _text(row, "salary_min"), _text(row, "salary_max")
        currency = _text(row, "currency") or "USD"
        record.posted_at = _date(row.get("posted_at"))
        fx = dated_fx(record.posted_at, currency)
        if low or high:
            salary = salary_from_fields(low, high, currency, _text(row, "period"), fx=fx)
        else:
            salary = parse_salary(text, default_currency=currency, fx=fx) if text else None
        record.set_salary(salary)
        if _truthy(row.get("remote")):
            record.remote = "remote"
        return record

    return convert


SOURCES: dict[str, Source] = {
    "jobspy": Source(
        "jobspy", "JobSpy scrape output (CSV or JSON)", read_table, _guarded(_convert_jobspy)
    ),
    "linkedin": Source(
        "linkedin", "LinkedIn job postings (postings.csv)", read_csv, _guarded(_convert_linkedin)
    ),
    "glassdoor": Source(
        "glassdoor",
        "Glassdoor scrapes (glassdoor_jobs.csv, Uncleaned_DS_jobs.csv, DataAnalyst.csv)",
        read_csv,
        _guarded(_convert_glassdoor),
    ),
    "ds-salaries": Source(
        "ds-salaries",
        "Data science salaries (ds_salaries.csv, 2022/2023 editions)",
        read_csv,
        _guarded(_convert_ds_salaries),
    ),
    "levels": Source(
        "levels",
        "Levels.fyi salary reports (Levels_Fyi_Salary_Data.csv or .zip)",
        read_csv,
        _guarded(_convert_levels),
    ),
    "csv": Source(
        "csv",
        "any CSV of postings; name columns with --map",
        read_csv,
        _guarded(_convert_generic("csv")),
    ),
    "jsonl": Source(
        "jsonl",
        "JSON Lines (or a JSON array) of postings; --map",
        read_json,
        _guarded(_convert_generic("jsonl")),
    ),
    "parquet": Source(
        "parquet",
        "a parquet file of postings; --map",
        read_parquet,
        _guarded(_convert_generic("parquet")),
    ),
    "so-survey": Source(
        "so-survey",
        "Stack Overflow Developer Survey: 2024 schema or the 2025 derived salary table",
        read_csv,
        _guarded(_convert_survey),
    ),
    "dol-perm": Source(
        "dol-perm", "DOL OFLC PERM disclosure data", read_oflc, _guarded(convert_oflc("perm"))
    ),
    "dol-lca": Source(
        "dol-lca", "DOL OFLC H-1B LCA disclosure data", read_oflc, _guarded(convert_oflc("lca"))
    ),
}


def source_kinds() -> list[str]:
    """Every ``--source`` kind: the row sources and ``dol-oflc-agg`` (OFLC aggregate facts,
    :mod:`paypath.market.oflc_aggregates`)."""
    return sorted([*SOURCES, AGGREGATE_SOURCE[0]])


# the aggregate kind is no row source (its facts have their own table); listed beside them
AGGREGATE_SOURCE = (
    AGGREGATE_KIND,
    "DOL OFLC aggregates (agg_soc_by_fy, agg_locations_top, agg_program_stats)",
)
