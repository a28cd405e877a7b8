"""Latency of `advise` for one profile: cold (first call, data loading) and warm.

Target: warm `advise(profile)` under 100 ms. Also times reading each résumé format.

    .venv/bin/python bench/advise_latency.py [--repeat N]

Prints a table and writes bench/out/advise_latency.json.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out" / "advise_latency.json"
RESUMES = ROOT / "tests" / "fixtures" / "resumes"
TARGET_MS = 100.0

PROFILES = [
    {"skills": ["python, pytorch, transformers, distributed training"], "years": 7.0},
    {"skills": ["terraform, aws, kubernetes, networking"], "years": 6.0, "salary": 120_000.0},
    {"skills": ["sql, excel, tableau, power bi"], "years": 2.0, "location": "California"},
    {"skills": ["solidity, ethereum, cryptography"], "current_role": "software-engineer"},
]


def _ms(start: float) -> float:
    return (time.perf_counter() - start) * 1000.0


def main(repeat: int = 50) -> None:
    start = time.perf_counter()
    from paypath.advisor import advise, build_profile
    from paypath.resume import read_resume

    import_ms = _ms(start)
    profiles = []
    for spec in PROFILES:
        skills = spec.pop("skills")
        profiles.append(build_profile(skills, **spec))  # type: ignore[arg-type]
    start = time.perf_counter()
    advise(profiles[0])
    cold_ms = _ms(start)
    for profile in profiles:  # warm every profile's location once
        advise(profile)
    warm: list[float] = []
    for _ in range(repeat):
        for profile in profiles:
            start = time.perf_counter()
            advise(profile)
            warm.append(_ms(start))
    warm.sort()
    resume_ms = {}
    for fmt in ("pdf", "docx", "md", "txt"):
        start = time.perf_counter()
        for _ in range(10):
            read_resume(RESUMES / f"cloud_engineer.{fmt}")
        resume_ms[fmt] = _ms(start) / 10
    result = {
        "import_ms": round(import_ms, 1),
        "cold_ms": round(cold_ms, 1),
        "warm_p50_ms": round(statistics.median(warm), 2),
        "warm_p95_ms": round(warm[int(0.95 * (len(warm) - 1))], 2),
        "warm_max_ms": round(warm[-1], 2),
        "warm_calls": len(warm),
        "target_ms": TARGET_MS,
        "meets_target": warm[int(0.95 * (len(warm) - 1))] < TARGET_MS,
        "read_resume_ms": {k: round(v, 2) for k, v in resume_ms.items()},
    }
    print(f"{'measure':<22}{'value':>12}")
    for key, value in result.items():
        if key != "read_resume_ms":
            print(f"{key:<22}{value!s:>12}")
    for fmt, value in resume_ms.items():
        print(f"{'read_resume ' + fmt + ' ms':<22}{value:>12.2f}")
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=50, help="warm rounds over the profiles")
    main(parser.parse_args().repeat)
