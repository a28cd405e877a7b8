"""Build the bundled market dataset (src/paypath/data/market/*.parquet).

Ingests the Stack Overflow Developer Survey 2024 subset and the 2025 derived salary
table from ../shared/data through paypath's own ingest pipeline into a scratch DuckDB
store, then writes the `postings` and `posting_skills` tables as compressed parquet.
Free text is dropped and file paths are reduced to their names.

    .venv/bin/python scripts/build_market_dataset.py [--data ../shared/data]
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from paypath.market.ingest import ingest_file
from paypath.market.store import open_store

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "paypath" / "data" / "market"
FILES = (
    "so-survey-2024/survey_data_updated.csv.bz2",
    "so-survey-2025/survey_results_salary_prediction.csv.gz",
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp, open_store(Path(tmp) / "build.duckdb") as store:
        for name in FILES:
            result = ingest_file(store, args.data / name, "so-survey")
            print(
                f"{name}: read {result.read}, stored {result.stored}, "
                f"duplicates {result.duplicates}, quarantined {result.reasons}"
            )
        con = store.con
        con.execute(
            "UPDATE postings SET description = NULL, ingest_id = NULL, "
            "source_file = regexp_extract(source_file, '[^/]+$')"
        )
        for table, order in (("postings", "id"), ("posting_skills", "posting_id, skill_id")):
            target = OUT / f"{table}.parquet"
            con.execute(
                f"COPY (SELECT * FROM {table} ORDER BY {order}) TO '{target}' "
                "(FORMAT parquet, COMPRESSION zstd)"
            )
            print(f"wrote {target.relative_to(ROOT)} ({target.stat().st_size / 1e6:.2f} MB)")


if __name__ == "__main__":
    main()
