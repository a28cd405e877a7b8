"""A slow request never delays others: CPU-bound work runs off the event loop.

The one latency test issue #20 asks for: while a heavy `/api/advise` (200 KB of résumé
text) is being computed, `GET /` on the same server answers in under 100 ms.
"""

from __future__ import annotations

import http.client
import json
import socket
import threading
import time

import pytest
import uvicorn

from paypath.web import api_advice, create_app

SLOW_S = 1.5  # how long the heavy request is kept busy on the CPU

_LINES = (
    "Senior data engineer, 2019-2024: built Spark and Airflow pipelines on AWS, "
    "Python and SQL every day, dashboards in Tableau, some Go and Rust services.",
    "Led a team of four; migrated PostgreSQL to Snowflake; Kubernetes, Terraform, Docker.",
    "Machine learning with PyTorch and scikit-learn; A/B tests; stakeholder reporting.",
    "Frontend work in React and TypeScript; REST and GraphQL APIs; CI with GitHub Actions.",
)


def _resume_text(chars: int) -> str:
    out: list[str] = []
    size = 0
    i = 0
    while size < chars:
        line = f"{_LINES[i % len(_LINES)]} Project {i}."
        out.append(line)
        size += len(line) + 1
        i += 1
    return "\n".join(out)[:chars]


def _get(port: int, path: str) -> tuple[int, float]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    start = time.perf_counter()
    conn.request("GET", path)
    response = conn.getresponse()
    response.read()
    elapsed = time.perf_counter() - start
    conn.close()
    return response.status, elapsed


def _slow_advise(profile: object, target: str | None = None) -> object:
    """The real advisor, then pure-Python CPU work (holding the GIL like the skill extractor
    does) so the request stays heavy however fast the advisor gets on a warm process."""
    answer = _REAL_ADVISE(profile, target=target)
    end = time.perf_counter() + SLOW_S
    n = 0
    while time.perf_counter() < end:
        n = (n * 31 + 7) % 1_000_003
    return answer


_REAL_ADVISE = api_advice.advise


def test_a_heavy_advice_does_not_delay_the_home_page(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(api_advice, "advise", _slow_advise)
    api_advice._advice_json.cache_clear()  # the answer must be computed, not remembered
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    port = listener.getsockname()[1]
    config = uvicorn.Config(create_app(), log_level="warning", lifespan="off")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [listener]}, daemon=True)
    thread.start()
    heavy_status: list[int] = []
    try:
        deadline = time.monotonic() + 30
        while not server.started:
            assert thread.is_alive() and time.monotonic() < deadline, "the server did not start"
            time.sleep(0.05)
        assert _get(port, "/")[0] == 200  # the home page is rendered once, then cached

        body = json.dumps({"resume_text": _resume_text(199_000)})

        def heavy() -> None:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
            conn.request("POST", "/api/advise", body, {"content-type": "application/json"})
            response = conn.getresponse()
            response.read()
            heavy_status.append(response.status)
            conn.close()

        worker = threading.Thread(target=heavy, daemon=True)
        worker.start()
        time.sleep(0.3)  # the heavy request is read and being computed
        timings = []
        for _ in range(5):
            status, elapsed = _get(port, "/")
            assert status == 200
            timings.append(elapsed)
            time.sleep(0.02)
        still_busy = worker.is_alive()
        worker.join(timeout=600)
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        listener.close()
    assert still_busy, "the heavy request finished too soon to test anything"
    assert heavy_status == [200]
    assert max(timings) < 0.1, timings
