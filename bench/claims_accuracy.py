"""Claim-checker accuracy on real articles, before (main's code) and after (this tree).

Recall: gold claims (tests/fixtures/articles/gold.json) found by a printed pay-claim row
whose text holds the claim's figure, whose line holds the claim's context, and whose role
is one the gold accepts. Precision: printed rows that match some gold claim that way.
Also times ``check_claims`` on a ~1 MB article (best of N; the machine may be shared).

    PYTHONPATH=src python bench/claims_accuracy.py            # before and after
    PYTHONPATH=src python bench/claims_accuracy.py --only-here
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from _before import run_on_main  # noqa: E402

ARTICLES = ROOT / "tests" / "fixtures" / "articles"


def _line_of(text: str, pos: int) -> str:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return text[start : end if end >= 0 else len(text)]


def _matches(row: dict[str, object], claim: dict[str, object], text: str) -> bool:
    if str(claim["figure"]) not in str(row["text"]):
        return False
    if str(claim["context"]) not in _line_of(text, int(row["start"])):  # type: ignore[call-overload]
        return False
    return str(row["role_id"]) in claim["roles"]  # type: ignore[operator]


def measure() -> dict[str, object]:
    from paypath.claims import check_claims

    gold = json.loads((ARTICLES / "gold.json").read_text(encoding="utf-8"))["articles"]
    found = total = right = printed = 0
    per: dict[str, dict[str, int]] = {}
    misses: list[str] = []
    wrong: list[str] = []
    for name, entry in gold.items():
        text = (ARTICLES / name).read_text(encoding="utf-8")
        report = check_claims(text).model_dump()
        rows = report["pay_claims"]
        body = report["text"]
        claims = entry["claims"]
        hit = [c for c in claims if any(_matches(r, c, body) for r in rows)]
        ok = [r for r in rows if any(_matches(r, c, body) for c in claims)]
        found += len(hit)
        total += len(claims)
        right += len(ok)
        printed += len(rows)
        per[name] = {"claims": len(claims), "found": len(hit), "rows": len(rows), "right": len(ok)}
        misses += [f"{name}: {c['figure']} ({c['context']})" for c in claims if c not in hit]
        wrong += [f"{name}: {r['text']} -> {r['role_id']}" for r in rows if r not in ok]
    big = "\n".join((ARTICLES / n).read_text(encoding="utf-8") for n in gold)
    big = (big * (1_000_000 // len(big) + 1))[:1_000_000]
    times = []
    for _ in range(3):
        t0 = time.perf_counter()
        check_claims(big)
        times.append(time.perf_counter() - t0)
    return {
        "recall": round(found / total, 3),
        "precision": round(right / printed, 3) if printed else 0.0,
        "claims": total,
        "found": found,
        "rows": printed,
        "right": right,
        "one_mb_seconds_best_of_3": round(min(times), 3),
        "per_article": per,
        "misses": misses,
        "wrong_rows": wrong,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--only-here", action="store_true", help="skip the run on main's code")
    ap.add_argument("--json-only", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.json_only:
        print(json.dumps(measure()))
        return
    out: dict[str, object] = {}
    if not args.only_here:
        out["before_main"] = run_on_main(__file__, "--json-only")
    out["after_this_tree"] = measure()
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
