"""Pay over time (paypath.trends): OFLC aggregates and Indeed Hiring Lab series."""

from __future__ import annotations

import pytest

from paypath.errors import InputError, NotFound
from paypath.trends import age_to_latest, ai_share, current_pay, posted_wage_growth, role_trend


def test_software_engineer_trend_matches_the_aggregates() -> None:
    trend = role_trend("software-engineer")
    by_year = {p.fiscal_year: p for p in trend.points}
    assert [p.fiscal_year for p in trend.points] == list(range(2015, 2027))
    # SOURCE.md: 15-1252 LCA median FY2023 $120,000 -> FY2026 $144,999
    assert (by_year[2023].median, by_year[2026].median) == (120_000, 144_999)
    assert by_year[2024].change_pct == round((125_460 / 120_000 - 1) * 100, 1)
    assert by_year[2026].partial and not by_year[2025].partial
    assert "ml-engineer" in trend.shares_soc_with
    assert len(trend.wage_growth) == 12 and trend.wage_growth[-1].month == "2026-04"


def test_perm_program_and_bad_program() -> None:
    assert role_trend("data-scientist", program="perm").points
    with pytest.raises(InputError):
        role_trend("data-scientist", program="h2b")


def test_indeed_series() -> None:
    growth = posted_wage_growth("us")
    assert growth[-1].month == "2026-04" and growth[-1].value == pytest.approx(0.023796)
    share = ai_share("US")
    assert share[0].month == "2019-01" and share[-1].month == "2026-06"
    assert share[-1].value > share[0].value
    with pytest.raises(NotFound, match="countries"):
        ai_share("ZZ")


def test_aged_figures_are_labelled_estimates() -> None:
    aged = age_to_latest(100_000, "2025-05")
    assert aged.official == 100_000 and aged.estimate_month == "2026-04"
    # the posted-wage index (data/pay, built from Indeed's YoY series) is 1.02373 at 2026-04
    # with May 2025 = 1
    assert aged.estimate == round(100_000 * 1.02373, -2) and aged.growth_pct == 2.37
    assert "estimate" in aged.method and "not an official statistic" in aged.method
    with pytest.raises(InputError):
        age_to_latest(1.0, "2030-01")


def test_pay_today_keeps_the_official_figure_beside_the_estimate() -> None:
    from paypath.wages import role_wages

    today = current_pay("software-engineer")
    assert today is not None
    assert today.official == role_wages("software-engineer").median  # never replaced
    assert today.official_source.startswith("BLS OEWS")
    assert today.aged.official_month == "2025-05" and today.aged.estimate > today.official


def test_trends_and_the_pay_model_age_figures_the_same_way() -> None:
    from paypath.pay_model import estimate_pay

    then = estimate_pay("software-engineer", as_of="2025-05")
    now = estimate_pay("software-engineer", as_of="2026-04")
    assert then.base is not None and now.base is not None
    aged = age_to_latest(then.base.median, "2025-05")
    assert now.base.median == pytest.approx(
        then.base.median * (1 + aged.growth_pct / 100), rel=1e-3
    )
    with pytest.raises(InputError, match="US"):
        age_to_latest(1.0, "2025-05", "DE")
