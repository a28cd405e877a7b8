"""An order-free fingerprint of what an ingest stored: one sha256 per table over its sorted
rows, without ingest ids and timestamps. Two ingests of the same file must print the same
fingerprint whatever the worker count, batch size or code speed-up.

    PYTHONPATH=src .venv/bin/python bench/ingest_fingerprint.py FILE [--workers 1] [--source jobspy]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import tempfile
from pathlib import Path

import duckdb

from paypath.market.ingest import ingest_path

# table -> the columns that identify a stored row (ingest ids and timestamps left out)
_SKIP = {"ingest_id", "id_ingest", "started_at", "finished_at"}


def fingerprint(db: Path) -> dict[str, str | int]:
    """Per table: the row count and a sha256 over its rows, sorted, as JSON."""
    out: dict[str, str | int] = {}
    with duckdb.connect(str(db), read_only=True) as con:
        for table in ("postings", "posting_skills", "quarantine", "pay_facts", "ingests"):
            columns = [
                str(r[0])
                for r in con.execute(
                    "SELECT column_name FROM duckdb_columns() WHERE table_name = ? "
                    "ORDER BY column_index",
                    [table],
                ).fetchall()
                if str(r[0]) not in _SKIP and not (table == "ingests" and r[0] == "id")
            ]
            rows = con.execute(f"SELECT {', '.join(columns)} FROM {table}").fetchall()
            digest = hashlib.sha256()
            for line in sorted(json.dumps(r, default=str) for r in rows):
                digest.update(line.encode() + b"\n")
            out[table] = len(rows)
            out[f"{table}_sha256"] = digest.hexdigest()[:16]
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", type=Path)
    parser.add_argument("--source", default="jobspy")
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "fp.duckdb"
        result = ingest_path(db, args.file, args.source, workers=args.workers)
        counts = {"stored": result.stored, "duplicates": result.duplicates}
        counts["quarantined"] = result.quarantined
        print(json.dumps({**counts, **fingerprint(db)}, indent=1))


if __name__ == "__main__":
    main()
