"""Shared timing helpers of the latency benchmarks (employer_latency, wages_latency)."""

from __future__ import annotations

import argparse
import json
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any


def ms_since(start: float) -> float:
    """Milliseconds since ``start`` (a ``time.perf_counter()`` reading)."""
    return (time.perf_counter() - start) * 1000.0


def timed(call: Callable[[], Any]) -> float:
    """Milliseconds one ``call()`` takes."""
    start = time.perf_counter()
    call()
    return ms_since(start)


def best_and_median(call: Callable[[], Any], repeat: int) -> dict[str, float]:
    """Best and median milliseconds of ``repeat`` warm calls."""
    times = [timed(call) for _ in range(repeat)]
    return {"best_ms": min(times), "median_ms": statistics.median(times)}


def write_json(path: Path, result: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")


def repeat_from_argv(doc: str | None, default: int) -> int:
    """``--repeat N`` from the command line (the script's docstring is its help)."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0] if doc else None)
    parser.add_argument("--repeat", type=int, default=default)
    return int(parser.parse_args().repeat)
