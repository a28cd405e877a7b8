"""Build the trend tables shipped in the package.

Run: PYTHONPATH=src .venv/bin/python scripts/build_trends.py

* data/oflc/soc_by_fy.csv: median offered annual wage and filings by SOC x program (lca,
  perm) x fiscal year, FY2015-FY2026 (FY2026 partial), for the SOC codes of the role catalog,
  from ../shared/data/dol-oflc/agg_soc_by_fy.parquet (U.S. Department of Labor, OFLC
  disclosure data; aggregated upstream, medians include filings not certified).
* data/trends/posted_wage_growth.csv: Indeed Hiring Lab advertised-wage growth, year over
  year, by country and month (CC BY 4.0), months rewritten as YYYY-MM.
* data/trends/ai_share.csv: Indeed Hiring Lab share of postings mentioning AI/GenAI, the
  monthly mean of the daily series, by country (CC BY 4.0).

Refresh: replace the files in ../shared/data (newer upstream snapshots) and rerun.
"""

from __future__ import annotations

import sys
from pathlib import Path

import duckdb

from paypath.catalog import load_roles

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
DATA = ROOT / "src" / "paypath" / "data"


def main() -> int:
    socs = sorted({soc for role in load_roles() for soc in role.soc_codes})
    con = duckdb.connect()
    con.execute(
        f"""COPY (
          SELECT k AS soc, label, program, fy AS fiscal_year, n, median_wage AS median
          FROM read_parquet('{SHARED / "dol-oflc" / "agg_soc_by_fy.parquet"}')
          WHERE k IN ({", ".join("?" for _ in socs)}) AND program IN ('lca', 'perm')
            AND fy BETWEEN 2015 AND 2026 AND median_wage IS NOT NULL
          ORDER BY soc, program, fiscal_year
        ) TO '{DATA / "oflc" / "soc_by_fy.csv"}' (HEADER)""".replace("?", "'{}'").format(*socs)
    )
    agg = SHARED / "dol-oflc" / "agg_soc_by_fy.parquet"
    (read,) = con.execute(f"SELECT count(*) FROM read_parquet('{agg}')").fetchone() or (0,)
    (kept,) = con.execute(
        f"SELECT count(*) FROM read_csv('{DATA / 'oflc' / 'soc_by_fy.csv'}')"
    ).fetchone() or (0,)
    print(f"agg_soc_by_fy.parquet: read {read}, kept {kept} (catalog SOCs, lca/perm, "
          f"FY2015-FY2026, with a median), left out {read - kept}")  # fmt: skip
    wages = SHARED / "indeed-hiring-lab" / "posted-wage-growth-by-country.csv"
    con.execute(
        f"""COPY (
          SELECT jobcountry AS country_code, country,
                 strftime(strptime(month, '%b-%y'), '%Y-%m') AS month, n_obs,
                 round(posted_wage_growth_yoy, 6) AS yoy
          FROM read_csv('{wages}', nullstr='NA') ORDER BY country_code, month
        ) TO '{DATA / "trends" / "posted_wage_growth.csv"}' (HEADER)"""
    )
    ai = SHARED / "indeed-hiring-lab" / "AI_posting_share.csv"
    con.execute(
        f"""COPY (
          SELECT jobcountry AS country_code, strftime(date, '%Y-%m') AS month,
                 round(avg(AI_share_postings), 3) AS ai_share_pct
          FROM read_csv('{ai}', nullstr='NA') GROUP BY ALL ORDER BY country_code, month
        ) TO '{DATA / "trends" / "ai_share.csv"}' (HEADER)"""
    )
    for name in ("oflc/soc_by_fy.csv", "trends/posted_wage_growth.csv", "trends/ai_share.csv"):
        print(name, (DATA / name).stat().st_size, "bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
