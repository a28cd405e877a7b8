"""Cold `paypath advise --skills python,sql --json` (a new process each run), issue #20.

Runs the CLI as a user would: once with an empty premium cache (fits and writes it), then
``--repeat`` times with the cache on disk. Prints best-of-N wall and CPU seconds (CPU
seconds are what other jobs on a shared machine cannot inflate). Pass
``--paypath`` (the console script) and ``--pythonpath`` to time another checkout (main).

    PYTHONPATH=src python bench/advise_cold_cli.py [--repeat 5]
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ARGS = ["advise", "--skills", "python,sql", "--json"]


def _run(paypath: str, env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU seconds (user + system) of one fresh process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([paypath, *ARGS], env=env, check=True, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime


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
        first, first_cpu = _run(args.paypath, env)
        runs = [_run(args.paypath, env) for _ in range(args.repeat)]
    warm = [w for w, _ in runs]
    print(
        f"{args.pythonpath}: empty cache {first:.2f} s ({first_cpu:.2f} CPU s); cache on disk "
        f"best-of-{args.repeat} {min(warm):.2f} s, {min(c for _, c in runs):.2f} CPU s "
        f"(all: {', '.join(f'{w:.2f}' for w in warm)})"
    )


if __name__ == "__main__":
    main()
