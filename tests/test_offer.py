"""Offer checks: totals, base and total placed among peers, fallbacks, verdicts and sources."""

from __future__ import annotations

import pytest

from paypath.errors import InputError, UnknownArea, UnknownRole
from paypath.offer import SIGNON_SPREAD_YEARS, evaluate_offer, seniority_for_years
from paypath.pay_model import estimate_pay
from paypath.verdict import offer_verdict, place


@pytest.mark.parametrize(
    ("years", "level"),
    [
        pytest.param(None, "mid", id="unknown"),
        pytest.param(0.5, "junior", id="junior"),
        pytest.param(3, "mid", id="mid"),
        pytest.param(7, "senior", id="senior"),
        pytest.param(12, "staff", id="staff"),
        pytest.param(20, "principal", id="principal"),
    ],
)
def test_seniority_for_years(years: float | None, level: str) -> None:
    assert seniority_for_years(years) == level


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
def test_base_verdict_follows_the_peer_distribution(role: str, where: str, expected: str) -> None:
    # the offer check's peers are the seniority bucket (6 years: senior), not the years
    # term that estimate_pay(years=6) adds within the level
    peers = estimate_pay(role, "Seattle, WA", level="senior").base
    assert peers is not None
    amount = getattr(peers, where)
    check = evaluate_offer(role, amount, location="Seattle, WA", years=6)
    cmp = check.base_vs_peers
    assert cmp.position is not None and cmp.scope == "metro"
    assert cmp.position.median == peers.median
    assert cmp.verdict == offer_verdict(place(amount, peers).band) == expected
    assert cmp.position.source in " ".join(check.sources) or "BLS" in cmp.position.source


def test_years_move_the_base_and_the_total_benchmark() -> None:
    junior = evaluate_offer("software-engineer", 150_000, equity=100_000, years=1)
    staff = evaluate_offer("software-engineer", 150_000, equity=100_000, years=12)
    for kind in ("base_vs_peers", "total_vs_peers"):
        lo, hi = getattr(junior, kind).position, getattr(staff, kind).position
        assert lo is not None and hi is not None and lo.median is not None
        assert hi.median is not None and lo.median < hi.median
    assert junior.base_vs_peers.verdict != staff.base_vs_peers.verdict


def test_location_moves_the_peer_benchmark_and_suburbs_count_as_their_metro() -> None:
    national = evaluate_offer("software-engineer", 130_000)
    redmond = evaluate_offer("software-engineer", 130_000, location="Redmond, WA")
    assert national.base_vs_peers.scope == "country"
    assert redmond.area == "Seattle-Tacoma-Bellevue, WA"
    assert national.base_vs_peers.position is not None
    assert redmond.base_vs_peers.position is not None
    assert redmond.base_vs_peers.position.median != national.base_vs_peers.position.median


def test_no_metro_figure_falls_back_to_the_state_and_says_so() -> None:
    # OEWS publishes none of the data analyst's SOC medians in Enid, OK (but does in
    # Oklahoma), nor anywhere in Wyoming
    state = evaluate_offer("data-analyst", 80_000, location="Enid, OK").base_vs_peers
    assert state.scope == "state" and state.area == "Oklahoma"
    assert "fell back to the state" in state.note
    country = evaluate_offer("data-analyst", 80_000, location="Casper, WY").base_vs_peers
    assert country.scope == "country" and "fell back to the country" in country.note


def test_thin_peer_evidence_suppresses_the_verdict() -> None:
    check = evaluate_offer("blockchain-developer", 1_000_000)
    cmp = check.base_vs_peers
    assert cmp.position is not None and cmp.position.n is not None and cmp.position.n < 30
    assert cmp.verdict is None and "verdict suppressed" in cmp.note
    assert cmp.band == "implausibly high"


def test_figures_are_labelled_base_or_total_in_the_us() -> None:
    check = evaluate_offer("ml-engineer", 180_000, equity=400_000, years=6)
    assert check.base_vs_peers.kind == "base" and "base salary" in check.base_vs_peers.against
    assert check.total_vs_peers.kind == "total" and "total comp" in check.total_vs_peers.against
    for cmp in (check.base_vs_peers, check.total_vs_peers):
        assert "US" in cmp.against and cmp.verdict in {"below", "within", "above"}


@pytest.mark.parametrize(
    ("employer", "years", "where"),
    [("Google LLC", 3, "Seattle"), ("Infosys Limited", 12, "Texas"), ("NVIDIA", None, "US")],
)
def test_employer_comparison_is_estimate_pays_figure_at_the_employer(
    employer: str, years: float | None, where: str
) -> None:
    check = evaluate_offer(
        "software-engineer", 170_000, equity=200_000, location=where, years=years, employer=employer
    )
    vs = check.vs_employer
    assert vs is not None and vs.offset is not None
    assert vs.base_vs_employer is not None and vs.total_vs_employer is not None
    level = seniority_for_years(years)
    for cmp, amount in ((vs.base_vs_employer, check.base), (vs.total_vs_employer, check.total)):
        est = estimate_pay("software-engineer", cmp.area or "", level=level, employer=employer)
        dist = est.base if cmp.kind == "base" else est.total
        assert dist is not None and cmp.position is not None
        got = [getattr(cmp.position, k) for k in ("p10", "p25", "median", "p75", "p90")]
        assert got == [dist.p10, dist.p25, dist.median, dist.p75, dist.p90]
        placed = place(amount, dist)
        assert (cmp.band, cmp.verdict) == (placed.band, offer_verdict(placed.band))
        assert f"peers at {vs.employer}" in cmp.against
    # the market comparison is unchanged by naming the employer
    plain = evaluate_offer(
        "software-engineer", 170_000, equity=200_000, location=where, years=years
    )
    assert plain.vs_employer is None
    assert plain.base_vs_peers == check.base_vs_peers


def test_an_employer_without_model_evidence_gets_no_second_verdict() -> None:
    check = evaluate_offer("data-analyst", 90_000, employer="Corner Bakery of Nowhere")
    vs = check.vs_employer
    assert vs is not None and vs.offset is None
    assert vs.base_vs_employer is None and vs.total_vs_employer is None
    assert "no employer-specific evidence" in vs.note
    with pytest.raises(InputError, match="employer"):
        evaluate_offer("data-analyst", 90_000, employer=" , ")


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        pytest.param({"role_id": "astronaut", "salary": 1e5}, UnknownRole, id="unknown-role"),
        pytest.param({"role_id": "ml-engineer", "salary": 0}, InputError, id="zero-salary"),
        pytest.param({"role_id": "ml-engineer", "salary": None}, InputError, id="no-salary"),
        pytest.param({"role_id": None, "salary": 1e5}, InputError, id="no-role"),
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
    with pytest.raises(error) as info:
        evaluate_offer(**kwargs)  # type: ignore[arg-type]
    assert str(info.value)
