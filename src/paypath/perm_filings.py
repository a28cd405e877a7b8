"""PERM filings as both employer builders read them: one set of filters, one role per filing,
one employer per name.

``scripts/build_employers.py`` (the "who pays most" table of :mod:`paypath.employers`) and the
employer step of ``scripts/build_pay_model.py`` (the pay model's employer offsets,
:func:`paypath.pay_model.employer_offset`) both read the PERM disclosure files through
:func:`read_perm_filings`, so they cannot disagree on which filings count, what role a
filing is, or who an employer is.

A filing is kept when (else it is counted under the reason, :attr:`PermFilings.rejected`):

* its case was certified ("Certified", "Certified-Expired"; denied and withdrawn cases
  offered a wage nobody was certified to be paid);
* it names an employer (:func:`paypath.employer_names.normalize_employer` gives the display
  name, :func:`~paypath.employer_names.employer_key` the grouping key);
* its annual offered wage (the files' ``wage_annual``: the bottom of the offered range,
  annualised) is between ``MIN_WAGE`` and ``MAX_WAGE`` (outside: a unit or typing error);
* it has a worksite state (the model's residuals are taken after state, wage level and
  fiscal year; a filing without a prevailing-wage level, common in FY2026, keeps
  ``level`` None and is not left out);
* its SOC code and job title give a catalog role
  (:func:`paypath.market.sources_oflc.oflc_role`, the classification ``market ingest
  --source dol-perm`` uses: the title's role where the catalog lists the SOC for it, else
  the SOC's default role).

Columns of :attr:`PermFilings.rows`: ``fy`` (fiscal year), ``employer``, ``employer_key``,
``title``, ``soc``, ``role``, ``state`` (USPS), ``city``, ``level`` (junior..staff; None
without a wage level), ``wage`` (USD/year) and ``lw`` (its natural log).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from paypath.employer_names import employer_key, normalize_employer
from paypath.market.sources_oflc import oflc_role, seniority_from_wage_level
from paypath.titles import OTHER

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["CERTIFIED", "MAX_WAGE", "MIN_WAGE", "PermFilings", "classify_filings",
           "read_perm_filings"]  # fmt: skip

MIN_WAGE = 30_000.0
MAX_WAGE = 1_500_000.0
CERTIFIED = frozenset({"certified", "certified-expired", "certified - expired"})
#: The PERM parquet columns read (shared/data/dol-oflc layout).
COLUMNS = (
    "fiscal_year",
    "case_status",
    "employer_name",
    "job_title",
    "soc_code",
    "worksite_state",
    "worksite_city",
    "wage_annual",
    "pw_wage_level",
)


@dataclass
class PermFilings:
    """The kept filings and, per reason, how many were left out."""

    rows: pd.DataFrame
    rejected: dict[str, int] = field(default_factory=dict)


def _text(values: pd.Series) -> pd.Series:
    return values.fillna("").astype(str).str.strip()


def classify_filings(raw: pd.DataFrame) -> PermFilings:
    """Apply the filters, the role classification and the employer grouping to raw PERM rows
    (the :data:`COLUMNS`); see the module docstring."""
    import numpy as np
    import pandas as pd

    missing = [c for c in COLUMNS if c not in raw.columns]
    if missing:
        from paypath.errors import DataError

        raise DataError(f"PERM rows lack the columns {', '.join(missing)}")
    names = _text(raw["employer_name"])
    unique = names.unique()
    display = names.map({n: normalize_employer(n) for n in unique})
    key = names.map({n: employer_key(n) for n in unique})
    titles, socs = _text(raw["job_title"]), _text(raw["soc_code"]).str[:7]
    pairs = {p: oflc_role(*p) for p in set(zip(socs, titles, strict=True))}
    role = pd.Series([pairs[p] for p in zip(socs, titles, strict=True)], index=raw.index)
    levels = _text(raw["pw_wage_level"])
    level = levels.map({v: seniority_from_wage_level(v) for v in levels.unique()})
    wage = pd.to_numeric(raw["wage_annual"], errors="coerce")
    state = _text(raw["worksite_state"]).str.upper()
    checks = (
        ("case not certified", ~_text(raw["case_status"]).str.lower().isin(CERTIFIED)),
        ("no employer name", display == ""),
        (
            f"annual wage missing or outside ${MIN_WAGE:,.0f}-${MAX_WAGE:,.0f}",
            ~wage.between(MIN_WAGE, MAX_WAGE),
        ),
        ("no worksite state", state == ""),
        ("not a catalog role (SOC code and title)", role == OTHER),
    )
    keep = pd.Series(True, index=raw.index)
    rejected: dict[str, int] = {}
    for reason, bad in checks:  # each filing is counted under its first failing check
        hit = keep & bad
        if int(hit.sum()):
            rejected[reason] = int(hit.sum())
        keep &= ~bad
    rows = pd.DataFrame(
        {
            "fy": pd.to_numeric(raw["fiscal_year"], errors="coerce"),
            "employer": display,
            "employer_key": key,
            "title": titles,
            "soc": socs,
            "role": role,
            "state": state,
            "city": _text(raw["worksite_city"]).str.title(),
            "level": level,
            "wage": wage,
        }
    )[keep].reset_index(drop=True)
    rows["lw"] = np.log(rows["wage"])
    return PermFilings(rows=rows, rejected=rejected)


def read_perm_filings(paths: Sequence[Path]) -> PermFilings:
    """Read PERM parquet files (``shared/data/dol-oflc/perm_fy*.parquet``) and classify them
    (:func:`classify_filings`)."""
    import duckdb

    from paypath.errors import DataError

    for path in paths:
        if not Path(path).is_file():
            raise DataError(f"PERM file {path} not found (see shared/data/dol-oflc/SOURCE.md)")
    files = [str(p) for p in paths]
    raw = (
        duckdb.connect().execute(f"SELECT {', '.join(COLUMNS)} FROM read_parquet(?)", [files]).df()
    )
    return classify_filings(raw)
