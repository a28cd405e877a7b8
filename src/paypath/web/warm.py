"""Warm the process's caches while a server takes traffic.

The first advice for a role fits that role's skill-premium model on the market data (from a
few milliseconds to several seconds per role) and loads the store, the BLS tables and the
catalog; every later request reuses them. `paypath serve` warms them by default
(`--no-warm` skips it) in a background thread started once the server listens, so the
server is ready at once; the warm-up takes the library lock one role at a time, so a
request waits at most for one role's work.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

from paypath.catalog import load_roles
from paypath.errors import PaypathError
from paypath.pay_evidence import expected_pay, role_demand, role_premiums
from paypath.web.api_advice import run_advice
from paypath.web.models import AdviseIn
from paypath.web.pages import warm_pages
from paypath.web.serial import serialized

__all__ = ["start_warming", "warm_caches"]

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


def start_warming(done: Callable[[float], None] | None = None) -> threading.Thread:
    """:func:`warm_caches` in a daemon thread; ``done(seconds)`` is called when it ends."""

    def run() -> None:
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
