"""`paypath serve`'s app: caches warmed in the background while it serves, TCP_NODELAY on every
connection (also on a listener uvicorn binds itself, as with --workers)."""

from __future__ import annotations

import http.client
import socket
import threading
import time

import pytest
import uvicorn
from fastapi.testclient import TestClient

from paypath.catalog import load_roles
from paypath.pay_evidence import role_premiums
from paypath.web import create_app, warm
from paypath.web.app import create_warm_app
from paypath.web.server import NoDelayH11Protocol


def test_warm_app_computes_every_role_in_the_background() -> None:
    app = create_warm_app()
    with TestClient(app) as client:
        assert client.get("/favicon.ico").status_code == 200  # the warm-up starts after it
        app.state.warming.join(timeout=300)
        assert not app.state.warming.is_alive()
        assert role_premiums.cache_info().currsize >= len(load_roles())
        response = client.post("/api/advise", json={"skills": ["python", "sql"]})
    assert response.status_code == 200
    assert response.json()["roles"]


def test_the_server_answers_while_it_is_still_warming(monkeypatch: pytest.MonkeyPatch) -> None:
    release = threading.Event()

    def slow_warm_up() -> float:
        assert release.wait(timeout=60), "the test never released the warm-up"
        return 0.0

    monkeypatch.setattr(warm, "warm_caches", slow_warm_up)
    app = create_warm_app()
    with TestClient(app) as client:  # startup has returned: the lifespan did not wait
        assert app.state.warming.is_alive()
        assert client.get("/favicon.ico").status_code == 200
        assert client.get("/api/roles").status_code == 200
        release.set()
        app.state.warming.join(timeout=60)
    assert not app.state.warming.is_alive()


class _Probe(NoDelayH11Protocol):
    seen: list[int] = []  # noqa: RUF012 - one test's record

    def connection_made(self, transport):  # type: ignore[no-untyped-def]
        super().connection_made(transport)
        sock = transport.get_extra_info("socket")
        _Probe.seen.append(sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))


def test_connections_get_tcp_nodelay_on_a_listener_with_proto_zero() -> None:
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)  # proto 0, as uvicorn binds
    listener.bind(("127.0.0.1", 0))
    port = listener.getsockname()[1]
    config = uvicorn.Config(create_app(), http=_Probe, log_level="warning", lifespan="off")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [listener]}, daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + 30
        while not server.started:
            assert thread.is_alive() and time.monotonic() < deadline, "the server did not start"
            time.sleep(0.05)
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        conn.request("GET", "/favicon.ico")
        assert conn.getresponse().status == 200
        conn.close()
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        listener.close()
    assert _Probe.seen and all(_Probe.seen)


def test_the_warm_up_waits_for_the_first_answer(monkeypatch: pytest.MonkeyPatch) -> None:
    started = threading.Event()

    def record() -> float:
        started.set()
        return 0.0

    monkeypatch.setattr(warm, "warm_caches", record)
    app = create_warm_app()
    with TestClient(app) as client:
        assert not started.wait(timeout=0.5)  # nothing asked yet: it waits
        assert client.get("/api/roles").status_code == 200
        assert started.wait(timeout=30)  # the first answer is out: it starts
        app.state.warming.join(timeout=30)


def test_the_warm_up_starts_after_its_grace_without_requests(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(warm, "warm_caches", lambda: 0.0)
    done = threading.Event()
    never = threading.Event()
    thread = warm.start_warming(lambda _s: done.set(), after=never, grace_s=0.05)
    thread.join(timeout=300)
    assert done.is_set() and not never.is_set()
