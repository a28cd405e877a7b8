"""How long `GET /` waits while a heavy `/api/advise` (200 KB of résumé text) is computed.

Target (issue #20): under 100 ms; CPU-bound work never runs on the event loop.

    .venv/bin/python bench/web_event_loop.py [--src DIR] [--chars N]

``--src`` runs another source tree (e.g. main's ``src``, for a before figure). Starts
`paypath serve --no-warm` in a subprocess, sends the heavy request, then times ten `GET /`
while it runs. Prints the heavy request's time and the worst and median `GET /`.
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
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LINE = (
    "Senior data engineer: Spark and Airflow pipelines on AWS, Python and SQL daily, "
    "Tableau dashboards, Kubernetes and Terraform; led a team of four. Project {i}.\n"
)


def _get(port: int, path: str) -> float:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
    start = time.perf_counter()
    conn.request("GET", path)
    conn.getresponse().read()
    conn.close()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--src", type=Path, default=ROOT / "src")
    parser.add_argument("--chars", type=int, default=199_000)
    args = parser.parse_args()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = int(s.getsockname()[1])
    launch = "import sys; from paypath.cli import main; sys.argv[0] = 'paypath'; main()"
    cmd = [sys.executable, "-c", launch, "serve", "--port", str(port), "--no-warm"]
    env = {**os.environ, "PYTHONPATH": str(args.src)}
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                _get(port, "/")
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError("the server did not start") from None
                time.sleep(0.05)
        text = "".join(LINE.format(i=i) for i in range(args.chars // len(LINE) + 1))
        body = json.dumps({"resume_text": text[: args.chars]})
        heavy: list[float] = []

        def send() -> None:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
            start = time.perf_counter()
            conn.request("POST", "/api/advise", body, {"content-type": "application/json"})
            conn.getresponse().read()
            heavy.append(time.perf_counter() - start)
            conn.close()

        worker = threading.Thread(target=send)
        worker.start()
        time.sleep(0.3)
        waits = []
        for _ in range(10):
            waits.append(_get(port, "/"))
            if not worker.is_alive():
                break
        worker.join()
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    print(f"src: {args.src}")
    print(f"heavy /api/advise ({args.chars:,} chars): {heavy[0]:.2f} s")
    print(
        f"GET / during it ({len(waits)} requests): worst {max(waits) * 1000:.0f} ms, "
        f"median {statistics.median(waits) * 1000:.0f} ms (target < 100 ms)"
    )


if __name__ == "__main__":
    main()
