"""Reading an article line for pay claims: BLS occupation titles, non-claims, fixes.

* :func:`occupation_in` finds a BLS OEWS occupation named in a line: an explicit SOC code
  ("(SOC 15-2051)", "15-1252") or a detailed occupation title from the OEWS extract
  (``data/oews/occupations.csv``; management, business, computer and engineering groups),
  singular or plural. One alternation regex built once: linear in the line length.
* :func:`non_claim_reason` says why a figure the salary parser found is not a pay claim
  (a year, a bare small number, take-home pay, a difference, a saving, an all-worker
  average, a hypothetical "on a £60,000 salary").
* :func:`reading_fixes` rewrites spellings the salary parser misses, keeping every offset
  ("Rs.698,412" -> "Rs 698,412"; "30-50+ LPA" -> "30-50  LPA", flagged open-ended).
"""

from __future__ import annotations

import csv
import re
from functools import cache
from importlib.resources import files
from typing import NamedTuple

__all__ = [
    "Occupation",
    "cites_bls",
    "country_in",
    "currency_country",
    "non_claim_reason",
    "occupation_in",
    "reading_fixes",
]

_GROUPS = ("11", "13", "15", "17")  # management, business/financial, computer/math, engineering


class Occupation(NamedTuple):
    """A BLS occupation: SOC code ("15-1242") and OEWS title."""

    soc: str
    title: str


@cache
def _occupations() -> dict[str, str]:
    path = files("paypath") / "data" / "oews" / "occupations.csv"
    out: dict[str, str] = {}
    with path.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            code = row["soc"]
            if len(code) == 6 and not code.endswith("0"):
                out[f"{code[:2]}-{code[2:]}"] = row["title"]
    return out


@cache
def _title_pattern() -> tuple[re.Pattern[str], dict[str, str]]:
    stems: dict[str, str] = {}
    for soc, title in _occupations().items():
        if not soc.startswith(_GROUPS) or "," in title or "All Other" in title:
            continue
        stem = title.lower()
        stem = stem[:-1] if stem.endswith("s") else stem
        stems.setdefault(stem, soc)
    alternatives = sorted(stems, key=len, reverse=True)
    body = "|".join(re.escape(s) for s in alternatives)
    return re.compile(rf"\b({body})(?:e?s)?\b", re.IGNORECASE), stems


_SOC_CODE = re.compile(r"\b(\d{2}-\d{4})\b")


def occupation_in(text: str) -> Occupation | None:
    """The BLS occupation a line names: an explicit SOC code first, else the first title."""
    occupations = _occupations()
    for m in _SOC_CODE.finditer(text):
        if m.group(1) in occupations:
            return Occupation(m.group(1), occupations[m.group(1)])
    pattern, stems = _title_pattern()
    found = pattern.search(text)
    if found is None:
        return None
    soc = stems[found.group(1).lower()]
    return Occupation(soc, occupations[soc])


_BARE_NUMBER = re.compile(r"\s*\(?\d{1,4}\)?\s*")
_BEFORE = re.compile(
    r"(take[- ]home|after[- ]tax|net pay|on an? \S*\s*$|sav(e|es|ed|ing|ings)|cut\b|spend|"
    r"average (us |american |u\.s\. )?worker|all (occupations|workers)|\boccupations\b)"
    r"[^.;]{0,40}$",
    re.IGNORECASE,
)
_AFTER = re.compile(
    r"^\S*\s*(less|more|lower|higher|fewer)\b|^[^.;£$€₹]{0,8}\b(after tax|take[- ]home|net)\b|"
    r"^[^.;]{0,12}\b(salary,? your take)",
    re.IGNORECASE,
)


def non_claim_reason(line: str, start: int, end: int, figure: str) -> str | None:
    """Why the figure at ``line[start:end]`` is not a pay claim, or None if it is one."""
    if _BARE_NUMBER.fullmatch(figure):
        return "a year or a count, not pay"
    before = line[max(0, start - 60) : start]
    after = line[end : end + 40]
    if _BEFORE.search(before) or _AFTER.search(after):
        return "take-home pay, a difference, a saving or an all-worker figure"
    return None


_RS_DOT = re.compile(r"\bRs\.(?=\s?\d)")
_PLUS_LPA = re.compile(r"(?<=\d)\+(\s*)(LPA|lakhs?|L)\b", re.IGNORECASE)


def reading_fixes(line: str) -> tuple[str, set[int]]:
    """``line`` with parser-missed spellings rewritten in place (same length), and the
    offsets where a "+" open end was moved out ("50+ LPA" -> "50 LPA ")."""
    fixed = _RS_DOT.sub("Rs ", line)
    plus_at = {m.start() for m in _PLUS_LPA.finditer(fixed)}
    if plus_at:
        fixed = _PLUS_LPA.sub(lambda m: m.group(1) + m.group(2) + " ", fixed)
    return fixed, plus_at


_BLS = re.compile(r"\b(BLS|Bureau of Labor Statistics|OEWS|Occupational Outlook Handbook)\b")


def cites_bls(line: str) -> bool:
    """Whether a line attributes its figures to the BLS (a citation, not a market claim)."""
    return _BLS.search(line) is not None


_COUNTRY_WORDS: dict[str, str] = {
    "GB": r"UK|U\.K\.|United Kingdom|Britain|England|London|Manchester|Edinburgh",
    "IN": r"India|Bangalore|Bengaluru|Mumbai|Hyderabad|Pune|Delhi|Chennai",
    "DE": r"Germany|Berlin|Munich|München|Hamburg|Frankfurt",
    "FR": r"France|Paris",
    "NL": r"Netherlands|Amsterdam",
    "CA": r"Canada|Toronto|Vancouver|Montreal",
    "AU": r"Australia|Sydney|Melbourne",
    "IE": r"Ireland|Dublin",
    "CH": r"Switzerland|Zurich|Zürich|Geneva",
}
_COUNTRY = re.compile(
    "|".join(f"(?P<{code}>\\b(?:{words})\\b)" for code, words in _COUNTRY_WORDS.items())
)
_CURRENCY_COUNTRY = {"GBP": "GB", "INR": "IN", "CAD": "CA", "AUD": "AU", "CHF": "CH"}


def country_in(line: str) -> str | None:
    """The non-US country (ISO code) a line names by country or major city, if any."""
    m = _COUNTRY.search(line)
    return m.lastgroup if m else None


def currency_country(currency: str) -> str | None:
    """The one country a currency implies (GBP -> GB), None for USD or shared ones (EUR)."""
    return _CURRENCY_COUNTRY.get(currency)
