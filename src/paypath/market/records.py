"""A market record (one row of ``postings`` plus its skills) and how rows become one.

Every source turns its raw rows into :class:`Record` through the library: salary parsing
and USD annualisation, title classification, skill extraction, location parsing. A row
that cannot be used raises :class:`RowRejected` with the reason; the ingest quarantines it.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, fields
from datetime import date
from json.encoder import encode_basestring
from operator import attrgetter
from typing import Any

from paypath.paragraphs import ParagraphMemo, paragraphs
from paypath.salary import Salary
from paypath.skills import default_extractor
from paypath.titles import classify_title

__all__ = ["MAX_PAY_USD", "MIN_PAY_USD", "Record", "RowRejected", "content_id", "posting_record"]

MIN_PAY_USD = 1_000.0  # an annual figure below this is a data error, not a salary
MAX_PAY_USD = 10_000_000.0


class RowRejected(Exception):  # a signal inside the ingest, never user-facing
    """A raw row that cannot become a record; ``reason`` is a short stable label."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass
class Record:
    id: str
    source: str
    source_file: str | None = None
    record_kind: str = "posting"
    title: str | None = None
    role_id: str | None = None
    seniority: str | None = None
    role_score: float | None = None
    company: str | None = None
    city: str | None = None
    region: str | None = None
    country: str | None = None
    salary_text: str | None = None
    salary_min: float | None = None
    salary_max: float | None = None
    currency: str | None = None
    period: str | None = None
    period_inferred: bool | None = None
    pay_usd: float | None = None
    pay_min_usd: float | None = None
    pay_max_usd: float | None = None
    comp_kind: str | None = None
    years_experience: float | None = None
    ai_use: bool | None = None
    remote: str | None = None
    posted_at: date | None = None
    description: str | None = None
    ingest_id: str | None = None
    org_size: str | None = None  # employer size as the source records it (survey OrgSize)
    # the rate a non-USD salary was converted at (USD per unit), its period and basis
    fx_rate: float | None = None
    fx_date: str | None = None
    fx_source: str | None = None
    skills: dict[str, int] = field(default_factory=dict)  # skill id -> mentions
    # skill id -> mentions in a requirement (mention_context); None: every mention is one
    # (a survey answer or a technology list names what the person works with)
    asked: dict[str, int] | None = None

    def row(self) -> tuple[Any, ...]:
        """The ``postings`` row, in schema order."""
        return tuple(_ROW(self))

    def set_salary(self, salary: Salary | None, comp_kind: str = "base") -> None:
        """Copy a parsed salary in; out-of-range annual pay rejects the row."""
        if salary is None:
            return
        self.salary_text = salary.text
        self.salary_min, self.salary_max = salary.min, salary.max
        self.currency, self.period = salary.currency, salary.period
        self.period_inferred = salary.period_inferred
        self.pay_min_usd, self.pay_max_usd = salary.annual_min_usd, salary.annual_max_usd
        self.pay_usd = salary.annual_mid_usd
        self.comp_kind = comp_kind
        if salary.currency != "USD":  # the rate it was converted at, with its date
            self.fx_rate, self.fx_date = salary.fx_rate, salary.fx_date
            self.fx_source = salary.fx_source
        if self.pay_usd is not None and not MIN_PAY_USD <= self.pay_usd <= MAX_PAY_USD:
            raise RowRejected("pay out of range")


POSTING_COLUMNS = tuple(f.name for f in fields(Record) if f.name not in ("skills", "asked"))
_ROW = attrgetter(*POSTING_COLUMNS)  # one C call per row: ingest stages millions of them


def content_id(*parts: object) -> str:
    """sha256 of the normalised content: whitespace collapsed, case folded.

    The hash is of ``json.dumps([" ".join(str(p).split()).casefold() ...],
    ensure_ascii=False)`` (None stays null), which every store's ids are; a long text is
    normalised paragraph by paragraph (:func:`_normalised`), with the same result.
    """
    text = ", ".join(
        "null"
        if p is None
        else _normalised(p)
        if type(p) is str and len(p) > _PARAGRAPHED and "\n\n" in p
        else encode_basestring(" ".join(str(p).split()).casefold())
        for p in parts
    )
    return hashlib.sha256(f"[{text}]".encode()).hexdigest()


# Texts longer than this are normalised paragraph by paragraph: postings repeat their
# boilerplate, and a paragraph seen before costs a dictionary look-up (about 45 us of a
# 4 kB description's 70).
_PARAGRAPHED = 512
_NORMALISED: ParagraphMemo[str, str] = ParagraphMemo(1 << 23)


def _normalised(text: str) -> str:
    """``encode_basestring(" ".join(text.split()).casefold())``, from its paragraphs.

    Splitting at a blank line (``"\\n\\n"``, whitespace) and joining the paragraphs'
    normalised forms that are not empty with one space is the same as normalising the
    whole: each whitespace run becomes one space and the ends are trimmed either way, and
    case folding and JSON escaping map each character on its own.
    """
    memo = _NORMALISED
    pieces = []
    for paragraph in paragraphs(text):
        piece = memo.get(paragraph)
        if piece is None:
            piece = encode_basestring(" ".join(paragraph.split()).casefold())[1:-1]
            memo.put(paragraph, piece, len(paragraph))
        if piece:
            pieces.append(piece)
    return f'"{" ".join(pieces)}"'


def posting_record(
    *,
    source: str,
    title: str | None,
    description: str | None,
    company: str | None = None,
    location: str | None = None,
    salary_key: object = None,
) -> Record:
    """A posting with title classification and skills from its description."""
    from paypath.market.locations import parse_location

    record = Record(
        id=content_id(title, company, location, salary_key, description),
        source=source,
        title=title,
        company=company,
        description=description,
    )
    if title:
        match = classify_title(title)
        record.role_id, record.seniority, record.role_score = (
            match.role,
            match.seniority,
            match.score,
        )
    if description:
        tally = default_extractor().tally(description)
        record.skills = {skill: named for skill, (named, _) in tally.items()}
        record.asked = {skill: asked for skill, (_, asked) in tally.items()}
    if location:
        place = parse_location(location)
        record.city, record.region, record.country = place.city, place.region, place.country
        record.remote = "remote" if place.remote else None
    return record
