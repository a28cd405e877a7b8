"""The shipped DOL OFLC files through `paypath market ingest`: counts and time.

Ingests, into one fresh temporary store, both PERM row-level files (``--source dol-perm``)
and the three aggregate files (``--source dol-oflc-agg``), then the first aggregate file
again (a re-ingest stores nothing). Prints read / stored / duplicates / quarantined (with
the reasons) and seconds per file, checks read = stored + duplicates + quarantined, and
writes bench/out/oflc_ingest.json.

    .venv/bin/python bench/oflc_ingest.py
"""

from __future__ import annotations

import json
import tempfile
import time
from pathlib import Path
from typing import Any

from paypath.market.ingest import ingest_path

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "dol-oflc"
OUT = Path(__file__).resolve().parent / "out" / "oflc_ingest.json"
FILES = [
    ("perm_fy2023.parquet", "dol-perm"),
    ("perm_fy2026.parquet", "dol-perm"),
    ("agg_soc_by_fy.parquet", "dol-oflc-agg"),
    ("agg_locations_top.parquet", "dol-oflc-agg"),
    ("agg_program_stats.parquet", "dol-oflc-agg"),
    ("agg_soc_by_fy.parquet", "dol-oflc-agg"),  # again: nothing new
]


def main() -> None:
    results: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "oflc.duckdb"
        for name, kind in FILES:
            started = time.perf_counter()
            r = ingest_path(db, DATA / name, kind)
            seconds = time.perf_counter() - started
            assert r.read == r.stored + r.duplicates + r.quarantined, name
            results.append(
                {"file": name, "source": kind, "read": r.read, "stored": r.stored,
                 "duplicates": r.duplicates, "quarantined": r.quarantined,
                 "reasons": r.reasons, "seconds": round(seconds, 2)}
            )  # fmt: skip
            print(
                f"{name:28} {kind:13} read {r.read:>7,}  stored {r.stored:>7,}  "
                f"duplicates {r.duplicates:>6,}  quarantined {r.quarantined:>6,}  "
                f"{seconds:6.1f} s"
            )
            for reason, n in sorted(r.reasons.items(), key=lambda kv: -kv[1])[:6]:
                print(f"{'':44}quarantined: {reason}: {n:,}")
    OUT.parent.mkdir(exist_ok=True)
    OUT.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"written {OUT}")


if __name__ == "__main__":
    main()
