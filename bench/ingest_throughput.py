"""Ingest throughput and peak memory: N generated JobSpy postings into a fresh store.

Generates N postings with bench/gen_postings.py (in a child process, so its memory does
not count), then ingests them with `paypath market ingest` in another child process and
reports rows/s and that process's peak RSS (resource.getrusage ru_maxrss).
Targets (issue #5): 1M postings in under 10 minutes on 2 cores, peak memory under 2 GB.

    .venv/bin/python bench/ingest_throughput.py [--n 100000] [--keep]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"
TARGET_ROWS_PER_S = 1_000_000 / 600
TARGET_RSS_MB = 2048


def run(n: int, workdir: Path, workers: int | None = None) -> dict[str, float | int | str]:
    postings = workdir / f"postings_{n}.csv"
    if not postings.exists():
        subprocess.run(
            [sys.executable, str(ROOT / "bench" / "gen_postings.py"), str(n), str(postings)],
            check=True,
            stdout=subprocess.DEVNULL,
        )
    db = workdir / "bench.duckdb"
    db.unlink(missing_ok=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.perf_counter()
    done = subprocess.run(
        [str(Path(sys.executable).parent / "paypath"), "market", "ingest", str(postings),
         "--source", "jobspy", "--db", str(db), "--json",
         *(["--workers", str(workers)] if workers else [])],
        check=True, capture_output=True, text=True,
    )  # fmt: skip
    seconds = time.perf_counter() - started
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    counts = json.loads(done.stdout)
    return {
        "n": n,
        "workers": workers or "auto",
        "seconds": round(seconds, 1),
        "rows_per_s": round(n / seconds),
        "peak_rss_mb": round(max(peak_kb, before) / 1024),
        "stored": counts["stored"],
        "duplicates": counts["duplicates"],
        "quarantined": counts["quarantined"],
        "file_mb": round(postings.stat().st_size / 1e6, 1),
        "db_mb": round(db.stat().st_size / 1e6, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--workers", type=int, default=None, help="default: the CLI's")
    parser.add_argument("--dir", type=Path, default=None, help="keep generated files here")
    args, _ = parser.parse_known_args()
    with tempfile.TemporaryDirectory() as tmp:
        result = run(args.n, args.dir or Path(tmp), args.workers)
    result["target_1m_in_10min"] = "ok" if result["rows_per_s"] >= TARGET_ROWS_PER_S else "miss"
    result["target_peak_2gb"] = "ok" if int(result["peak_rss_mb"]) < TARGET_RSS_MB else "miss"
    width = max(len(k) for k in result)
    for key, value in result.items():
        print(f"{key:<{width}}  {value}")
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "ingest_throughput.json").write_text(json.dumps(result, indent=2) + "\n")


if __name__ == "__main__":
    main()
