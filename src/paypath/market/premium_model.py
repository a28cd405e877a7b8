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
information (at least one skill, from a source file that lists skills at all, i.e. where
some row names two or more; a file that records only a primary language, like the 2025
survey, or salary-only datasets say nothing about the other skills, so their rows are
neither "with" nor "without"), and for the AI-use premium to rows that answered the
survey's AI question (the ``ai_use`` column). Pay outside ``PAY_FLOOR``–``PAY_CEIL``
USD/yr is dropped as implausible, then the sample is trimmed to its 1st–99th pay
percentiles (exact, linearly interpolated). The engines select the sample in SQL
(:mod:`paypath.market.engines._sql`); everything after that is here.

Computation, in bounded memory on any corpus size: the engine hands this module the
sample in batches (DuckDB streams them; Spark runs the same functions on its executors),
and each pass adds up small per-batch sums, so no machine ever holds the sample.

1. :func:`profile_batch` counts each control's levels and each skill's rows; their sum
   fixes the design (:class:`Spec`): which levels get a dummy (every factor drops its most
   frequent level as the reference, ties to the first name), which countries pool as
   "other", whether years are known, and which skills are estimated.
2. :func:`sums_batch` adds up the cross-products of the controls ``X`` (with a constant),
   log pay ``y`` and the skill dummies ``D``: ``X'X``, ``X'y``, ``X'D``, ``D'y`` and the
   skills' counts. By Frisch–Waugh–Lovell, with ``P = (X'X)^+`` (a pseudo-inverse from
   the eigen-decomposition of ``X'X`` scaled to a unit diagonal, so collinear controls
   are dropped as the full model's rank-revealing fit drops them), each skill's
   coefficient is ``b = (d'y - d'X·a) / (d'd - d'X·g)`` with ``a = P·X'y`` and
   ``g = P·X'd``.
3. :func:`hc_batch` adds up ``sum(r_i^2 e_i^2)`` with ``r = d - X·g`` (the dummy's part
   the controls do not explain) and ``e = y - X·a - b·r`` (the full model's residual), for
   the HC1 (White, n/(n-k) corrected) variance ``sum(r^2 e^2) / (r'r)^2 · n/(n-k)`` with
   k the full model's parameter count.

This equals statsmodels ``OLS(...).fit(cov_type="HC1")`` on the full design matrix, skill
by skill (a test checks it to 8 significant digits), and two engines that add the same
sums in a different order agree to about 10 significant digits. 95% intervals are normal
(z = 1.96), as statsmodels gives for robust covariances.

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
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from paypath.market.premium_fit import PAY_CEIL, PAY_FLOOR, TRIM, SkillFit, shrink

__all__ = [
    "COUNTRY_MIN",
    "FACTORS",
    "NON_LEVERS",
    "NON_LEVER_CATEGORIES",
    "PAY_CEIL",
    "PAY_FLOOR",
    "TRIM",
    "Coefficients",
    "HCSums",
    "Profile",
    "SkillFit",
    "Spec",
    "Sums",
    "fit_frame",
    "fit_sums",
    "hc_batch",
    "is_lever",
    "profile_batch",
    "shrink",
    "solve",
    "sums_batch",
]

Array = npt.NDArray[np.float64]

COUNTRY_MIN = 20
UNKNOWN = "unknown"  # a factor's missing value is a level of its own
# control name -> column of the sample; "role" only when all roles are pooled
FACTORS = (
    ("seniority", "seniority"),
    ("country", "country"),
    ("source", "source"),
    ("comp_kind", "comp_kind"),
    ("edition", "source_file"),
    ("org_size", "org_size"),
)
_EIG_TOL = 1e-10  # eigenvalues of the unit-diagonal X'X below this are collinear directions
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


def is_lever(skill_id: str, category: str | None) -> bool:
    """False for the non-skills that are not ranked as pay levers (see module doc)."""
    return skill_id not in NON_LEVERS and category not in NON_LEVER_CATEGORIES


def _levels(values: pd.Series) -> pd.Series:
    filled: pd.Series = values.astype("object").where(values.notna(), UNKNOWN).astype(str)
    return filled


def _years(values: pd.Series) -> pd.Series:
    years: pd.Series = pd.to_numeric(values, errors="coerce").clip(0, 50)
    return years


# --- pass 1: the profile that fixes the design -------------------------------------------


@dataclass
class Profile:
    """What a batch (or, summed, the sample) holds: rows, each control's level counts,
    whether years are known and missing, and each skill's rows."""

    rows: int = 0
    levels: Counter[tuple[str, str]] = field(default_factory=Counter)
    years_known: int = 0
    skills: Counter[str] = field(default_factory=Counter)
    ai_used: int = 0  # rows that answered they use AI tools

    def __add__(self, other: Profile) -> Profile:
        return Profile(
            self.rows + other.rows,
            self.levels + other.levels,
            self.years_known + other.years_known,
            self.skills + other.skills,
            self.ai_used + other.ai_used,
        )


def _skill_pairs(batch: pd.DataFrame) -> tuple[npt.NDArray[np.intp], npt.NDArray[Any]]:
    """A batch's (row position, skill id) pairs (vectorised: no loop in Python over rows).
    Each row lists a skill once (the engines' SQL aggregates distinct skills)."""
    if "skills" not in batch or batch.empty:
        return np.zeros(0, dtype=np.intp), np.zeros(0, dtype=object)
    exploded = batch["skills"].reset_index(drop=True).explode()
    named = exploded.notna().to_numpy()
    return exploded.index.to_numpy(dtype=np.intp)[named], exploded.to_numpy()[named]


def profile_batch(batch: pd.DataFrame) -> Profile:
    """The :class:`Profile` of one batch of the sample."""
    levels: Counter[tuple[str, str]] = Counter()
    for name, column in (("role", "role_id"), *FACTORS):
        if column in batch:
            for level, n in _levels(batch[column]).value_counts().items():
                levels[(name, str(level))] += int(n)
    _, named = _skill_pairs(batch)
    skills: Counter[str] = Counter(
        {str(k): int(v) for k, v in pd.Series(named).value_counts().items()}
    )
    known = int(_years(batch["years_experience"]).notna().sum())
    used = int(batch["ai_use"].fillna(False).astype(bool).sum()) if "ai_use" in batch else 0
    return Profile(len(batch), levels, known, skills, used)


@dataclass(frozen=True)
class Spec:
    """The design of one regression sample: the dummy levels of each control (its
    reference dropped), the countries pooled as "other", the experience terms, and the
    dummies to estimate (skill ids, or none for the AI-use answer)."""

    factors: tuple[tuple[str, str, tuple[str, ...]], ...]  # (control, column, levels)
    rare_countries: frozenset[str]
    years: bool
    years_missing: bool
    skills: tuple[str, ...] | None

    @classmethod
    def of(cls, profile: Profile, *, pooled_roles: bool, skills: Sequence[str] | None) -> Spec:
        counts: dict[str, Counter[str]] = {}
        for (name, level), n in profile.levels.items():
            counts.setdefault(name, Counter())[level] = n
        country = counts.get("country", Counter())
        # countries on fewer than COUNTRY_MIN rows pool as "other" (not the unknown ones)
        rare = frozenset(c for c, n in country.items() if n < COUNTRY_MIN and c != UNKNOWN)
        if rare:
            pooled: Counter[str] = Counter({c: n for c, n in country.items() if c not in rare})
            pooled["other"] += sum(country[c] for c in rare)
            counts["country"] = pooled
        factors = []
        for name, column in (("role", "role_id"), *FACTORS):
            if name == "role" and not pooled_roles:
                continue
            found = counts.get(name, Counter())
            if len(found) < 2:
                continue
            ranked = sorted(found.items(), key=lambda kv: (-kv[1], kv[0]))
            factors.append((name, column, tuple(sorted(level for level, _ in ranked[1:]))))
        return cls(
            factors=tuple(factors),
            rare_countries=rare,
            years=profile.years_known > 0,
            years_missing=0 < profile.years_known < profile.rows,
            skills=None if skills is None else tuple(skills),
        )

    @property
    def controls(self) -> tuple[str, ...]:
        """The controls' names, as reported with each premium."""
        names = [n for n, _, _ in self.factors if n == "role"]
        if self.years:
            names += ["years_experience", "years_experience^2"]
        if self.years_missing:
            names.append("years_missing")
        return (*names, *(n for n, _, _ in self.factors if n != "role"))

    def design(self, batch: pd.DataFrame) -> tuple[Array, Array]:
        """Log pay and the control matrix (constant first) of a batch."""
        blocks: list[Array] = [np.ones((len(batch), 1))]
        if self.years:
            years = _years(batch["years_experience"])
            filled = years.fillna(0.0).to_numpy(dtype=float)
            blocks.append(np.column_stack([filled, filled**2 / 100.0]))
            if self.years_missing:
                missing: Array = years.isna().to_numpy().astype(np.float64)
                blocks.append(missing[:, None])
        for name, column, levels in self.factors:
            values = _levels(batch[column] if column in batch else pd.Series(None, batch.index))
            if name == "country" and self.rare_countries:
                values = values.where(~values.isin(self.rare_countries), "other")
            codes = pd.Index(levels).get_indexer(pd.Index(values))  # -1: the reference
            block = np.zeros((len(batch), len(levels)))
            hit = codes >= 0
            block[np.nonzero(hit)[0], codes[hit]] = 1.0
            blocks.append(block)
        y: Array = np.log(batch["pay_usd"].to_numpy().astype(np.float64)).astype(np.float64)
        return y, np.hstack(blocks)

    def dummies(self, batch: pd.DataFrame) -> Array:
        """The batch's 0/1 dummies, a column per estimated skill (or the AI-use answer)."""
        if self.skills is None:
            used: Array = batch["ai_use"].to_numpy().astype(np.float64)[:, None]
            return used
        rows, named = _skill_pairs(batch)
        columns = pd.Index(self.skills).get_indexer(pd.Index(named))
        hit = columns >= 0
        out = np.zeros((len(batch), len(self.skills)))
        out[rows[hit], columns[hit]] = 1.0
        return out


# --- pass 2: the cross-products -------------------------------------------------------


@dataclass
class Sums:
    """Cross-products of controls, log pay and dummies over rows (see the module doc)."""

    n: int
    xtx: Array
    xty: Array
    xtd: Array
    dty: Array
    dtd: Array

    def __add__(self, other: Sums) -> Sums:
        return Sums(
            self.n + other.n,
            self.xtx + other.xtx,
            self.xty + other.xty,
            self.xtd + other.xtd,
            self.dty + other.dty,
            self.dtd + other.dtd,
        )


def sums_batch(spec: Spec, batch: pd.DataFrame) -> Sums:
    y, x = spec.design(batch)
    d = spec.dummies(batch)
    return Sums(len(batch), x.T @ x, x.T @ y, x.T @ d, d.T @ y, d.sum(axis=0))


@dataclass(frozen=True)
class Coefficients:
    """The controls-only fit (``a``), each dummy's projection on the controls (``g``), its
    residual sum of squares (``ss``) and coefficient (``beta``), and the model's size."""

    a: Array
    g: Array
    ss: Array
    beta: Array
    n: int
    rank: int
    n_with: Array


def _pinv(xtx: Array) -> tuple[Array, int]:
    """Pseudo-inverse and rank of a Gram matrix, scaled to a unit diagonal first."""
    diag = np.sqrt(np.clip(np.diag(xtx), 1e-300, None))
    scaled = xtx / np.outer(diag, diag)
    values, vectors = np.linalg.eigh(scaled)
    keep = values > _EIG_TOL * max(float(values.max()), 1.0)
    inner = (vectors[:, keep] / values[keep]) @ vectors[:, keep].T
    return inner / np.outer(diag, diag), int(keep.sum())


def solve(sums: Sums) -> Coefficients:
    p, rank = _pinv(sums.xtx)
    a = p @ sums.xty
    g = p @ sums.xtd
    ss = sums.dtd - (sums.xtd * g).sum(axis=0)
    safe = np.where(ss > 0, ss, 1.0)
    beta = np.where(ss > 0, (sums.dty - sums.xtd.T @ a) / safe, 0.0)
    return Coefficients(a, g, ss, beta, sums.n, rank, sums.dtd)


# --- pass 3: the robust variance -------------------------------------------------------


@dataclass
class HCSums:
    """``sum(r_i^2 e_i^2)`` per dummy (see the module doc)."""

    r2e2: Array

    def __add__(self, other: HCSums) -> HCSums:
        return HCSums(self.r2e2 + other.r2e2)


def hc_batch(spec: Spec, coefs: Coefficients, batch: pd.DataFrame) -> HCSums:
    y, x = spec.design(batch)
    r = spec.dummies(batch) - x @ coefs.g
    e = (y - x @ coefs.a)[:, None] - r * coefs.beta
    return HCSums(((r * e) ** 2).sum(axis=0))


def fit_sums(coefs: Coefficients, hc: HCSums) -> list[SkillFit | None]:
    """One fit per dummy; None where it is (almost) a function of the controls."""
    n, dof = coefs.n, coefs.n - coefs.rank - 1
    fits: list[SkillFit | None] = []
    for j, n_with in enumerate(coefs.n_with):
        ss = float(coefs.ss[j])
        if dof <= 0 or ss <= 1e-9 * max(float(n_with), 1.0):
            fits.append(None)
            continue
        var = float(hc.r2e2[j]) / ss**2 * n / dof
        fits.append(SkillFit(float(coefs.beta[j]), math.sqrt(var), int(n_with), int(n - n_with)))
    return fits


def fit_frame(
    rows: pd.DataFrame, *, pooled_roles: bool, skills: Sequence[str] | None = None
) -> tuple[Spec, list[SkillFit | None]]:
    """All three passes over a sample held in memory (one batch): the spec and one fit
    per skill in ``skills`` (``skills`` lists per row in a ``skills`` column), or for the
    AI-use answer when ``skills`` is None."""
    if "skills" in rows:
        rows = rows.assign(skills=rows["skills"].map(lambda named: sorted(set(named))))
    spec = Spec.of(profile_batch(rows), pooled_roles=pooled_roles, skills=skills)
    coefs = solve(sums_batch(spec, rows))
    return spec, fit_sums(coefs, hc_batch(spec, coefs, rows))
