"""The Salary model and the one set of annualisation factors used everywhere."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, computed_field

from paypath.errors import InputError

__all__ = [
    "DEFAULT_FACTORS",
    "PERIODS",
    "AnnualFactors",
    "Kind",
    "Period",
    "Salary",
    "annualize",
]

Period = Literal["hour", "day", "week", "month", "year"]
Kind = Literal["base", "bonus", "signing", "equity", "commission", "total", "other"]
PERIODS: tuple[Period, ...] = ("hour", "day", "week", "month", "year")


class AnnualFactors(BaseModel):
    """How many of each period make a year: 2,080 hours (40 h x 52 weeks), 260 working days,
    52 weeks, 12 months. Pass your own to :func:`annualize` or the parsers to override."""

    model_config = ConfigDict(frozen=True)

    hour: float = 2080.0
    day: float = 260.0
    week: float = 52.0
    month: float = 12.0
    year: float = 1.0

    def of(self, period: Period) -> float:
        return float(getattr(self, period))


DEFAULT_FACTORS = AnnualFactors()


def annualize(amount: float, period: Period, factors: AnnualFactors | None = None) -> float:
    """``amount`` per ``period`` as a yearly amount (same currency)."""
    if period not in PERIODS:
        raise InputError(f"unknown pay period {period!r}; use one of {', '.join(PERIODS)}")
    return amount * (factors or DEFAULT_FACTORS).of(period)


class Salary(BaseModel):
    """One pay statement: what the source said, and the same figures per year in USD.

    ``min``/``max`` are as stated, in ``currency`` per ``period``; an open side ("up to",
    "from", "+") is ``None``. ``period_inferred`` says the period was guessed from the
    amount's size; ``currency_inferred`` says a bare "$" (or no sign) took the default
    currency. ``placeholder`` marks a range that starts at zero ("$0 - $79,000", a job-board
    placeholder: both ends are kept, but the lower one is not a real offer). ``kind`` is
    "base" for salary, "total" for a package or total compensation (OTE), "commission" for
    commission-only or commission earnings, and "bonus"/"signing"/"equity"/"other" for the
    rest. ``fx_*`` name the rate used for the USD figures.
    """

    model_config = ConfigDict(frozen=True)

    text: str
    start: int | None = None
    end: int | None = None
    min: float | None
    max: float | None
    currency: str
    currency_text: str = ""
    currency_inferred: bool = False
    placeholder: bool = False
    period: Period
    period_inferred: bool = False
    kind: Kind = "base"
    annual_min: float | None = None
    annual_max: float | None = None
    annual_min_usd: float | None = None
    annual_max_usd: float | None = None
    fx_rate: float = 1.0
    fx_date: str = ""
    fx_source: str = ""

    @computed_field  # type: ignore[prop-decorator]
    @property
    def annual_mid_usd(self) -> float | None:
        """The midpoint of the annual USD range, or the one side given."""
        lo, hi = self.annual_min_usd, self.annual_max_usd
        if lo is not None and hi is not None:
            return (lo + hi) / 2
        return lo if lo is not None else hi
