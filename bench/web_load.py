"""Load benchmark of the web app: requests/s and latency percentiles at 20 concurrent clients.

Starts `uvicorn paypath.web:create_app` in a subprocess on a free loopback port, then for each
endpoint runs 20 concurrent keep-alive clients (asyncio, raw HTTP/1.1, so the client spends
little of the 2 cores) for a fixed time, and prints a table. Loopback only; bounded in time;
stops by itself. Target: p95 < 100 ms for `/` and `/api/advise`.

`/api/advise` cycles through 17 profiles built from the catalog's roles (answers repeat, as
they do for real users, and the app caches them); "advise, cold" gives every request a
different salary, so every answer is computed afresh.

    .venv/bin/python bench/web_load.py [--seconds 10] [--clients 20]

Writes bench/out/web_load.json.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
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
FACTORY = "paypath.web:create_app"


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
    # Warm up: the first requests build the process's cached data (catalog, store, BLS).
    await _client(port, requests, time.perf_counter() + 0.5, [], [])
    start = time.perf_counter()
    stop = start + seconds
    await asyncio.gather(
        *(_client(port, requests, stop, latencies, errors) for _ in range(clients))
    )
    elapsed = time.perf_counter() - start
    if not latencies:
        return {"requests": 0}
    q = statistics.quantiles(latencies, n=100, method="inclusive")
    return {
        "requests": len(latencies),
        "non_200": len(errors),
        "statuses": sorted(set(errors)),
        "rps": round(len(latencies) / elapsed, 1),
        "p50_ms": round(q[49] * 1000, 1),
        "p95_ms": round(q[94] * 1000, 1),
        "p99_ms": round(q[98] * 1000, 1),
    }


def _start_server(port: int, factory: str) -> subprocess.Popen[bytes]:
    cmd = [
        sys.executable,
        "-m",
        "uvicorn",
        "--factory",
        factory,
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--log-level",
        "warning",
        "--no-access-log",
    ]
    proc = subprocess.Popen(cmd, env=os.environ.copy())
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return proc
        except OSError:
            time.sleep(0.1)
    proc.kill()
    raise RuntimeError("the server did not start within 30 s")


def main(seconds: float = 5.0, clients: int = 20, factory: str = FACTORY) -> None:
    port = _free_port()
    server = _start_server(port, factory)
    results: list[dict[str, Any]] = []
    try:
        for name, method, path, bodies in ENDPOINTS:
            if bodies is None:
                requests: Iterator[bytes] = itertools.repeat(
                    _request_bytes(method, path, None, port)
                )
            else:
                requests = (_request_bytes(method, path, b, port) for b in bodies())
            row = asyncio.run(_run(port, requests, seconds, clients))
            results.append({"endpoint": name, "method": method, "path": path, **row})
    finally:
        server.terminate()
        server.wait(timeout=10)
    print(f"web_load: {clients} concurrent clients, {seconds:.0f} s per endpoint, loopback")
    print(f"{'endpoint':<14} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'non-200':>8}")
    for r in results:
        print(
            f"{r['endpoint']:<14} {r.get('rps', 0):>8} {r.get('p50_ms', '-'):>8} "
            f"{r.get('p95_ms', '-'):>8} {r.get('p99_ms', '-'):>8} {r.get('non_200', '-'):>8}"
        )
    OUT.parent.mkdir(parents=True, exist_ok=True)
    document = {
        "clients": clients,
        "seconds_per_endpoint": seconds,
        "cpu_count": os.cpu_count(),
        "target_p95_ms": TARGET_P95_MS,
        "results": results,
    }
    OUT.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=5.0, help="load time per endpoint")
    parser.add_argument("--clients", type=int, default=20, help="concurrent clients")
    parser.add_argument("--factory", default=FACTORY, help="ASGI app factory to serve")
    args = parser.parse_args()
    main(args.seconds, args.clients, args.factory)
