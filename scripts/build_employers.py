"""Build src/paypath/data/oflc/employers.csv: offered base wage by employer x role x area x year.

Run: PYTHONPATH=src .venv/bin/python scripts/build_employers.py

Input: the shipped PERM files in ../shared/data/dol-oflc (perm_fy2023.parquet,
perm_fy2026.parquet), read by paypath.perm_filings.read_perm_filings: the filters (certified
cases, a wage, a state, a wage level), the role per filing (SOC code + job title) and the
employer grouping (paypath.employer_names) that the pay model's employer offsets
(scripts/build_pay_model.py, data/pay/employers.csv) are fitted on too. The filings it leaves
out are counted by reason and printed. Wage = the bottom of the offered range, annualised.

Also src/paypath/data/oflc/role_area_by_fy.csv: the same filings by role x area x fiscal year
(2023, 2026), no employer, the same suppression (area trends).

Cells: employer x role x area x fiscal year, with area = the worksite state (USPS code), the
BLS metro area when "City, ST" resolves to one (paypath.areas), or "US" (all states), and
fiscal year = 2023, 2026 or "all" (both files pooled). Quantiles are DuckDB's quantile_cont
(linear interpolation). Cells with fewer than MIN_N filings are dropped (paypath's min_n).
"""

from __future__ import annotations

import csv
import sys
from functools import cache
from pathlib import Path

import duckdb
import pandas as pd

from paypath.areas import resolve_area
from paypath.errors import UnknownArea
from paypath.perm_filings import read_perm_filings

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "dol-oflc"
FILES = {2023: DATA / "perm_fy2023.parquet", 2026: DATA / "perm_fy2026.parquet"}
OUT = ROOT / "src" / "paypath" / "data" / "oflc" / "employers.csv"
MIN_N = 10  # paypath's default min_n (config.py): smaller cells are suppressed


@cache
def metro(city: str, state: str) -> str | None:
    if not city or not state:
        return None
    try:
        area = resolve_area(f"{city}, {state}")
    except UnknownArea:
        return None
    return area.name if area.type == "metro" else None


def rows() -> pd.DataFrame:
    filings = read_perm_filings(list(FILES.values()))
    for reason, n in filings.rejected.items():
        print(f"left out: {n:>7,} filings: {reason}")
    df = filings.rows
    pairs = {p: metro(*p) for p in set(zip(df["city"], df["state"], strict=True))}
    return pd.DataFrame(
        {
            "employer": df["employer"],
            "role": df["role"],
            "state": df["state"],
            "metro": [pairs[p] for p in zip(df["city"], df["state"], strict=True)],
            "fy": df["fy"].astype(int),
            "wage": df["wage"],
        }
    )


QUERY = """
WITH cells AS (
  SELECT employer, role, state AS area, 'state' AS area_type, CAST(fy AS VARCHAR) AS fy, wage
  FROM filings
  UNION ALL SELECT employer, role, metro, 'metro', CAST(fy AS VARCHAR), wage
  FROM filings WHERE metro IS NOT NULL
  UNION ALL SELECT employer, role, 'US', 'national', CAST(fy AS VARCHAR), wage FROM filings
)
SELECT employer, role, area, area_type, fy AS fiscal_year, count(*) AS n,
       round(quantile_cont(wage, 0.25)) AS p25, round(quantile_cont(wage, 0.5)) AS median,
       round(quantile_cont(wage, 0.75)) AS p75
FROM (SELECT * FROM cells UNION ALL SELECT employer, role, area, area_type, 'all', wage FROM cells)
GROUP BY ALL HAVING count(*) >= ?
ORDER BY role, area, fiscal_year, median DESC, employer
"""

# the same cells without the employer: a role's offered wage by area and fiscal year (the
# area trends of `paypath trends ROLE --area`; PERM row-level files exist for 2023 and 2026)
AREA_QUERY = """
WITH cells AS (
  SELECT role, state AS area, 'state' AS area_type, fy, wage FROM filings
  UNION ALL SELECT role, metro, 'metro', fy, wage FROM filings WHERE metro IS NOT NULL
  UNION ALL SELECT role, 'US', 'national', fy, wage FROM filings
)
SELECT role, area, area_type, fy AS fiscal_year, count(*) AS n,
       round(quantile_cont(wage, 0.25)) AS p25, round(quantile_cont(wage, 0.5)) AS median,
       round(quantile_cont(wage, 0.75)) AS p75
FROM cells GROUP BY ALL HAVING count(*) >= ? ORDER BY role, area, fiscal_year
"""
AREA_OUT = OUT.with_name("role_area_by_fy.csv")


def main() -> int:
    filings = rows()
    con = duckdb.connect()
    con.register("filings", filings)
    table = con.execute(QUERY, [MIN_N]).fetchall()
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with OUT.open("w", newline="", encoding="utf-8") as fh:
        fh.write(
            "# source: U.S. Department of Labor, OFLC disclosure data: PERM FY2023, FY2026 H1\n"
        )
        fh.write(f"# built by scripts/build_employers.py; cells with n < {MIN_N} suppressed\n")
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(["employer", "role", "area", "area_type", "fiscal_year", "n", "p25",
                         "median", "p75"])  # fmt: skip
        for employer, role, area, kind, fy, n, p25, median, p75 in table:
            writer.writerow([employer, role, area, kind, fy, n, int(p25), int(median), int(p75)])
    print(f"{len(filings)} filings -> {len(table)} cells -> {OUT} ({OUT.stat().st_size} bytes)")
    areas = con.execute(AREA_QUERY, [MIN_N]).fetchall()
    with AREA_OUT.open("w", newline="", encoding="utf-8") as fh:
        fh.write(
            "# source: U.S. Department of Labor, OFLC disclosure data: PERM FY2023, FY2026 H1\n"
        )
        fh.write(f"# built by scripts/build_employers.py; cells with n < {MIN_N} suppressed\n")
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(["role", "area", "area_type", "fiscal_year", "n", "p25", "median", "p75"])
        for role, area, kind, fy, n, p25, median, p75 in areas:
            writer.writerow([role, area, kind, fy, n, int(p25), int(median), int(p75)])
    print(f"-> {len(areas)} role x area cells -> {AREA_OUT} ({AREA_OUT.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
