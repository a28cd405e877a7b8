"""Cold `paypath advise --skills python,sql --json` (a new process each run), issue #20.

Runs the CLI as a user would: once with an empty premium cache (fits and writes it), then
``--repeat`` times with the cache on disk. Prints best-of-N wall seconds. Pass
``--paypath`` (the console script) and ``--pythonpath`` to time another checkout (main).

    PYTHONPATH=src python bench/advise_cold_cli.py [--repeat 5]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ARGS = ["advise", "--skills", "python,sql", "--json"]


def _run(paypath: str, env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run([paypath, *ARGS], env=env, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5, help="runs with the cache on disk")
    parser.add_argument(
        "--paypath", default=str(Path(sys.executable).parent / "paypath"), help="CLI to run"
    )
    parser.add_argument("--pythonpath", default=str(ROOT / "src"), help="the checkout's src")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as cache:
        env = {**os.environ, "PYTHONPATH": args.pythonpath, "PAYPATH_CACHE_DIR": cache}
        first = _run(args.paypath, env)
        warm = [_run(args.paypath, env) for _ in range(args.repeat)]
    print(
        f"{args.pythonpath}: empty cache {first:.2f} s; cache on disk best-of-{args.repeat} "
        f"{min(warm):.2f} s (all: {', '.join(f'{w:.2f}' for w in warm)})"
    )


if __name__ == "__main__":
    main()
