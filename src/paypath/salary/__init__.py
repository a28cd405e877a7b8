"""Salaries: read every real-world way of stating pay, and normalise it to USD per year.

parse_salary("$170-180k")            -> Salary(min=170000, max=180000, period="year", ...)
find_salaries(job_description)       -> every pay mention with its span and kind
salary_from_fields(17, 20, "USD", "HOURLY")
annualize(25, "hour")                -> 52000.0  (DEFAULT_FACTORS: 2080 h, 260 d, 52 w, 12 m)
to_usd(1000, "EUR")                  -> with the shipped, dated FX table (load_fx_table)
salary_problem("1e308")              -> why a field gives no salary (for quarantine)
"""

from __future__ import annotations

from paypath.salary.fields import fields_problem, salary_from_fields
from paypath.salary.fx import FxRate, FxTable, default_fx_table, load_fx_table, to_usd
from paypath.salary.model import (
    DEFAULT_FACTORS,
    PERIODS,
    AnnualFactors,
    Kind,
    Period,
    Salary,
    annualize,
)
from paypath.salary.parse import MAX_ANNUAL_USD, find_salaries, parse_salary
from paypath.salary.problems import salary_problem

__all__ = [
    "DEFAULT_FACTORS",
    "MAX_ANNUAL_USD",
    "PERIODS",
    "AnnualFactors",
    "FxRate",
    "FxTable",
    "Kind",
    "Period",
    "Salary",
    "annualize",
    "default_fx_table",
    "fields_problem",
    "find_salaries",
    "load_fx_table",
    "parse_salary",
    "salary_from_fields",
    "salary_problem",
    "to_usd",
]
