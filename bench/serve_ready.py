"""Seconds from starting `paypath serve` until it answers `GET /`, `GET /api/roles` and a
first advice, and how slow `GET /` is while the background warm-up runs.

Target (issue #20): ready in under 3 s. Warm-up of the per-role caches runs in the
background after the server starts listening, so it must not delay readiness nor hold
the GIL long enough to stall requests: ``during_warm_max_s`` is the slowest of
``PROBES`` `GET /` requests sent one after another right after the first answer.

    .venv/bin/python bench/serve_ready.py [--repeat N] [--src DIR] [--no-warm]

``--src`` runs another source tree (e.g. main's ``src``, for a before figure).
Prints best and median of N runs; writes bench/out/serve_ready.json. Also the server
process's CPU seconds until ready (from /proc), which other load cannot inflate.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out" / "serve_ready.json"
TARGET_S = 3.0
PROBES = 20


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _request(port: int, method: str, path: str, body: str | None = None) -> int | None:
    try:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        headers = {"content-type": "application/json"} if body else {}
        conn.request(method, path, body, headers)
        status = conn.getresponse().status
        conn.close()
        return status
    except OSError:
        return None


def _cpu_s(pid: int) -> float:
    """CPU seconds (user + system) a process has used so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def one_run(src: Path, warm: bool) -> dict[str, float]:
    port = _free_port()
    env = {**os.environ, "PYTHONPATH": str(src)}
    launch = "import sys; from paypath.cli import main; sys.argv[0] = 'paypath'; main()"
    cmd = [sys.executable, "-c", launch, "serve", "--port", str(port), "--no-access-log"]
    if not warm:
        cmd.append("--no-warm")
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while _request(port, "GET", "/") != 200:
            if proc.poll() is not None or time.perf_counter() - start > 120:
                raise RuntimeError("the server did not start")
            time.sleep(0.02)
        ready = time.perf_counter() - start
        ready_cpu = _cpu_s(proc.pid)
        if _request(port, "GET", "/api/roles") != 200:
            raise RuntimeError("/api/roles did not answer 200")
        roles = time.perf_counter() - start
        during: list[float] = []
        for _ in range(PROBES):
            sent = time.perf_counter()
            _request(port, "GET", "/")
            during.append(time.perf_counter() - sent)
        advice = json.dumps({"skills": ["python", "sql"]})
        status = _request(port, "POST", "/api/advise", advice)
        advised = time.perf_counter() - start
        if status != 200:
            raise RuntimeError(f"/api/advise answered {status}")
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    return {
        "ready_s": ready,
        "ready_cpu_s": ready_cpu,
        "roles_s": roles,
        "during_warm_max_s": max(during),
        "first_advice_s": advised,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--src", type=Path, default=ROOT / "src")
    parser.add_argument("--no-warm", action="store_true", help="run `serve --no-warm`")
    args = parser.parse_args()
    runs = [one_run(args.src, not args.no_warm) for _ in range(args.repeat)]
    ready = [r["ready_s"] for r in runs]
    advice = [r["first_advice_s"] for r in runs]
    roles = [r["roles_s"] for r in runs]
    cpu = [r["ready_cpu_s"] for r in runs]
    during = [r["during_warm_max_s"] for r in runs]
    verdict = "met" if min(ready) < TARGET_S else "MISSED"
    print(f"src: {args.src}  warm: {not args.no_warm}  runs: {len(runs)}")
    print(
        f"ready (GET / = 200):   best {min(ready):.2f} s, median {statistics.median(ready):.2f} s"
    )
    print(
        f"server CPU until ready:  best {min(cpu):.2f} s, median {statistics.median(cpu):.2f} s "
        "(what a loaded machine cannot inflate)"
    )
    print(
        f"GET /api/roles answered: best {min(roles):.2f} s, median {statistics.median(roles):.2f} s"
    )
    print(
        f"GET / during warm-up, slowest of {PROBES}: best run {min(during) * 1000:.0f} ms, "
        f"median {statistics.median(during) * 1000:.0f} ms"
    )
    print(
        f"first advice answered: best {min(advice):.2f} s, median {statistics.median(advice):.2f} s"
    )
    print(f"target ready < {TARGET_S:.0f} s: {verdict}")
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps({"src": str(args.src), "runs": runs}, indent=2))


if __name__ == "__main__":
    main()
