"""Spark at scale: ingest N generated JobSpy postings into a Parquet dataset with the
Spark job on local[2], then query the dataset with both engines.

For each N it reports ingest rows/s, the peak memory of the executor (under local[*] the
executor is the driver JVM; its Python workers are separate processes: the JVM's peak
RSS, the largest single worker's peak RSS, and the peak of the JVM plus all its workers,
sampled every 0.5 s from /proc), and the time of three queries (stats by role, demand of
the top role, premiums) on DuckDB and on Spark over the same files (Spark twice: given the
folder, and given its ``file://`` URI, read as an ``hdfs://`` one would be; the folder's
run comes first and pays the session's warm-up, so compare the two from repeated runs).

With --parity (the default under ``make bench``: 100k rows) it also ingests the same file
with the local engine and checks that both datasets hold the same rows (count and an
order-free hash of every column but ingest_id, per table) and that the analytics agree
across the two datasets and the two engines.

    .venv/bin/python bench/spark_scale.py --rows 100000 1000000 [--parity] [--master local[2]]

Input files are generated once into $TMPDIR/paypath-bench/ (about 4 KB a posting).
``--input PATH`` ingests existing files instead (a file, folder or glob, e.g. the 10M
corpus as gzip parts from ``bench/gen_postings.py 10000000 /tmp/spark10m --parts 10``);
rows/s then counts the rows read. A Spark query that fails (premiums collect every paid
row to the driver: past about 1M postings give it memory with
``PYSPARK_SUBMIT_ARGS="--driver-memory 8g pyspark-shell"``) is reported, not fatal.
Each report also gives the CPU seconds of the JVM and of its Python workers during the
ingest, and the load average when it ended (the machine is shared: CPU seconds compare
across runs better than wall time).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"
WORK = Path(tempfile.gettempdir()) / "paypath-bench"
TABLE_HASH = {
    "postings": "SELECT * EXCLUDE (ingest_id) FROM postings",
    "posting_skills": "SELECT posting_id, skill_id, mentions, asked FROM posting_skills",
    "quarantine": "SELECT source, source_file, row_number, reason, raw FROM quarantine",
}


def _rss_kb(pid: int) -> int:
    try:
        return int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * 4
    except OSError:
        return 0


def _descendants(pid: int) -> list[int]:
    found, queue = [], [pid]
    while queue:
        current = queue.pop()
        children = []  # a JVM starts processes from many threads: read every thread's list
        for task in Path(f"/proc/{current}/task").glob("*"):
            try:
                children.extend((task / "children").read_text().split())
            except OSError:
                continue
        found.extend(int(c) for c in children)
        queue.extend(int(c) for c in children)
    return found


def _python(pids: list[int]) -> list[int]:
    """The Python processes among ``pids``: not a child the JVM has forked but not yet
    turned into Python (between fork and exec it shares, and reports, the JVM's memory:
    the 10M run's first report took such a child for a 4.6 GB worker)."""
    found = []
    for pid in pids:
        try:
            if Path(f"/proc/{pid}/comm").read_text().startswith("python"):
                found.append(pid)
        except OSError:
            continue
    return found


def _cpu_s(pid: int) -> float:
    """User + system CPU seconds of a live process."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class ExecutorMemory:
    """Peak RSS of the JVM, of its largest Python worker, and of both together; and
    the CPU seconds each used while it watched (a worker's last sample counts)."""

    def __init__(self, jvm: int) -> None:
        self.jvm, self.peak_jvm, self.peak_worker, self.peak_total = jvm, 0, 0, 0
        self.cpu_start: dict[int, float] = {}
        self.cpu_last: dict[int, float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            jvm = _rss_kb(self.jvm)
            pids = _python(_descendants(self.jvm))
            workers = [_rss_kb(p) for p in pids]
            for pid in [self.jvm, *pids]:
                self.cpu_last[pid] = _cpu_s(pid)
                self.cpu_start.setdefault(pid, self.cpu_last[pid])
            self.peak_jvm = max(self.peak_jvm, jvm)
            self.peak_worker = max([self.peak_worker, *workers])
            self.peak_total = max(self.peak_total, jvm + sum(workers))
            self._stop.wait(0.5)

    def __enter__(self) -> ExecutorMemory:
        for pid in [self.jvm, *_descendants(self.jvm)]:  # workers from an earlier run
            self.cpu_start[pid] = _cpu_s(pid)
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def report(self) -> dict[str, float]:
        return {
            "jvm_peak_mb": round(self.peak_jvm / 1024),
            "python_worker_peak_mb": round(self.peak_worker / 1024),
            "executor_total_peak_mb": round(self.peak_total / 1024),
            "jvm_cpu_s": round(self.cpu_last[self.jvm] - self.cpu_start[self.jvm], 1),
            "python_workers_cpu_s": round(
                sum(v - self.cpu_start[p] for p, v in self.cpu_last.items() if p != self.jvm), 1
            ),
        }


def postings(rows: int) -> Path:
    """The generated input of ``rows`` postings (made once, seeded)."""
    WORK.mkdir(parents=True, exist_ok=True)
    path = WORK / f"postings-{rows}.csv"
    if not path.exists():
        script = ROOT / "bench" / "gen_postings.py"
        subprocess.run([sys.executable, str(script), str(rows), str(path)], check=True)
    return path


def _timed(fn: Any) -> tuple[Any, float]:
    started = time.perf_counter()
    value = fn()
    return value, time.perf_counter() - started


def top_role(store: Any) -> str:
    row = store.con.execute(
        "SELECT role_id FROM postings WHERE role_id IS NOT NULL GROUP BY 1 "
        "ORDER BY count(*) DESC, 1 LIMIT 1"
    ).fetchone()
    return str(row[0]) if row else "software-engineer"


def queries(
    store: Any, engine: Any, role: str | None = None
) -> tuple[dict[str, Any], dict[str, float]]:
    """Results (without the source line) and seconds of the three queries (demand: of
    ``role``, default the store's top role)."""
    from paypath.market.analytics import pay_stats, skill_demand, skill_premiums

    role = role or top_role(store)
    drop = {"source"}
    runs = {
        "stats_by_role": lambda: [
            s.model_dump(exclude=drop) for s in pay_stats(store, by=["role_id"], engine=engine)
        ],
        "demand": lambda: [
            d.model_dump(exclude=drop) for d in skill_demand(store, role, top=30, engine=engine)
        ],
        "premiums": lambda: [
            p.model_dump(exclude=drop) for p in skill_premiums(store, min_n=30, engine=engine)
        ],
    }
    results, seconds = {}, {}
    for name, run in runs.items():
        results[name], seconds[name] = _timed(run)
        print(json.dumps({"query": name, "engine": str(getattr(engine, "name", engine)),
                          "s": round(seconds[name], 2)}), flush=True)  # fmt: skip
    return results, {k: round(v, 2) for k, v in seconds.items()}


def table_hashes(store: Any) -> dict[str, tuple[int, int]]:
    """Per table: (rows, order-free hash of every row)."""
    out = {}
    for table, select in TABLE_HASH.items():
        row = store.con.execute(
            f"SELECT count(*), coalesce(sum(hash(t)::HUGEINT), 0) FROM ({select}) t"
        ).fetchone()
        out[table] = (int(row[0]), int(row[1])) if row else (0, 0)
    return out


def _close(a: Any, b: Any) -> bool:
    if isinstance(a, float) and isinstance(b, float):
        return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_close(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_close(x, y) for x, y in zip(a, b, strict=True))
    return bool(a == b)


def run(
    rows: int | None,
    session: Any,
    parity: bool,
    given: str | None = None,
    keep: Path | None = None,
    query: bool = True,
) -> dict[str, Any]:
    """One ingest and its queries: ``rows`` generated postings, or the files ``given``;
    into ``keep`` (kept) or a scratch folder (removed)."""
    from paypath.market.engines.spark_ingest import input_files, spark_ingest

    sources = input_files([given]) if given else [postings(rows or 0)]
    out = keep or WORK / f"dataset-spark-{rows or 'input'}"
    shutil.rmtree(out, ignore_errors=True)
    jvm = session.sparkContext._gateway.proc.pid
    with ExecutorMemory(jvm) as memory:
        result, seconds = _timed(lambda: spark_ingest(session, sources, "jobspy", str(out)))
    report: dict[str, Any] = {
        "rows": result.read,
        "files": len(sources),
        "input_mb": round(sum(s.stat().st_size for s in sources) / 2**20),
        "spark_ingest_s": round(seconds, 1),
        "spark_rows_per_s": round(result.read / seconds),
        **memory.report(),
        "stored": result.stored,
        "duplicates": result.duplicates,
        "quarantined": result.quarantined,
        "load_average": [round(x, 1) for x in os.getloadavg()],
    }
    print(json.dumps(report), flush=True)  # the ingest's figures, before the queries
    report["dataset_mb"] = round(sum(f.stat().st_size for f in out.rglob("*.parquet")) / 2**20)
    if query:
        report.update(query_dataset(out, session))
    if parity and len(sources) == 1:
        report.update(_parity(out, sources[0], rows or 0, result.read))
    if keep is None:
        shutil.rmtree(out, ignore_errors=True)
    return report


def query_dataset(out: Path, session: Any, hadoop_path: bool = True) -> dict[str, Any]:
    """The three queries on the dataset ``out`` with both engines: seconds, and whether
    they agree; Spark twice: on the folder, and on its ``file://`` URI read the way of
    ``hdfs://`` and ``s3a://`` (through Hadoop's FileSystem, lookups on Spark too)."""
    from paypath.market.dataset import open_dataset
    from paypath.market.engines.spark_dataset import open_spark_dataset
    from paypath.market.engines.spark_engine import SparkEngine

    report: dict[str, Any] = {}
    engine = SparkEngine(session=session)
    with open_dataset(out) as ds:
        role = top_role(ds)
        duck, report["duckdb_query_s"] = queries(ds, "duckdb", role)
        # this process's peak so far: the DuckDB queries' (when only querying)
        report["duckdb_query_peak_mb"] = round(
            resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        )
        print(json.dumps(report), flush=True)
        try:
            with ExecutorMemory(session.sparkContext._gateway.proc.pid) as memory:
                sparked, report["spark_query_s"] = queries(ds, engine, role)
            report["spark_query_executor"] = memory.report()
            report["engines_agree"] = _close(duck, sparked)
            print(json.dumps(report), flush=True)
            if hadoop_path:
                with open_spark_dataset(out.resolve().as_uri(), session=session) as remote:
                    hadoop, report["spark_hadoop_path_query_s"] = queries(remote, engine, role)
                report["engines_agree"] = report["engines_agree"] and _close(duck, hadoop)
        except Exception as exc:  # e.g. the driver's heap at 1M+ (PYSPARK_SUBMIT_ARGS)
            report["spark_query_error"] = str(exc).strip().splitlines()[0][:300]
            report["engines_agree"] = False
    engine.close()
    print(json.dumps(report), flush=True)
    return report


def _parity(out: Path, source: Path, rows: int, read: int) -> dict[str, Any]:
    """The same file through the local engine: same rows, same figures."""
    from paypath.market.dataset import open_dataset
    from paypath.market.ingest import ingest_dataset

    local_out = WORK / f"dataset-local-{rows}"
    shutil.rmtree(local_out, ignore_errors=True)
    _, local_s = _timed(lambda: ingest_dataset(local_out, source, "jobspy"))
    report: dict[str, Any] = {
        "local_ingest_s": round(local_s, 1),
        "local_rows_per_s": round(read / local_s),
    }
    with open_dataset(local_out) as local, open_dataset(out) as ds:
        report["same_rows"] = table_hashes(local) == table_hashes(ds)
        report["same_figures"] = _close(queries(local, "duckdb")[0], queries(ds, "duckdb")[0])
    shutil.rmtree(local_out, ignore_errors=True)
    return report


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--rows", type=int, nargs="+", default=[100_000])
    parser.add_argument("--parity", action="store_true", default=argv is None)
    parser.add_argument("--master", default="local[2]")
    parser.add_argument("--input", help="ingest these files (file, folder or glob) instead")
    parser.add_argument("--out", type=Path, help="write the dataset here and keep it")
    parser.add_argument("--no-queries", action="store_true", help="ingest only")
    parser.add_argument("--queries", type=Path, help="only query this existing dataset")
    parser.add_argument(
        "--no-hadoop-path", action="store_true", help="skip the queries through the file:// URI"
    )
    args = parser.parse_args(argv if argv is not None else [])
    # premiums are cached on disk per dataset: time fits, not cache reads
    os.environ["PAYPATH_CACHE_DIR"] = tempfile.mkdtemp(prefix="paypath-bench-cache-")
    from paypath.market.engines.spark_ingest import quiet_session

    session = quiet_session(args.master)
    reports = []
    if args.queries:
        reports.append(query_dataset(args.queries, session, not args.no_hadoop_path))
    for rows in [] if args.queries else [None] if args.input else args.rows:
        report = run(rows, session, args.parity, args.input, args.out, not args.no_queries)
        print(json.dumps(report), flush=True)
        reports.append(report)
    session.stop()
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "spark_scale.json").write_text(json.dumps(reports, indent=1))
    failed = [r.get("rows", "queries") for r in reports if not all(r.get(k, True) for k in
              ("engines_agree", "same_rows", "same_figures"))]  # fmt: skip
    if failed:
        sys.exit(f"parity failed at {failed} rows: see bench/out/spark_scale.json")


if __name__ == "__main__":
    main(sys.argv[1:])
