"""One rule for placing a pay figure in a pay distribution, used by every surface.

Offer check, claim checker, ``roles compare`` and the web all call :func:`place`; none
computes a percentile or a verdict its own way.

Percentile: linear interpolation between the distribution's known points (p10, p25,
median, p75, p90). Beyond p10 or p90 the percentile is extrapolated on a log-normal fitted
to the two nearest points (so a figure far above p90 reads p97 or p99.5, not "p90"), and
clamped to [0.5, 99.5].

Bands (documented thresholds, the same everywhere):

=====================  =============================================================
band                   rule
=====================  =============================================================
``implausibly low``    below half of p10 (or of the median / 3 when p10 is unknown)
``low``                below p25
``typical``            p25 to p75 inclusive
``high``               above p75
``implausibly high``   above twice p90 (or three times the median when p90 is unknown)
=====================  =============================================================

``low``/``typical``/``high`` split the peers into quarters | halves | quarters, so a
verdict says something a reader can act on; the implausible bands flag figures no
plausible reading of the distribution supports (a typo, a different currency or period,
a total-comp figure read as base). :func:`offer_verdict` maps the bands onto the offer
check's words: below / within / above.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping, Sequence
from statistics import NormalDist
from typing import Literal

from pydantic import BaseModel

__all__ = [
    "BANDS",
    "PERCENTILE_KEYS",
    "Band",
    "OfferVerdict",
    "Placement",
    "band_for",
    "offer_verdict",
    "percentile_of",
    "place",
    "points_of",
    "value_at",
]

Band = Literal["implausibly low", "low", "typical", "high", "implausibly high"]
BANDS: tuple[Band, ...] = ("implausibly low", "low", "typical", "high", "implausibly high")
OfferVerdict = Literal["below", "within", "above"]
PERCENTILE_KEYS: tuple[tuple[str, float], ...] = (
    ("p10", 10.0),
    ("p25", 25.0),
    ("median", 50.0),
    ("p75", 75.0),
    ("p90", 90.0),
)
_NORMAL = NormalDist()


class Placement(BaseModel, frozen=True):
    """Where one figure sits in one distribution."""

    value: float
    percentile: float | None  # None when the distribution has no usable point
    band: Band | None
    median: float | None
    diff_pct: float | None  # (value / median - 1) * 100
    note: str | None = None  # e.g. "extrapolated beyond p90"


def _points(dist: Mapping[str, float | None] | object) -> list[tuple[float, float]]:
    get = dist.get if isinstance(dist, Mapping) else (lambda k: getattr(dist, k, None))
    pts = []
    for key, pct in PERCENTILE_KEYS:
        v = get(key)
        if isinstance(v, int | float) and v > 0 and math.isfinite(v):
            pts.append((pct, float(v)))
    # keep a monotone sequence: drop points that go backwards
    out: list[tuple[float, float]] = []
    for p, v in pts:
        if not out or v >= out[-1][1]:
            out.append((p, v))
    return out


def _lognormal_tail(p0: float, v0: float, p1: float, v1: float, value: float) -> float:
    """Percentile of ``value`` on the log-normal through (p0, v0) and (p1, v1)."""
    z0, z1 = _NORMAL.inv_cdf(p0 / 100), _NORMAL.inv_cdf(p1 / 100)
    if v1 <= v0 or z1 == z0:
        return p0 if value < v0 else p1
    sigma = (math.log(v1) - math.log(v0)) / (z1 - z0)
    z = z0 + (math.log(value) - math.log(v0)) / sigma
    return min(99.5, max(0.5, 100 * _NORMAL.cdf(z)))


def percentile_of(
    dist: Mapping[str, float | None] | object, value: float
) -> tuple[float | None, str | None]:
    """The percentile of ``value`` in ``dist`` (an object or mapping with p10..p90)."""
    pts = _points(dist)
    if not pts or value <= 0 or not math.isfinite(value):
        return None, None
    if len(pts) == 1:
        p, v = pts[0]
        return (p if value == v else (p - 1 if value < v else p + 1)), "one point known"
    if value < pts[0][1]:
        (p0, v0), (p1, v1) = pts[0], pts[1]
        return _lognormal_tail(p0, v0, p1, v1, value), f"extrapolated below p{p0:g}"
    if value > pts[-1][1]:
        (p0, v0), (p1, v1) = pts[-2], pts[-1]
        return _lognormal_tail(p0, v0, p1, v1, value), f"extrapolated above p{p1:g}"
    for (p0, v0), (p1, v1) in itertools.pairwise(pts):
        if value <= v1:
            return (p0 if v1 == v0 else p0 + (p1 - p0) * (value - v0) / (v1 - v0)), None
    return pts[-1][0], None


def value_at(dist: Mapping[str, float | None] | object, pct: float) -> float | None:
    """The value at percentile ``pct`` by linear interpolation, clamped to the known range."""
    pts = _points(dist)
    if not pts:
        return None
    if pct <= pts[0][0]:
        return pts[0][1]
    for (p0, v0), (p1, v1) in itertools.pairwise(pts):
        if pct <= p1:
            return v0 + (v1 - v0) * (pct - p0) / (p1 - p0)
    return pts[-1][1]


def _get(dist: Mapping[str, float | None] | object, key: str) -> float | None:
    v = dist.get(key) if isinstance(dist, Mapping) else getattr(dist, key, None)
    return float(v) if isinstance(v, int | float) and v > 0 else None


def band_for(
    value: float, percentile: float | None, dist: Mapping[str, float | None] | object
) -> Band | None:
    """The band of a figure at ``percentile`` (see the module docstring for the rule)."""
    if percentile is None:
        return None
    median = _get(dist, "median")
    low_cut = _get(dist, "p10")
    high_cut = _get(dist, "p90")
    low_cut = low_cut / 2 if low_cut else (median / 3 if median else None)
    high_cut = high_cut * 2 if high_cut else (median * 3 if median else None)
    if low_cut is not None and value < low_cut:
        return "implausibly low"
    if high_cut is not None and value > high_cut:
        return "implausibly high"
    if percentile < 25:
        return "low"
    if percentile > 75:
        return "high"
    return "typical"


def place(value: float, dist: Mapping[str, float | None] | object) -> Placement:
    """Place ``value`` in ``dist``: percentile, band, the median and the difference from it."""
    pct, note = percentile_of(dist, value)
    median = _get(dist, "median")
    diff = (value / median - 1) * 100 if median else None
    return Placement(
        value=value,
        percentile=None if pct is None else round(pct, 1),
        band=band_for(value, pct, dist),
        median=median,
        diff_pct=None if diff is None else round(diff, 1),
        note=note,
    )


def offer_verdict(band: Band | None) -> OfferVerdict | None:
    """The offer check's word for a band: below (low), within (typical), above (high)."""
    if band is None:
        return None
    if band in ("implausibly low", "low"):
        return "below"
    if band in ("implausibly high", "high"):
        return "above"
    return "within"


def points_of(dist: Mapping[str, float | None] | object) -> Sequence[tuple[float, float]]:
    """The usable (percentile, value) points of a distribution, in order."""
    return _points(dist)
