"""The one verdict rule: percentile placement and bands (paypath.verdict)."""

import pytest

from paypath.verdict import offer_verdict, percentile_of, place, value_at

DIST = {"p10": 60_000, "p25": 80_000, "median": 100_000, "p75": 130_000, "p90": 160_000}


@pytest.mark.parametrize(
    ("value", "band", "verdict"),
    [
        pytest.param(100_000, "typical", "within", id="median"),
        pytest.param(80_000, "typical", "within", id="p25-is-typical"),
        pytest.param(79_000, "low", "below", id="just-below-p25"),
        pytest.param(131_000, "high", "above", id="just-above-p75"),
        pytest.param(29_000, "implausibly low", "below", id="under-half-p10"),
        pytest.param(330_000, "implausibly high", "above", id="over-twice-p90"),
    ],
)
def test_bands(value: float, band: str, verdict: str) -> None:
    placed = place(value, DIST)
    assert placed.band == band
    assert offer_verdict(placed.band) == verdict


def test_interpolation_and_difference() -> None:
    placed = place(115_000, DIST)
    assert placed.percentile == pytest.approx(62.5)
    assert placed.diff_pct == pytest.approx(15.0)
    assert value_at(DIST, 62.5) == pytest.approx(115_000)


def test_tails_extrapolate_beyond_p90_and_below_p10() -> None:
    hi, note = percentile_of(DIST, 200_000)
    assert hi is not None and 90 < hi < 99.6
    assert note == "extrapolated above p90"
    lo, _ = percentile_of(DIST, 50_000)
    assert lo is not None and 0.4 < lo < 10


def test_empty_distribution_places_nothing() -> None:
    placed = place(100_000, {"median": None})
    assert placed.percentile is None and placed.band is None and placed.diff_pct is None
