"""Build the trend tables shipped in the package.

Run: PYTHONPATH=src .venv/bin/python scripts/build_trends.py

* data/oflc/soc_by_fy.csv: median offered annual wage and filings by SOC x program (lca,
  perm) x fiscal year, FY2015-FY2026 (FY2026 partial), for the SOC codes of the role catalog,
  from ../shared/data/dol-oflc/agg_soc_by_fy.parquet (U.S. Department of Labor, OFLC
  disclosure data; aggregated upstream, medians include filings not certified), read by
  paypath.market.oflc_aggregates.read_aggregates, the reader of `market ingest --source
  dol-oflc-agg`.
* data/trends/posted_wage_growth.csv: Indeed Hiring Lab advertised-wage growth, year over
  year, by country and month (CC BY 4.0), months rewritten as YYYY-MM.
* data/trends/ai_share.csv: Indeed Hiring Lab share of postings mentioning AI/GenAI, the
  monthly mean of the daily series, by country (CC BY 4.0).

Refresh: replace the files in ../shared/data (newer upstream snapshots) and rerun.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

import duckdb

from paypath.catalog import load_roles
from paypath.market.oflc_aggregates import AggregateFact, read_aggregates

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
DATA = ROOT / "src" / "paypath" / "data"


def main() -> int:
    socs = {soc for role in load_roles() for soc in role.soc_codes}
    agg = SHARED / "dol-oflc" / "agg_soc_by_fy.parquet"
    read = 0
    kept: list[AggregateFact] = []
    for _, _, fact in read_aggregates(agg):  # the reader `market ingest` uses
        read += 1
        if (
            isinstance(fact, AggregateFact)
            and fact.key in socs
            and fact.program in ("lca", "perm")
            and fact.fy_lo == fact.fy_hi
            and 2015 <= fact.fy_lo <= 2026
            and fact.median is not None
        ):
            kept.append(fact)
    kept.sort(key=lambda f: (f.key, f.program, f.fy_lo))
    with (DATA / "oflc" / "soc_by_fy.csv").open("w", encoding="utf-8", newline="") as fh:
        out = csv.writer(fh, lineterminator="\n")
        out.writerow(["soc", "label", "program", "fiscal_year", "n", "median"])
        seen: set[tuple[str, str, int]] = set()
        for f in kept:
            if (f.key, f.program, f.fy_lo) not in seen:  # a one-year pooled row repeats it
                seen.add((f.key, f.program, f.fy_lo))
                out.writerow([f.key, f.label, f.program, f.fy_lo, f.n, f"{f.median:g}"])
    print(f"agg_soc_by_fy.parquet: read {read}, kept {len(seen)} (catalog SOCs, lca/perm, "
          f"FY2015-FY2026, with a median), left out {read - len(seen)}")  # fmt: skip
    con = duckdb.connect()
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
