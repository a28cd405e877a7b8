"""Why a salary field gives no salary: a reason ingest can store when it quarantines a row."""

from __future__ import annotations

import re

from paypath.salary.parse import MAX_ANNUAL_USD, parse_salary

__all__ = ["salary_problem"]


_NUMBERISH_RE = re.compile(r"[-+]?(?:\d[\d,.]*(?:e[-+]?\d+)?|nan|inf(?:inity)?)", re.IGNORECASE)


def salary_problem(text: object, *, default_currency: str = "USD") -> str | None:
    """Why a salary field gives no salary (for ingest to quarantine it with a reason), or
    None when :func:`parse_salary` reads one. Reasons name the value and what to do:
    not a number (NaN, infinity), negative, zero, over MAX_ANNUAL_USD a year ("1e308",
    "$1,000,000,000"), trailing text after a number ("120000abc"), no amount at all."""
    if not isinstance(text, str):
        return f"a salary must be given as text, not {type(text).__name__}"
    stripped = text.strip()
    if parse_salary(text, default_currency=default_currency) is not None:
        return None
    if not stripped:
        return "the salary field is empty"
    number = _NUMBERISH_RE.fullmatch(stripped.lstrip("$€£"))
    if number is not None:
        try:
            value = float(number.group().replace(",", ""))
        except ValueError:
            value = None
        if value is not None:
            if value != value or value in (float("inf"), float("-inf")):
                return f"{stripped!r} is not a number; give the pay as an amount, e.g. 85000"
            if value < 0:
                return f"{stripped!r} is negative; pay must be a positive amount"
            if value == 0:
                return f"{stripped!r} is zero; leave the field empty when pay is not given"
            if value > MAX_ANNUAL_USD:
                return (
                    f"{stripped!r} is over ${MAX_ANNUAL_USD:,.0f} a year, not a plausible "
                    "salary; check the units"
                )
            return f"{stripped!r} is not written as plain digits; write it as e.g. 85000"
    if not any(c.isdigit() for c in stripped):
        return f"{stripped[:40]!r} holds no amount"
    head = re.match(r"[$€£]?[\d,.]+", stripped)
    if head is not None and head.end() < len(stripped) and stripped[head.end()].isalpha():
        tail = stripped[head.end() :][:20]
        return f"{stripped[:40]!r} has {tail!r} right after the number; give the amount alone"
    return (
        f"{stripped[:60]!r} states no pay amount (a number needs a currency, a pay word or a "
        "period, or must be over the plausible range); e.g. '$85,000 - $95,000 per year'"
    )
