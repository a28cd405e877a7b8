"""Warm the process's caches while a server takes traffic.

The first advice for a role fits that role's skill-premium model on the market data (from a
few milliseconds to several seconds per role) and loads the store, the BLS tables and the
catalog; every later request reuses them. `paypath serve` warms them by default
(`--no-warm` skips it) in a background thread, so the server is ready at once; the warm-up
takes the library lock one role at a time, so a request waits at most for one role's work.

The thread starts working only once the server has sent its first response (or
``GRACE_S`` after startup when no request comes): on a 2-core machine its imports and
fits, competing for the GIL and the cores, delayed the first `GET /` by 0.3-1 s.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from paypath.catalog import load_roles
from paypath.errors import PaypathError
from paypath.pay_evidence import expected_pay, role_demand, role_premiums
from paypath.web.api_advice import run_advice
from paypath.web.models import AdviseIn
from paypath.web.pages import warm_pages
from paypath.web.serial import serialized

__all__ = ["GRACE_S", "FirstAnswer", "start_warming", "warm_caches"]

log = logging.getLogger("paypath.web")


def warm_caches() -> float:
    """Compute every role's pay evidence and premiums, one advice and the static pages.

    Returns the seconds it took. Failures are logged and skipped: a request would meet them.
    """
    start = time.perf_counter()
    for role in load_roles():
        try:
            serialized(_warm_role, role.id)
        except PaypathError as exc:  # pragma: no cover - bundled data is complete
            log.warning("warm-up: %s: %s", role.id, exc.message)
    first = load_roles()[0]
    serialized(run_advice, AdviseIn(skills=list(first.skill_ids())[:3]))
    warm_pages()
    return time.perf_counter() - start


def _warm_role(role_id: str) -> None:
    expected_pay(role_id)
    role_premiums(role_id)
    role_demand(role_id)


GRACE_S = 5.0  # the longest the warm-up waits for the server's first answer

Message = MutableMapping[str, Any]
ASGIApp = Callable[
    [Message, Callable[[], Awaitable[Message]], Callable[[Message], Awaitable[None]]],
    Awaitable[None],
]


class FirstAnswer:
    """ASGI middleware that sets ``answered`` once the first HTTP response is sent."""

    def __init__(self, app: ASGIApp, answered: threading.Event) -> None:
        self.app, self.answered = app, answered

    async def __call__(
        self,
        scope: Message,
        receive: Callable[[], Awaitable[Message]],
        send: Callable[[Message], Awaitable[None]],
    ) -> None:
        if scope["type"] != "http" or self.answered.is_set():
            await self.app(scope, receive, send)
            return

        async def sending(message: Message) -> None:
            await send(message)
            if message["type"] == "http.response.body" and not message.get("more_body"):
                self.answered.set()

        await self.app(scope, receive, sending)


def start_warming(
    done: Callable[[float], None] | None = None,
    *,
    after: threading.Event | None = None,
    grace_s: float = GRACE_S,
) -> threading.Thread:
    """:func:`warm_caches` in a daemon thread, once ``after`` is set (at most ``grace_s``
    later); ``done(seconds)`` is called when it ends."""

    def run() -> None:
        if after is not None:
            after.wait(timeout=grace_s)
        try:
            seconds = warm_caches()
        except Exception:  # pragma: no cover - a failed warm-up leaves requests to do the work
            log.exception("warm-up failed; caches fill on first use instead")
            return
        if done is not None:
            done(seconds)

    thread = threading.Thread(target=run, name="paypath-warm", daemon=True)
    thread.start()
    return thread
