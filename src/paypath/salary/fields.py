"""Salaries from structured fields: LinkedIn min/max/pay_period, JobSpy's interval,
ds_salaries' salary + salary_currency, the Stack Overflow survey's CompTotal + Currency."""

from __future__ import annotations

import math
import re
from typing import get_args

from paypath.errors import CurrencyError, InputError
from paypath.salary.fx import FxTable, default_fx_table
from paypath.salary.model import AnnualFactors, Kind, Period, Salary
from paypath.salary.parse import MAX_ANNUAL_USD, _Found, _salary

__all__ = ["PERIOD_WORDS", "fields_problem", "salary_from_fields"]

# Interval words of the sources -> (period, divisor): "BIWEEKLY" is half of two weeks.
PERIOD_WORDS: dict[str, tuple[Period, float]] = {
    "hour": ("hour", 1), "hourly": ("hour", 1), "hr": ("hour", 1),
    "day": ("day", 1), "daily": ("day", 1),
    "week": ("week", 1), "weekly": ("week", 1), "wk": ("week", 1),
    "biweekly": ("week", 2), "bi-weekly": ("week", 2), "fortnightly": ("week", 2),
    "month": ("month", 1), "monthly": ("month", 1), "mo": ("month", 1),
    "year": ("year", 1), "yearly": ("year", 1), "annual": ("year", 1),
    "annually": ("year", 1), "yr": ("year", 1), "annum": ("year", 1),
}  # fmt: skip
_CODE_RE = re.compile(r"[A-Za-z]{3}")


def _amount(value: object) -> float | None:
    """A positive number from a field (float, int, numeric string); None when missing."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, str):
        value = value.strip().replace(",", "")
        if not value:
            return None
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) and number > 0 else None


def _currency(value: object, default: str) -> str:
    """ISO code from "USD", "usd", "USD\\tUnited States dollar", "EUR European Euro"."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return default
    m = _CODE_RE.match(str(value).strip())
    if m is None:
        if not str(value).strip():
            return default
        raise CurrencyError(f"currency field {value!r} does not start with an ISO 4217 code")
    return m.group().upper()


def _period(word: object) -> tuple[Period | None, float]:
    if word is None or (isinstance(word, float) and math.isnan(word)):
        return None, 1.0
    key = str(word).strip().lower().replace("_", "")
    if not key:
        return None, 1.0
    found = PERIOD_WORDS.get(key)
    if found is None:
        raise InputError(
            f"pay period {word!r} is unknown; use one of {', '.join(sorted(PERIOD_WORDS))}"
        )
    return found


def salary_from_fields(
    min: object = None,
    max: object = None,
    currency: object = "USD",
    period_word: object = None,
    *,
    text: str | None = None,
    kind: Kind = "base",
    factors: AnnualFactors | None = None,
    fx: FxTable | None = None,
) -> Salary | None:
    """A Salary from structured fields; None when neither amount is given.

    ``period_word`` is the source's interval ("HOURLY", "YEARLY", "monthly", "year",
    "biweekly"...); when missing the period is inferred from the amount and flagged.
    The SO survey's CompTotal is yearly: pass ``period_word="yearly"``. Raises
    :class:`CurrencyError` for a currency the FX table has no rate for, :class:`InputError`
    for an unknown period word.
    """
    lo, hi = _amount(min), _amount(max)
    if lo is None and hi is None:
        return None
    if kind not in get_args(Kind):
        raise InputError(f"kind {kind!r} is unknown; use one of {', '.join(get_args(Kind))}")
    shown = text if text is not None else _describe(lo, hi, currency, period_word)
    code = _currency(currency, "USD")
    table = fx if fx is not None else default_fx_table()
    table.rate(code)  # CurrencyError when the table has no rate for it
    period, divisor = _period(period_word)
    lo = lo / divisor if lo is not None else None
    hi = hi / divisor if hi is not None else None
    if lo is not None and hi is not None and lo > hi:
        lo, hi = hi, lo
    found = _Found(0, len(shown), lo, hi, code, code, period, kind, True, False)
    return _salary(shown, found, code, factors, table)


def _describe(lo: float | None, hi: float | None, currency: object, period_word: object) -> str:
    """The fields as one line of text, as the source gave them ("17-20 USD HOURLY")."""
    sides = "-".join(dict.fromkeys(f"{v:g}" for v in (lo, hi) if v is not None))
    parts = [sides, str(currency or "").split("\t")[0].strip(), str(period_word or "").strip()]
    return " ".join(p for p in parts if p and p != "nan")


def _amount_problem(name: str, value: object) -> str | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None  # a missing value (pandas' NaN for an empty cell)
    if isinstance(value, str) and not value.strip():
        return None
    if isinstance(value, bool):
        return f"{name} {value!r} is not an amount"
    raw = value.strip().replace(",", "") if isinstance(value, str) else value
    try:
        number = float(raw)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return f"{name} {value!r} is not a number; give digits only, e.g. 85000"
    if not math.isfinite(number):
        return f"{name} {value!r} is not a finite number"
    if number < 0:
        return f"{name} {value!r} is negative; pay must be a positive amount"
    return None


def fields_problem(
    min: object = None,
    max: object = None,
    currency: object = "USD",
    period_word: object = None,
    *,
    fx: FxTable | None = None,
) -> str | None:
    """Why these fields give no salary (for ingest to quarantine the row with the reason),
    or None when :func:`salary_from_fields` reads one. NaN in a numeric field is a missing
    value; the string "NaN", a negative or an amount over MAX_ANNUAL_USD a year is a problem."""
    for name, value in (("min", min), ("max", max)):
        if isinstance(value, str) and value.strip().lower() in ("nan", "inf", "-inf", "infinity"):
            return f"{name} {value!r} is not a number; give digits only, e.g. 85000"
        problem = _amount_problem(name, value)
        if problem is not None:
            return problem
    try:
        salary = salary_from_fields(min, max, currency, period_word, fx=fx)
    except InputError as exc:  # CurrencyError too
        return str(exc)
    if salary is not None:
        return None
    if _amount(min) is None and _amount(max) is None:
        zero = any(_amount_problem("x", v) is None and _is_zero(v) for v in (min, max))
        return "the amount is zero" if zero else "no amount is given"
    return (
        f"the amount is over ${MAX_ANNUAL_USD:,.0f} a year, not a plausible salary; check the units"
    )


def _is_zero(value: object) -> bool:
    try:
        return float(str(value).replace(",", "")) == 0
    except ValueError:
        return False
