"""paypath: where the money flows in tech, from real and cited data.

The public API is what ``__all__`` lists; everything else is private. Names are
imported on first use, so ``import paypath`` stays cheap (the market engine, the
web app and the statistics stack load only when asked for).
"""

from __future__ import annotations

import importlib
import os
from typing import TYPE_CHECKING, Any

from paypath.errors import PaypathError

# One BLAS thread unless the user says otherwise (read when numpy first loads). paypath's
# matrices are small (a premium fit's design is ~10k rows x ~100 columns): one thread
# factors it in ~50 ms, while OpenBLAS's default of one thread per core spins against
# the other work on a shared machine and took 1.5-6 s for the same SVD (issue #20).
for _blas in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_blas, "1")

if TYPE_CHECKING:
    from paypath.advisor import advise, next_skills, recommend_roles
    from paypath.career import career_path
    from paypath.catalog import Role, Skill, get_role, get_skill, load_roles, load_skills
    from paypath.claims import check_claims
    from paypath.market.analytics import pay_stats, skill_demand, skill_premiums
    from paypath.market.ingest import ingest_file
    from paypath.market.store import bundled_store, open_store
    from paypath.offer import evaluate_offer
    from paypath.pay_model import estimate_pay
    from paypath.profile import build_profile
    from paypath.resume import read_resume
    from paypath.salary import annualize, find_salaries, parse_salary, to_usd
    from paypath.skills import extract_skills, resolve_skill
    from paypath.titles import classify_title
    from paypath.wages import percentiles, role_wages

_HOMES = {
    "advise": "paypath.advisor",
    "next_skills": "paypath.advisor",
    "recommend_roles": "paypath.advisor",
    "career_path": "paypath.career",
    "Role": "paypath.catalog",
    "Skill": "paypath.catalog",
    "get_role": "paypath.catalog",
    "get_skill": "paypath.catalog",
    "load_roles": "paypath.catalog",
    "load_skills": "paypath.catalog",
    "check_claims": "paypath.claims",
    "pay_stats": "paypath.market.analytics",
    "skill_demand": "paypath.market.analytics",
    "skill_premiums": "paypath.market.analytics",
    "ingest_file": "paypath.market.ingest",
    "bundled_store": "paypath.market.store",
    "open_store": "paypath.market.store",
    "evaluate_offer": "paypath.offer",
    "estimate_pay": "paypath.pay_model",
    "build_profile": "paypath.profile",
    "read_resume": "paypath.resume",
    "annualize": "paypath.salary",
    "find_salaries": "paypath.salary",
    "parse_salary": "paypath.salary",
    "to_usd": "paypath.salary",
    "extract_skills": "paypath.skills",
    "resolve_skill": "paypath.skills",
    "classify_title": "paypath.titles",
    "percentiles": "paypath.wages",
    "role_wages": "paypath.wages",
}

__all__ = [
    "PaypathError",
    "Role",
    "Skill",
    "advise",
    "annualize",
    "build_profile",
    "bundled_store",
    "career_path",
    "check_claims",
    "classify_title",
    "estimate_pay",
    "evaluate_offer",
    "extract_skills",
    "find_salaries",
    "get_role",
    "get_skill",
    "ingest_file",
    "load_roles",
    "load_skills",
    "next_skills",
    "open_store",
    "parse_salary",
    "pay_stats",
    "percentiles",
    "read_resume",
    "recommend_roles",
    "resolve_skill",
    "role_wages",
    "skill_demand",
    "skill_premiums",
    "to_usd",
]

__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'paypath' has no attribute {name!r}")
    value = getattr(importlib.import_module(home), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
