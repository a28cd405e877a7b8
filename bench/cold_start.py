"""CLI cold start: wall time and peak memory of fresh ``paypath`` processes.

Run: ``.venv/bin/python bench/cold_start.py [--before SRC] [--repeats N]``
(writes bench/out/cold_start.json).

Each command runs in a new interpreter (the ``paypath`` entry point's code, nothing
warm), best of ``--repeats`` in wall time and in CPU seconds (which other jobs on a shared
machine cannot inflate) (default 5; the machine may be shared, so the best run is
the one least disturbed). Peak memory is the command's maximum resident set
(``ru_maxrss`` of a helper process's only child).
``--before SRC`` times another source tree too (e.g. the main checkout's ``src``), in
the same run, so before and after come from one machine state. Targets (issue #20):
``--help`` under 0.3 s, a cold ``advise --skills python,sql --json`` under 1.5 s.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

SRC = Path(__file__).resolve().parents[1] / "src"
OUT = Path(__file__).resolve().parent / "out" / "cold_start.json"
COMMANDS = {
    "--help": ["--help"],
    "roles list --json": ["roles", "list", "--json"],
    "advise --skills python,sql --json": ["advise", "--skills", "python,sql", "--json"],
    "market sources --json": ["market", "sources", "--json"],
}
_MAIN = "from paypath.cli import main; main()"  # what the `paypath` entry point runs
TARGETS = {"--help": 0.3, "advise --skills python,sql --json": 1.5}


def _run(src: Path, args: list[str]) -> tuple[float, float]:
    """Wall seconds and CPU seconds (user + system) of one fresh process."""
    env = {**os.environ, "PYTHONPATH": str(src)}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", _MAIN, *args], env=env, capture_output=True, check=False
    )
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"{args} failed under {src}: {done.stderr.decode()[-500:]}")
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return wall, cpu


def _measure(src: Path, repeats: int) -> dict[str, dict[str, float]]:
    out: dict[str, dict[str, float]] = {}
    for name, args in COMMANDS.items():
        runs = [_run(src, args) for _ in range(repeats)]
        walls = sorted(w for w, _ in runs)
        out[name] = {
            "best_s": round(walls[0], 3),
            "median_s": round(walls[len(walls) // 2], 3),
            "best_cpu_s": round(min(c for _, c in runs), 3),
        }
        print(
            f"{src}: {name:40} best {out[name]['best_s']:.3f} s, "
            f"median {out[name]['median_s']:.3f} s, best CPU {out[name]['best_cpu_s']:.3f} s",
            flush=True,
        )
    return out


def _peak_mb(src: Path, args: list[str]) -> float:
    """Peak RSS of one run, measured in a fresh helper process so earlier runs do not count."""
    code = (
        "import resource,subprocess,sys;"
        f"subprocess.run([sys.executable,'-c',{_MAIN!r},*{args!r}],capture_output=True);"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    env = {**os.environ, "PYTHONPATH": str(src)}
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    return round(int(done.stdout.strip()) / 1024, 1)


def main() -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", type=Path, help="another src tree to time in the same run")
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    trees = {"after": SRC} if args.before is None else {"before": args.before, "after": SRC}
    result: dict[str, Any] = {"repeats": args.repeats, "targets_s": TARGETS}
    for label, src in trees.items():
        timings = _measure(src, args.repeats)
        for name, cmd in COMMANDS.items():
            timings[name]["peak_rss_mb"] = _peak_mb(src, cmd)
        result[label] = {"src": str(src), "commands": timings}
    OUT.parent.mkdir(exist_ok=True)
    OUT.write_text(json.dumps(result, indent=2))
    print(json.dumps(result, indent=2))
    return result


if __name__ == "__main__":
    main()
