"""Skill pay premiums: log-pay regressions with controls and HC1 robust errors.

Model, one regression per skill (documented choice)::

    log(pay_usd) = a + b * has_skill + controls + e

Controls: role (fixed effects, when all roles are pooled), experience (years, clipped
to 0–50, and years squared, with a missing-years indicator), seniority, country
(countries with fewer than ``COUNTRY_MIN`` rows pooled as "other"), and the data
source / comp kind when the sample mixes them (survey rows are total comp, postings
base pay). Every factor drops its most frequent level as the reference.

Interpretation: ``premium = exp(b) - 1`` is the pay difference between people (or
postings) with and without the skill *at the same role, experience, seniority and
country*. It is a gross association: it includes whatever travels with the skill (other
skills, employer type), so premiums of related skills overlap and do not add up. One
multi-skill regression would give net effects instead, but with dozens of correlated
skill dummies those are unstable and hard to read; the per-skill model answers the
user's question ("do people who know X earn more than comparable people who don't?").

Sample: rows with pay, restricted for skill premiums to rows that carry skill
information (:func:`skill_listed`: at least one skill, from a source file that lists skills
at all, i.e. where some row names two or more; a file that records only a primary language,
like the 2025 survey, or salary-only datasets say nothing about the other skills, so their
rows are neither "with" nor "without"), and for the AI-use premium to rows that answered
the survey's AI question (the ``ai_use`` column). Pay outside ``PAY_FLOOR``–``PAY_CEIL`` USD/yr is
dropped as implausible, then the sample is trimmed to its 1st–99th pay percentiles.

Computation: all skills at once by Frisch–Waugh–Lovell: the controls are projected out
of log pay and of each skill dummy (an orthonormal basis of the controls from an SVD),
then ``b = d'y / d'd`` on the residuals, and the HC1 (White, n/(n-k) corrected)
variance ``sum(d_i^2 e_i^2) / (d'd)^2 * n/(n-k)`` with k the full model's parameter
count. This equals statsmodels ``OLS(...).fit(cov_type="HC1")`` on the full design
matrix, skill by skill (a test checks it), at a fraction of the cost. 95% intervals
are normal (z = 1.96), as statsmodels gives for robust covariances.

Shrinkage (:func:`shrink`): the raw coefficients of one fit are shrunk toward zero by
empirical Bayes (normal prior N(0, tau²), tau² by the method of moments: mean(b²) minus
mean(se²), floored at 0): ``b* = k·b``, ``se* = √k·se`` with ``k = tau²/(tau² + se²)``.
Small-n, noisy estimates (Presto on 64 rows) shrink most; skills with fewer than
``min_n`` rows with or without them are not estimated at all.

Non-skills (:data:`NON_LEVERS`): package managers, desktop operating systems, editors and
spoken languages are not pay levers; they are left out of the ranking.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

__all__ = [
    "COUNTRY_MIN",
    "NON_LEVERS",
    "NON_LEVER_CATEGORIES",
    "PAY_CEIL",
    "PAY_FLOOR",
    "TRIM",
    "Design",
    "SkillFit",
    "design",
    "fit_dummies",
    "is_lever",
    "shrink",
    "skill_listed",
    "trim_pay",
]

Array = npt.NDArray[np.float64]

PAY_FLOOR = 1_000.0
PAY_CEIL = 5_000_000.0
TRIM = (0.01, 0.99)
COUNTRY_MIN = 20
Z95 = 1.959963984540054
_CHUNK = 64  # skill dummies residualised at once (bounds memory on big samples)
# Not pay levers: nobody is paid for the package manager or the laptop OS they use.
NON_LEVERS = frozenset(
    {
        # package managers
        "npm", "yarn", "pnpm", "pip", "poetry", "conda", "composer", "nuget", "homebrew",
        "chocolatey", "apt", "pacman", "cargo",
        # desktop operating systems
        "windows", "macos",
        # chat and office tools
        "slack", "microsoft-teams", "microsoft-office", "google-workspace",
    }
)  # fmt: skip
NON_LEVER_CATEGORIES = frozenset({"tool", "spoken-language"})  # editors/IDEs; English...


@dataclass(frozen=True)
class Design:
    """Log pay and the control matrix (with a constant) of one regression sample."""

    y: Array
    x: Array
    controls: tuple[str, ...]


@dataclass(frozen=True)
class SkillFit:
    beta: float
    se: float
    n_with: int
    n_without: int

    @property
    def ci(self) -> tuple[float, float]:
        return self.beta - Z95 * self.se, self.beta + Z95 * self.se

    @property
    def p_value(self) -> float:
        return math.erfc(abs(self.beta / self.se) / math.sqrt(2)) if self.se > 0 else 0.0


def trim_pay(rows: pd.DataFrame) -> pd.DataFrame:
    """Rows with plausible pay, trimmed to the sample's 1st–99th pay percentiles."""
    pay = rows["pay_usd"].astype(float)
    rows = rows[(pay >= PAY_FLOOR) & (pay <= PAY_CEIL)]
    if rows.empty:
        return rows
    low, high = np.quantile(rows["pay_usd"].astype(float), TRIM)
    pay = rows["pay_usd"].astype(float)
    kept: pd.DataFrame = rows[(pay >= low) & (pay <= high)]
    return kept.reset_index(drop=True)


def is_lever(skill_id: str, category: str | None) -> bool:
    """False for the non-skills that are not ranked as pay levers (see module doc)."""
    return skill_id not in NON_LEVERS and category not in NON_LEVER_CATEGORIES


def skill_listed(rows: pd.DataFrame, skills: pd.DataFrame) -> pd.DataFrame:
    """The rows that carry skill information (see module doc): at least one skill, in a
    source file where some row names two skills or more."""
    per_row = skills.drop_duplicates()["posting_id"].value_counts()
    named = rows["id"].map(per_row).fillna(0)
    files = rows["source_file"].astype("object").fillna("")
    listing = set(files[named >= 2])
    kept: pd.DataFrame = rows[(named >= 1) & files.isin(listing)]
    return kept


def shrink(fits: list[SkillFit | None]) -> list[SkillFit | None]:
    """Empirical-Bayes shrinkage of one fit's coefficients toward 0 (see module doc)."""
    real = [f for f in fits if f is not None and f.se > 0]
    if len(real) < 3:
        return fits
    betas = np.array([f.beta for f in real])
    ses = np.array([f.se for f in real])
    tau2 = max(0.0, float(np.mean(betas**2) - np.mean(ses**2)))
    out: list[SkillFit | None] = []
    for f in fits:
        if f is None or f.se <= 0:
            out.append(f)
            continue
        k = tau2 / (tau2 + f.se**2)
        # k = 0 (no spread beyond noise): the estimate is 0, with the raw uncertainty
        se = f.se * math.sqrt(k) if k > 0 else f.se
        out.append(SkillFit(f.beta * k, se, f.n_with, f.n_without))
    return out


def _factor(values: pd.Series, name: str) -> pd.DataFrame:
    """Dummies for a factor, dropping its most frequent level (the reference)."""
    filled = values.astype("object").where(values.notna(), "unknown").astype(str)
    if filled.nunique() < 2:
        return pd.DataFrame(index=values.index)
    reference = filled.value_counts().index[0]
    dummies: pd.DataFrame = pd.get_dummies(filled, prefix=name, dtype=float)
    return dummies.drop(columns=f"{name}_{reference}")


def _experience(years: pd.Series) -> tuple[pd.DataFrame, list[str]]:
    values = pd.to_numeric(years, errors="coerce").clip(0, 50)
    if values.notna().sum() == 0:
        return pd.DataFrame(index=years.index), []
    missing = values.isna()
    filled = values.fillna(0.0)
    parts = {"years": filled, "years_sq": filled**2 / 100.0}
    names = ["years_experience", "years_experience^2"]
    if missing.any():
        parts["years_missing"] = missing.astype(float)
        names.append("years_missing")
    return pd.DataFrame(parts, index=years.index), names


def design(rows: pd.DataFrame, *, pooled_roles: bool) -> Design:
    """The controls for a (trimmed) sample; see the module doc for the list."""
    blocks = [pd.DataFrame({"const": np.ones(len(rows))}, index=rows.index)]
    controls: list[str] = []
    if pooled_roles:
        blocks.append(_factor(rows["role_id"], "role"))
        controls.append("role")
    years, names = _experience(rows["years_experience"])
    blocks.append(years)
    controls += names
    countries = rows["country"].astype("object")
    counts = countries.value_counts()
    rare = set(counts[counts < COUNTRY_MIN].index)
    countries = countries.where(~countries.isin(rare), "other")
    for column, values in (
        ("seniority", rows["seniority"]),
        ("country", countries),
        ("source", rows["source"]),
        ("comp_kind", rows["comp_kind"]),
        ("edition", rows["source_file"] if "source_file" in rows else pd.Series(dtype=object)),
        ("org_size", rows["org_size"] if "org_size" in rows else pd.Series(dtype=object)),
    ):
        block = _factor(values, column)
        if block.shape[1]:
            blocks.append(block)
            controls.append(column)
    x = pd.concat(blocks, axis=1).to_numpy(dtype=float)
    y = np.log(rows["pay_usd"].to_numpy(dtype=float))
    return Design(y=y, x=x, controls=tuple(controls))


def _basis(x: Array) -> Array:
    """An orthonormal basis of the column space of ``x`` (rank-revealing SVD)."""
    u, s, _ = np.linalg.svd(x, full_matrices=False)
    tol = s.max() * max(x.shape) * np.finfo(float).eps
    basis: Array = u[:, s > tol]
    return basis


def fit_dummies(d: Design, dummies: npt.NDArray[np.floating[Any]]) -> list[SkillFit | None]:
    """One regression per column of ``dummies`` (0/1) on the controls; None if not estimable."""
    q = _basis(d.x)
    n, rank = d.x.shape[0], q.shape[1]
    dof = n - rank - 1
    y = d.y - q @ (q.T @ d.y)
    fits: list[SkillFit | None] = []
    for start in range(0, dummies.shape[1], _CHUNK):
        block = dummies[:, start : start + _CHUNK]
        n_with = block.sum(axis=0)
        resid = block - q @ (q.T @ block)
        ss = (resid**2).sum(axis=0)
        for j in range(block.shape[1]):
            if dof <= 0 or ss[j] <= 1e-9 * max(n_with[j], 1.0):
                fits.append(None)  # the skill is (almost) a function of the controls
                continue
            r = resid[:, j]
            beta = float(r @ y / ss[j])
            e = y - beta * r
            var = float((r**2 @ e**2) / ss[j] ** 2) * n / dof
            fits.append(SkillFit(beta, math.sqrt(var), int(n_with[j]), int(n - n_with[j])))
    return fits
