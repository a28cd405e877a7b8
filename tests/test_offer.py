"""Offer checks: totals, base vs BLS percentiles, total vs market, verdicts and sources."""

from __future__ import annotations

import pytest

from paypath.errors import InputError, UnknownArea, UnknownRole
from paypath.offer import SIGNON_SPREAD_YEARS, evaluate_offer, seniority_for_years, verdict
from paypath.pay_evidence import bls_position


@pytest.mark.parametrize(
    ("years", "level"),
    [
        pytest.param(None, "mid", id="unknown"),
        pytest.param(0.5, "junior", id="junior"),
        pytest.param(3, "mid", id="mid"),
        pytest.param(7, "senior", id="senior"),
        pytest.param(15, "staff", id="staff"),
    ],
)
def test_seniority_for_years(years: float | None, level: str) -> None:
    assert seniority_for_years(years) == level


@pytest.mark.parametrize(
    ("pct", "expected"),
    [
        pytest.param(None, None, id="unknown"),
        pytest.param(10.0, "below", id="p10"),
        pytest.param(25.0, "within", id="p25-edge"),
        pytest.param(50.0, "within", id="median"),
        pytest.param(75.0, "within", id="p75-edge"),
        pytest.param(90.0, "above", id="p90"),
    ],
)
def test_verdict(pct: float | None, expected: str | None) -> None:
    assert verdict(pct) == expected


def test_total_compensation_annualises_equity_and_signon() -> None:
    check = evaluate_offer(
        "ml-engineer", 150_000, bonus=15_000, equity=200_000, vesting_years=4, signon=20_000
    )
    assert check.equity_per_year == 50_000
    assert check.total == 150_000 + 15_000 + 50_000 + 20_000 / SIGNON_SPREAD_YEARS
    assert check.first_year_total == 150_000 + 15_000 + 50_000 + 20_000
    assert check.base == 150_000


@pytest.mark.parametrize(
    ("role", "where", "expected"),
    [
        pytest.param("software-engineer", "p10", "below", id="at-p10"),
        pytest.param("software-engineer", "median", "within", id="at-median"),
        pytest.param("software-engineer", "p90", "above", id="at-p90"),
        pytest.param("data-scientist", "median", "within", id="ds-median"),
        pytest.param("cybersecurity-architect", "p90", "above", id="security-p90"),
    ],
)
def test_base_verdict_follows_the_bls_percentiles(role: str, where: str, expected: str) -> None:
    reference = bls_position(role, "national", 100_000.0)
    amount = getattr(reference, where)
    assert amount is not None, reference.notes
    check = evaluate_offer(role, amount)
    assert check.base_vs_bls.verdict == expected
    assert check.base_vs_bls.position is not None
    assert "BLS" in check.base_vs_bls.position.source
    assert check.sources[0] == check.base_vs_bls.position.source


def test_base_outside_the_published_range_is_clipped() -> None:
    low = evaluate_offer("software-engineer", 20_000).base_vs_bls.position
    assert low is not None and low.clipped == "below p10"


def test_location_moves_the_bls_benchmark() -> None:
    national = evaluate_offer("software-engineer", 130_000)
    california = evaluate_offer("software-engineer", 130_000, location="California")
    assert national.base_vs_bls.position is not None
    assert california.base_vs_bls.position is not None
    assert california.base_vs_bls.position.median != national.base_vs_bls.position.median


def test_total_vs_market_has_a_source_or_says_why_not() -> None:
    check = evaluate_offer("ml-engineer", 180_000, equity=400_000, years=6)
    market = check.total_vs_market
    if market.position is None:
        assert market.verdict is None and "too few" in market.note
    else:
        assert market.position.source and market.position.n
        assert market.verdict in {"below", "within", "above"}
        assert market.position.source in check.sources
    huge = evaluate_offer("ml-engineer", 180_000, equity=40_000_000, years=6).total_vs_market
    assert huge.verdict in {None, "above"}


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        pytest.param({"role_id": "astronaut", "salary": 1e5}, UnknownRole, id="unknown-role"),
        pytest.param({"role_id": "ml-engineer", "salary": 0}, InputError, id="zero-salary"),
        pytest.param(
            {"role_id": "ml-engineer", "salary": 1e5, "bonus": -1}, InputError, id="negative-bonus"
        ),
        pytest.param(
            {"role_id": "ml-engineer", "salary": 1e5, "vesting_years": 0},
            InputError,
            id="zero-vesting",
        ),
        pytest.param(
            {"role_id": "ml-engineer", "salary": 1e5, "location": "Atlantis"},
            UnknownArea,
            id="unknown-area",
        ),
    ],
)
def test_bad_offers(kwargs: dict[str, object], error: type[Exception]) -> None:
    with pytest.raises(error):
        evaluate_offer(**kwargs)  # type: ignore[arg-type]
