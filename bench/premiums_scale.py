"""Skill premiums as the corpus grows: time and peak memory of one uncached fit.

Premiums read every paid row with its skills. Since issue #19 the engines hand the fit
the sample in batches and the fit adds up per-batch sums (``premium_model``), so memory
should stay flat as rows grow; before, the whole sample and its skills came to one
process as pandas frames. This script measures that, in a fresh process per corpus (peak
RSS is the process's ``ru_maxrss``):

- ``--rows N [N ...]``: the synthetic corpus of ``bench/analytics_latency.py`` (18 roles,
  20 countries, ~8 of 40 skills a posting, log-normal pay with role/country/experience/
  skill effects; seeded), written to a store file under ``$TMPDIR/paypath-premiums``
  once per N;
- ``--store FILE`` / ``--dataset DIR``: an existing store or Parquet dataset.

``--engine spark`` fits with Spark (``local[2]``) over the same store. Prints one JSON
line per corpus: rows, seconds, peak RSS (MB), premiums found, and a digest of the
premiums (rounded to 6 significant digits) to compare code versions on the same input.
Run the same command with ``PYTHONPATH`` pointing at another checkout's ``src`` for a
before/after from the same run.

    .venv/bin/python bench/premiums_scale.py --rows 1000000 3000000
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
WORK = Path(tempfile.gettempdir()) / "paypath-premiums"


def corpus(rows: int) -> Path:
    """The synthetic store of ``rows`` postings (made once)."""
    import duckdb

    sys.path.insert(0, str(ROOT / "bench"))
    from analytics_latency import generate, store_file

    WORK.mkdir(parents=True, exist_ok=True)
    path = WORK / f"store-{rows}.duckdb"
    if not path.exists():
        gen = duckdb.connect()
        generate(gen, rows)
        store_file(gen, path)
        gen.close()
    return path


def fit(path: str, dataset: bool, engine: str) -> dict[str, Any]:
    """In this process: one uncached skill_premiums call on ``path``."""
    os.environ["PAYPATH_CACHE_DIR"] = tempfile.mkdtemp(prefix="paypath-premiums-cache-")
    from paypath.market.analytics import open_analytics_store, skill_premiums

    eng: Any = engine
    if engine == "spark":
        from paypath.market.engines.spark_engine import SparkEngine

        eng = SparkEngine(master="local[2]")
    with open_analytics_store(None if dataset else path, dataset=path if dataset else None) as s:
        (rows,) = s.con.execute("SELECT count(*) FROM postings").fetchone() or (0,)
        started = time.perf_counter()
        premiums = skill_premiums(s, min_n=30, engine=eng)
        seconds = time.perf_counter() - started
    digest = hashlib.sha256(
        json.dumps([(p.skill, f"{p.premium:.6g}", f"{p.se:.6g}", p.n) for p in premiums]).encode()
    ).hexdigest()[:12]
    return {
        "rows": int(rows),
        "engine": engine,
        "seconds": round(seconds, 2),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "premiums": len(premiums),
        "digest": digest,
        "load_average": [round(x, 1) for x in os.getloadavg()],
    }


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--rows", type=int, nargs="*", default=[])
    parser.add_argument("--store")
    parser.add_argument("--dataset")
    parser.add_argument("--engine", default="duckdb", choices=("duckdb", "spark"))
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        path = args.dataset or args.store
        print(json.dumps(fit(path, args.dataset is not None, args.engine)), flush=True)
        return
    targets = [("--store", str(corpus(n))) for n in args.rows]
    targets += [("--store", args.store)] if args.store else []
    targets += [("--dataset", args.dataset)] if args.dataset else []
    for flag, path in targets:  # a fresh process each: its peak RSS is this fit's
        cmd = [sys.executable, __file__, "--child", flag, path, "--engine", args.engine]
        subprocess.run(cmd, check=True, env=os.environ.copy())


if __name__ == "__main__":
    main(sys.argv[1:])
