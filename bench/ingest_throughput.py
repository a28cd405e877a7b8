"""Ingest throughput and peak memory: N generated JobSpy postings into a fresh store.

Generates N postings with bench/gen_postings.py (in a child process, so its memory does
not count), then ingests them with `paypath market ingest` in another child process and
reports rows/s and peak memory: the largest single process's peak RSS (getrusage
ru_maxrss) and the peak of the whole process tree (the CLI and its worker processes),
sampled every 0.5 s as the sum of each process's PSS (proportional set size, so pages
the processes share are counted once) from /proc; and the CPU time (user + sys) of the
whole process tree per row, which a busy machine disturbs less than wall time.

``--workers 1,2`` ingests the same file once per worker count, ``--repeat N`` times
each (best of N: the fastest run, with its memory), and reports the speed-up of each
count over the first, from the same run. The load average is printed with the results:
the figures are only as good as the machine was quiet.
Targets (issue #19): 1M postings in under 3.5 minutes on 2 cores, peak memory under
1 GB, and 2 workers at least 1.7x as fast as 1.

    .venv/bin/python bench/ingest_throughput.py [--n 100000] [--workers 1,2] [--repeat 2]
        [--dir /tmp/ispeed]

``--dir`` keeps (and reuses) the generated ``postings_N.csv`` there; each run's store is
in a private folder inside it, so runs sharing the folder never see each other's rows.
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
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"
TARGET_ROWS_PER_S = 1_000_000 / 210
TARGET_RSS_MB = 1024
TARGET_SPEEDUP = 1.7


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
    # a store of this run's own: a fixed name in a shared --dir let another run's ingest
    # land in it mid-run, and its rows then counted here as duplicates
    with tempfile.TemporaryDirectory(prefix="ingest-bench-", dir=workdir) as private:
        return _run(n, postings, Path(private) / "bench.duckdb", workers)


def _run(n: int, postings: Path, db: Path, workers: int | None) -> dict[str, float | int | str]:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    before, cpu_before = usage.ru_maxrss, usage.ru_utime + usage.ru_stime
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
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    peak_kb, cpu = usage.ru_maxrss, usage.ru_utime + usage.ru_stime - cpu_before
    try:
        counts = json.loads(stdout)
    except json.JSONDecodeError as exc:
        raise RuntimeError(f"ingest printed more than its JSON: {stdout[-2000:]!r}") from exc
    return {
        "n": n,
        "workers": workers or "auto",
        "seconds": round(seconds, 1),
        "rows_per_s": round(n / seconds),
        "cpu_ms_per_row": round(cpu * 1000 / n, 3),
        "peak_rss_mb": round(max(peak_kb, before) / 1024),
        "peak_tree_pss_mb": round(tree_kb / 1024),
        "stored": counts["stored"],
        "duplicates": counts["duplicates"],
        "quarantined": counts["quarantined"],
        "file_mb": round(postings.stat().st_size / 1e6, 1),
        "db_mb": round(db.stat().st_size / 1e6, 1),
    }


def _best(n: int, workdir: Path, workers: int | None, repeat: int) -> dict[str, Any]:
    """The fastest of ``repeat`` runs, with the largest peak memory seen in any of them."""
    runs = [run(n, workdir, workers) for _ in range(max(1, repeat))]
    best: dict[str, Any] = dict(min(runs, key=lambda r: float(r["seconds"])))
    for key in ("peak_rss_mb", "peak_tree_pss_mb"):
        best[key] = max(int(r[key]) for r in runs)
    best["runs_s"] = " ".join(str(r["seconds"]) for r in runs)
    return best


def _targets(result: dict[str, Any], base: dict[str, Any]) -> None:
    result["speedup_vs_first"] = round(float(base["seconds"]) / float(result["seconds"]), 2)
    result["target_1m_in_3_5min"] = "ok" if result["rows_per_s"] >= TARGET_ROWS_PER_S else "miss"
    peak = max(int(result["peak_rss_mb"]), int(result["peak_tree_pss_mb"]))
    result["target_peak_1gb"] = "ok" if peak < TARGET_RSS_MB else "miss"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument(
        "--workers", default="1,2", help="worker counts to compare, e.g. 1,2 (default)"
    )
    parser.add_argument("--repeat", type=int, default=1, help="runs per count; best is kept")
    parser.add_argument("--dir", type=Path, default=None, help="keep generated files here")
    args, _ = parser.parse_known_args()
    counts = [int(w) for w in str(args.workers).split(",") if w.strip()]
    results: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory() as tmp:
        for workers in counts:
            results.append(_best(args.n, args.dir or Path(tmp), workers, args.repeat))
            _targets(results[-1], results[0])
    load = Path("/proc/loadavg").read_text().split()[:3] if Path("/proc/loadavg").exists() else []
    for result in results:
        if len(results) > 1 and result["workers"] == 2:
            ok = result["speedup_vs_first"] >= TARGET_SPEEDUP
            result["target_2_workers_1_7x"] = "ok" if ok else "miss"
        result["load_average"] = " ".join(load) or "unknown"
        width = max(len(k) for k in result)
        print()
        for key, value in result.items():
            print(f"{key:<{width}}  {value}")
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "ingest_throughput.json").write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
