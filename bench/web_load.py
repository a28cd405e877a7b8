"""Load benchmark of the web app: requests/s and latency percentiles at 20 concurrent clients.

Starts `paypath serve --no-access-log` (uvicorn; it warms the per-role caches before it
accepts connections) in a subprocess on a free loopback port, then for each endpoint runs
20 concurrent keep-alive clients for a fixed time and prints a table. The clients are
coroutines in this one process speaking raw HTTP/1.1 over asyncio streams, so the load
generator costs little of the 2 cores it shares with the server: its CPU time and the
server's (from /proc) are reported per request. Loopback only; bounded in time; stops by
itself. Target: p95 < 100 ms for the home page and for "advise, cold".

`/api/advise` cycles through 17 profiles built from the catalog's roles (answers repeat, as
they do for real users, and the app caches them); "advise, cold" gives every request a
different salary, so every answer is computed afresh (the target row for the API).

    .venv/bin/python bench/web_load.py [--seconds 5] [--clients 20] [--workers 1] [--no-warm]

Writes bench/out/web_load.json.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import math
import os
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

OUT = Path(__file__).resolve().parent / "out" / "web_load.json"
LOCATIONS = ["California", "Texas", "New York", "Washington", None]


def advise_bodies(unique_from: int | None = None) -> Iterator[dict[str, Any]]:
    """Profiles built from each catalog role's skills, cycled over locations and years.

    With ``unique_from``, every body carries a different salary, so no answer repeats.
    """
    from paypath.catalog import load_roles

    profiles = [
        {
            "skills": list(role.skill_ids())[: 3 + i % 4],
            "years": 1 + (i * 3) % 12,
            "location": LOCATIONS[i % len(LOCATIONS)],
            "salary": 90000 + 5000 * (i % 9),
        }
        for i, role in enumerate(load_roles())
    ]
    for n in itertools.count():
        body = dict(profiles[n % len(profiles)])
        if unique_from is not None:
            body["salary"] = unique_from + n
        yield body


Bodies = Callable[[], Iterator[dict[str, Any]]] | None
ENDPOINTS: list[tuple[str, str, str, Bodies]] = [
    ("home page", "GET", "/", None),
    ("role page", "GET", "/roles/ml-engineer", None),
    ("/api/roles", "GET", "/api/roles", None),
    ("/api/advise", "POST", "/api/advise", advise_bodies),
    ("advise, cold", "POST", "/api/advise", lambda: advise_bodies(unique_from=100_000)),
]
TARGET_P95_MS = 100.0
TARGET_ROWS = {"home page", "advise, cold"}
START_TIMEOUT_S = 300  # the warm-up fits every role's premium model: ~15 s on an idle core


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _request_bytes(method: str, path: str, body: dict[str, Any] | None, port: int) -> bytes:
    payload = json.dumps(body).encode() if body is not None else b""
    head = [f"{method} {path} HTTP/1.1", f"Host: 127.0.0.1:{port}", "Connection: keep-alive"]
    if body is not None:
        head += ["Content-Type: application/json", f"Content-Length: {len(payload)}"]
    return ("\r\n".join(head) + "\r\n\r\n").encode() + payload


async def _read_response(reader: asyncio.StreamReader) -> int:
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    length = 0
    for line in lines[1:]:
        name, _, value = line.partition(":")
        if name.strip().lower() == "content-length":
            length = int(value)
    await reader.readexactly(length)
    return status


async def _client(
    port: int, requests: Iterator[bytes], stop: float, lat: list[float], bad: list[int]
) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        while time.perf_counter() < stop:
            request = next(requests)
            t0 = time.perf_counter()
            writer.write(request)
            status = await _read_response(reader)
            lat.append(time.perf_counter() - t0)
            if status != 200:
                bad.append(status)
    finally:
        writer.close()


async def _run(
    port: int, requests: Iterator[bytes], seconds: float, clients: int
) -> dict[str, Any]:
    latencies: list[float] = []
    errors: list[int] = []
    # Warm up connections and per-process lazies; the server warmed its caches at startup.
    warmup: list[float] = []
    await _client(port, requests, time.perf_counter() + 0.5, warmup, [])
    start = time.perf_counter()
    stop = start + seconds
    await asyncio.gather(
        *(_client(port, requests, stop, latencies, errors) for _ in range(clients))
    )
    elapsed = time.perf_counter() - start
    if not latencies:
        return {"requests": 0, "warmup_requests": len(warmup)}
    q = statistics.quantiles(latencies, n=100, method="inclusive")
    return {
        "requests": len(latencies),
        "non_200": len(errors),
        "statuses": sorted(set(errors)),
        "rps": round(len(latencies) / elapsed, 1),
        "p50_ms": round(q[49] * 1000, 1),
        "p95_ms": round(q[94] * 1000, 1),
        "p99_ms": round(q[98] * 1000, 1),
        "max_ms": round(max(latencies) * 1000, 1),
        "warmup_requests": len(warmup),
    }


def _cpu_seconds(pid: int) -> float:
    """User + system CPU of a process and its reaped children (Linux /proc; 0 elsewhere)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    ticks = sum(int(f) for f in fields[11:15])  # utime, stime, cutime, cstime
    return ticks / os.sysconf("SC_CLK_TCK")


def _server_cpu(proc: subprocess.Popen[bytes]) -> float:
    """CPU of the server process and of its worker processes (with --workers)."""
    pids = [proc.pid]
    children = Path(f"/proc/{proc.pid}/task/{proc.pid}/children")
    if children.exists():
        pids += [int(p) for p in children.read_text().split()]
    return sum(_cpu_seconds(p) for p in pids)


def _start_server(port: int, workers: int, warm: bool) -> tuple[subprocess.Popen[bytes], float]:
    cmd = [
        sys.executable,
        "-c",
        "from paypath.cli import main; main()",
        "serve",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--workers",
        str(workers),
        "--no-access-log",
        "--warm" if warm else "--no-warm",
    ]
    start = time.monotonic()
    proc = subprocess.Popen(cmd, env=os.environ.copy())
    deadline = start + START_TIMEOUT_S
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return proc, time.monotonic() - start
        except OSError:
            time.sleep(0.1)
    proc.kill()
    raise RuntimeError(f"the server did not start within {START_TIMEOUT_S} s")


def main(
    seconds: float = 5.0, clients: int = 20, workers: int = 1, warm: bool = True
) -> list[dict[str, Any]]:
    port = _free_port()
    server, startup_s = _start_server(port, workers, warm)
    results: list[dict[str, Any]] = []
    try:
        for name, method, path, bodies in ENDPOINTS:
            if bodies is None:
                requests: Iterator[bytes] = itertools.repeat(
                    _request_bytes(method, path, None, port)
                )
            else:
                requests = (_request_bytes(method, path, b, port) for b in bodies())
            server_cpu, client_cpu = _server_cpu(server), time.process_time()
            row = asyncio.run(_run(port, requests, seconds, clients))
            served = max(row["requests"] + row.pop("warmup_requests", 0), 1)
            row["server_cpu_ms"] = round((_server_cpu(server) - server_cpu) / served * 1000, 2)
            row["client_cpu_ms"] = round((time.process_time() - client_cpu) / served * 1000, 2)
            results.append({"endpoint": name, "method": method, "path": path, **row})
    finally:
        server.terminate()
        server.wait(timeout=30)
    print(
        f"web_load: {clients} concurrent clients, {seconds:g} s per endpoint, loopback, "
        f"{workers} worker(s), {'warm' if warm else 'cold'} start ({startup_s:.1f} s), "
        f"{os.cpu_count()} CPUs"
    )
    print(
        f"{'endpoint':<14} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'max ms':>8} "
        f"{'non-200':>8} {'srv CPU':>8} {'cli CPU':>8}"
    )
    for r in results:
        print(
            f"{r['endpoint']:<14} {r.get('rps', 0):>8} {r.get('p50_ms', '-'):>8} "
            f"{r.get('p95_ms', '-'):>8} {r.get('p99_ms', '-'):>8} {r.get('max_ms', '-'):>8} "
            f"{r.get('non_200', '-'):>8} {r['server_cpu_ms']:>8} {r['client_cpu_ms']:>8}"
        )
    print("(srv/cli CPU: milliseconds of CPU per request in the server and in this client)")
    for r in results:
        if r["endpoint"] in TARGET_ROWS:
            verdict = "meets" if r.get("p95_ms", math.inf) < TARGET_P95_MS else "MISSES"
            print(
                f"{r['endpoint']}: p95 {r.get('p95_ms')} ms {verdict} "
                f"the {TARGET_P95_MS:g} ms target"
            )
    OUT.parent.mkdir(parents=True, exist_ok=True)
    document = {
        "clients": clients,
        "seconds_per_endpoint": seconds,
        "workers": workers,
        "warm_start": warm,
        "startup_s": round(startup_s, 1),
        "cpu_count": os.cpu_count(),
        "target_p95_ms": TARGET_P95_MS,
        "target_rows": sorted(TARGET_ROWS),
        "results": results,
    }
    OUT.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {OUT}")
    return results


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=5.0, help="load time per endpoint")
    parser.add_argument("--clients", type=int, default=20, help="concurrent clients")
    parser.add_argument("--workers", type=int, default=1, help="server worker processes")
    parser.add_argument(
        "--no-warm", action="store_true", help="start the server without warming its caches"
    )
    args = parser.parse_args()
    main(args.seconds, args.clients, args.workers, not args.no_warm)
