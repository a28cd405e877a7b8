"""Ingest throughput and peak memory: N generated JobSpy postings into a fresh store.

Generates N postings with bench/gen_postings.py (in a child process, so its memory does
not count), then ingests them with `paypath market ingest` in another child process and
reports rows/s and peak memory: the largest single process's peak RSS (getrusage
ru_maxrss) and the peak of the whole process tree (the CLI and its worker processes),
sampled every 0.5 s as the sum of each process's PSS (proportional set size, so pages
the processes share are counted once) from /proc.
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
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"
TARGET_ROWS_PER_S = 1_000_000 / 600
TARGET_RSS_MB = 2048


def _pss_kb(pid: int) -> int:
    """A process's PSS in kB (its RSS where smaps_rollup is missing; 0 once it is gone)."""
    try:
        text = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        try:
            return int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * 4
        except OSError:
            return 0
    for line in text.splitlines():
        if line.startswith("Pss:"):
            return int(line.split()[1])
    return 0


def _tree(pid: int) -> list[int]:
    pids, i = [pid], 0
    while i < len(pids):
        try:
            found = Path(f"/proc/{pids[i]}/task/{pids[i]}/children").read_text().split()
        except OSError:
            found = []
        pids.extend(int(p) for p in found)
        i += 1
    return pids


class TreeMemory:
    """Samples the summed PSS of a process and all its descendants; keeps the peak."""

    def __init__(self, pid: int, every_s: float = 0.5) -> None:
        self.pid, self.every_s, self.peak_kb = pid, every_s, 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()

    def _sample(self) -> None:
        while not self._stop.is_set():
            self.peak_kb = max(self.peak_kb, sum(_pss_kb(p) for p in _tree(self.pid)))
            self._stop.wait(self.every_s)

    def stop(self) -> int:
        self._stop.set()
        self._thread.join()
        return self.peak_kb


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
    proc = subprocess.Popen(
        [str(Path(sys.executable).parent / "paypath"), "market", "ingest", str(postings),
         "--source", "jobspy", "--db", str(db), "--json",
         *(["--workers", str(workers)] if workers else [])],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    memory = TreeMemory(proc.pid)
    stdout, stderr = proc.communicate()
    tree_kb = memory.stop()
    seconds = time.perf_counter() - started
    if proc.returncode:
        raise RuntimeError(f"ingest failed ({proc.returncode}): {stderr[-2000:]}")
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    try:
        counts = json.loads(stdout)
    except json.JSONDecodeError as exc:
        raise RuntimeError(f"ingest printed more than its JSON: {stdout[-2000:]!r}") from exc
    return {
        "n": n,
        "workers": workers or "auto",
        "seconds": round(seconds, 1),
        "rows_per_s": round(n / seconds),
        "peak_rss_mb": round(max(peak_kb, before) / 1024),
        "peak_tree_pss_mb": round(tree_kb / 1024),
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
    peak = max(int(result["peak_rss_mb"]), int(result["peak_tree_pss_mb"]))
    result["target_peak_2gb"] = "ok" if peak < TARGET_RSS_MB else "miss"
    width = max(len(k) for k in result)
    for key, value in result.items():
        print(f"{key:<{width}}  {value}")
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "ingest_throughput.json").write_text(json.dumps(result, indent=2) + "\n")


if __name__ == "__main__":
    main()
