"""One skill's fitted premium and the shrinkage of a set of them, in plain Python.

Split from :mod:`paypath.market.premium_model` (numpy and pandas) so that premiums read
from the disk cache are shrunk and reported without loading either: that import was the
largest cost of a cached ``paypath advise`` (issue #20). The model's docstring documents
both.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

__all__ = ["PAY_CEIL", "PAY_FLOOR", "TRIM", "Z95", "SkillFit", "shrink"]

Z95 = 1.959963984540054
# the sample's plausible pay (USD a year) and its trim percentiles (see premium_model)
PAY_FLOOR = 1_000.0
PAY_CEIL = 5_000_000.0
TRIM = (0.01, 0.99)


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


def shrink(fits: list[SkillFit | None]) -> list[SkillFit | None]:
    """Empirical-Bayes shrinkage of one fit's coefficients toward 0 (see the model doc)."""
    real = [f for f in fits if f is not None and f.se > 0]
    if len(real) < 3:
        return fits
    mean_b2 = math.fsum(f.beta**2 for f in real) / len(real)
    mean_se2 = math.fsum(f.se**2 for f in real) / len(real)
    tau2 = max(0.0, mean_b2 - mean_se2)
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
