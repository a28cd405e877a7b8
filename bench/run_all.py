"""Run every benchmark in bench/ (each script with a ``main()``), one after another.

``make bench`` calls this. Results are printed and written under bench/out/.
Pass names to run a subset: ``python bench/run_all.py salary_throughput``.
"""

from __future__ import annotations

import importlib.util
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
SKIP = {"run_all", "gen_postings"}


def _scripts(names: list[str]) -> list[Path]:
    found = sorted(
        p for p in HERE.glob("*.py") if p.stem not in SKIP and not p.stem.startswith("_")
    )
    return [p for p in found if not names or p.stem in names]


def main() -> None:
    failures = []
    for path in _scripts(sys.argv[1:]):
        spec = importlib.util.spec_from_file_location(f"bench_{path.stem}", path)
        if spec is None or spec.loader is None:
            continue
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        if not hasattr(module, "main"):
            continue
        print(f"\n=== {path.stem}", flush=True)
        started = time.perf_counter()
        try:
            module.main()
        except Exception as exc:  # report and go on with the other benchmarks
            failures.append(path.stem)
            print(f"!!! {path.stem} failed: {exc!r}", flush=True)
        print(f"--- {path.stem}: {time.perf_counter() - started:.1f}s", flush=True)
    if failures:
        sys.exit(f"failed benchmarks: {', '.join(failures)}")


if __name__ == "__main__":
    main()
