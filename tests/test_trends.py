"""Pay over time (paypath.trends): OFLC aggregates and Indeed Hiring Lab series."""

from __future__ import annotations

import pytest

from paypath.errors import InputError, NotFound
from paypath.pay_model import estimate_pay, model_info, official_wages, wage_index
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
    # US: the pay model's chained posted-wage index, the same one `paypath pay --as-of` uses
    factor = wage_index("2026-04") / wage_index("2025-05")
    assert aged.estimate == round(100_000 * factor, -2)
    now = estimate_pay("data-scientist", as_of="2026-04").base
    then = estimate_pay("data-scientist").base
    assert now is not None and then is not None
    # the pay model's offers follow the index in part (its fitted time pass-through)
    tau = float(model_info()["calibration"]["time_pass_through"])
    assert abs(now.median / then.median - factor**tau) < 0.002  # both rounded to $100
    # elsewhere: the latest year-on-year growth compounded over the months between
    gb = posted_wage_growth("GB")[-1]
    abroad = age_to_latest(100_000, "2025-05", "GB")
    months = (int(gb.month[:4]) - 2025) * 12 + int(gb.month[5:]) - 5
    assert abroad.estimate == round(100_000 * (1 + gb.value) ** (months / 12), -2)
    assert "estimate" in aged.method and "not an official statistic" in aged.method
    with pytest.raises(InputError):
        age_to_latest(1.0, "2030-01")


def test_pay_today_keeps_the_official_figure_beside_the_estimate() -> None:
    today = current_pay("software-engineer")
    assert today is not None
    assert today.official == official_wages("software-engineer").median  # never replaced
    assert today.official_source.startswith("BLS OEWS")
    assert today.aged.official_month == "2025-05" and today.aged.estimate > today.official


def test_trends_and_the_pay_model_age_figures_the_same_way() -> None:
    from paypath.pay_model import estimate_pay

    then = estimate_pay("software-engineer", as_of="2025-05")
    now = estimate_pay("software-engineer", as_of="2026-04")
    assert then.base is not None and now.base is not None
    aged = age_to_latest(then.base.median, "2025-05")
    tau = float(model_info()["calibration"]["time_pass_through"])
    assert now.base.median == pytest.approx(
        then.base.median * (1 + aged.growth_pct / 100) ** tau, rel=1e-3
    )
    with pytest.raises(InputError, match="2025-05"):
        age_to_latest(1.0, "May 2025")
