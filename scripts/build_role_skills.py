"""Measure which skills each catalog role's postings ask for; write the counts (issue #15).

Sources (all under ``../shared/data``, see each folder's SOURCE.md):

- ``linkedin-postings/postings_sample1000.csv``: title + description (+ ``skills_desc``);
- ``glassdoor-ds/Uncleaned_DS_jobs.csv`` and ``glassdoor-ds/glassdoor_jobs.csv``: job title
  + description (duplicates across the two files are dropped by title + description);
- the bundled Stack Overflow 2024 survey rows (``src/paypath/data/market``; the 2025 rows
  name only a primary language, so they are left out): a respondent's
  role and the technologies they work with. Few postings are for engineering roles outside
  data, so the survey is the evidence for those; it says what people in the role use, which
  is what their postings ask for, less the soft skills.

Each posting title goes through paypath's own title classifier
(:func:`paypath.titles.classify_title`) and each description through its skill extractor
(``SkillExtractor.tally``); a skill counts for a posting when it is named in a requirement
(or duty) of the description. Output: ``scripts/role_skill_counts.csv`` with
``role,source,n,skill,count,share`` (share = count / n, the postings or respondents of the
role in that source), and a per-role summary printed to stdout.

With ``--apply`` it then rewrites the ``skills:`` list of every role in
``src/paypath/data/roles.yaml`` from ``scripts/role_skill_spec.py`` (the candidate skills)
and these counts: a skill the role's evidence measures (postings with n >= MIN_POSTINGS, or
survey respondents with n >= MIN_RESPONDENTS for the technologies the survey asks about) is
required when its share reaches REQUIRED_SHARE, else nice-to-have (weight 0.5 from
NICE_SHARE up, 0.3 below); an unmeasured skill keeps the spec's flag (weight 1.0 or 0.5).
The seed article's skills keep their ``seed: true`` mark; its generic skills (AI fluency,
systems thinking...) stay nice-to-have at their weight.

Gates (``scripts/role_gates.csv``): a requirement that most of a role's postings state and
that no skill list captures, because it is a record rather than a skill: today the
research record, a posting asking for a PhD (or doctorate) or for publications. A role
gets ``gates:`` in roles.yaml (by hand, from this file; ``tests/test_advisor_fit.py``
checks they agree) when the Wilson 95% lower bound of that share reaches GATE_SHARE (a
majority even on a thin sample); the advisor then scales the role's fit for a person who
does not show it (see :mod:`paypath.advisor`).

Run: ``PYTHONPATH=src python scripts/build_role_skills.py [--apply]``
"""

from __future__ import annotations

import csv
import math
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

import duckdb

from paypath.skills import default_extractor
from paypath.titles import classify_title

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
MARKET = ROOT / "src" / "paypath" / "data" / "market"
OUT = ROOT / "scripts" / "role_skill_counts.csv"
ROLES = ROOT / "src" / "paypath" / "data" / "roles.yaml"
MIN_SHARE = 0.05  # rows below this share are not written (keeps the file small)
MIN_POSTINGS, MIN_RESPONDENTS = 50, 25
REQUIRED_SHARE, NICE_SHARE = 0.4, 0.2
GATES_OUT = ROOT / "scripts" / "role_gates.csv"
GATE_SHARE, GATE_MIN_POSTINGS = 0.5, 20
# the research record: a PhD / doctorate, or publications (a posting that asks for either)
RESEARCH_RECORD = re.compile(
    r"\bPh\.?\s?D\.?s?\b|\bdoctor(?:al|ate)\b|\bpublications?\b|\bpublish(?:ed|ing)?\b"
    r"|peer[- ]reviewed|NeurIPS|ICML|ICLR|CVPR",
    re.IGNORECASE,
)
GATES = {"research-publication": RESEARCH_RECORD}  # gate skill -> what asks for it


def _postings() -> list[tuple[str, str]]:
    csv.field_size_limit(sys.maxsize)
    rows: list[tuple[str, str]] = []
    with (DATA / "linkedin-postings" / "postings_sample1000.csv").open(encoding="utf-8") as f:
        for r in csv.DictReader(f):
            rows.append((r["title"], f"{r['description']}\n{r.get('skills_desc') or ''}"))
    seen: set[tuple[str, str]] = set()
    for name in ("Uncleaned_DS_jobs.csv", "glassdoor_jobs.csv"):
        with (DATA / "glassdoor-ds" / name).open(encoding="utf-8") as f:
            for r in csv.DictReader(f):
                key = (r["Job Title"], r["Job Description"])
                if key not in seen:
                    seen.add(key)
                    rows.append(key)
    return rows


def posting_counts() -> tuple[Counter[str], dict[str, Counter[str]]]:
    extractor = default_extractor()
    n: Counter[str] = Counter()
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for title, text in _postings():
        role = classify_title(title).role
        if role == "other":
            continue
        n[role] += 1
        tally = extractor.tally(text)
        counts[role].update(s for s, (_, asked) in tally.items() if asked)
    return n, counts


def wilson_low(count: int, n: int, z: float = 1.96) -> float:
    """The lower end of the Wilson 95% interval of a share ``count / n``."""
    p = count / n
    centre = p + z * z / (2 * n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return (centre - half) / (1 + z * z / n)


def gate_rows() -> list[tuple[str, str, int, int, float, float, bool]]:
    """(role, gate skill, n postings, count, share, Wilson low, is a gate) per role."""
    n: Counter[str] = Counter()
    hits: dict[str, Counter[str]] = defaultdict(Counter)
    for title, text in _postings():
        role = classify_title(title).role
        if role == "other":
            continue
        n[role] += 1
        hits[role].update(g for g, pattern in GATES.items() if pattern.search(text))
    out = []
    for role in sorted(n):
        for gate in GATES:
            c = hits[role][gate]
            low = max(0.0, wilson_low(c, n[role]))
            is_gate = n[role] >= GATE_MIN_POSTINGS and low >= GATE_SHARE
            out.append((role, gate, n[role], c, round(c / n[role], 4), round(low, 4), is_gate))
    return out


def survey_counts() -> tuple[Counter[str], dict[str, Counter[str]]]:
    con = duckdb.connect()
    p, s = MARKET / "postings.parquet", MARKET / "posting_skills.parquet"
    # only the 2024 rows list every technology; the 2025 rows hold one primary language, so a
    # source file counts when some row of it names two skills or more
    con.execute(
        f"CREATE TEMP VIEW listed AS SELECT id FROM '{p}' WHERE source_file IN ("
        f"SELECT p.source_file FROM '{p}' p JOIN '{s}' s ON s.posting_id = p.id "
        f"GROUP BY p.id, p.source_file HAVING count(*) >= 2)"
    )
    n = Counter(
        dict(
            con.execute(
                f"SELECT role_id, count(*) FROM '{p}' WHERE id IN (SELECT id FROM listed) "
                f"AND id IN (SELECT DISTINCT posting_id FROM '{s}') GROUP BY 1"
            ).fetchall()
        )
    )
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for role, skill, c in con.execute(
        f"SELECT p.role_id, s.skill_id, count(DISTINCT p.id) FROM '{p}' p "
        f"JOIN '{s}' s ON s.posting_id = p.id WHERE p.id IN (SELECT id FROM listed) GROUP BY 1, 2"
    ).fetchall():
        counts[role][skill] = c
    return n, counts


def evidence(rows: list[tuple[str, str, int, str, int, float]]) -> dict[str, dict[str, float]]:
    """Role -> skill -> the highest share among the sources that measure it for the role."""
    survey_vocab = {r[3] for r in rows if r[1] == "survey"}
    measured: dict[str, dict[str, float]] = defaultdict(dict)
    for role, source, n, skill, _, share in rows:
        if (source == "postings" and n >= MIN_POSTINGS) or (
            source == "survey" and n >= MIN_RESPONDENTS
        ):
            best = measured[role].get(skill, 0.0)
            measured[role][skill] = max(best, share)
    # a measured role's silence on a skill its source can measure is a share of ~0
    sizes = {(r[0], r[1]): r[2] for r in rows}
    for (role, source), n in sizes.items():
        vocab = survey_vocab if source == "survey" else None
        if (source == "postings" and n >= MIN_POSTINGS) or (
            source == "survey" and n >= MIN_RESPONDENTS
        ):
            measured[role].setdefault("__sources__", 0.0)
            if vocab is None:
                measured[role]["__postings__"] = 1.0
            else:
                measured[role]["__survey__"] = 1.0
    measured["__survey_vocab__"] = dict.fromkeys(survey_vocab, 1.0)
    return measured


def _skill_lines(
    role: str, old: list[dict[str, object]], ev: dict[str, dict[str, float]]
) -> list[str]:
    sys.path.insert(0, str(Path(__file__).parent))
    from role_skill_spec import SPEC

    seeds = {str(o["skill"]) for o in old if o.get("seed")}
    mine, vocab = ev.get(role, {}), ev["__survey_vocab__"]
    lines: list[str] = []
    listed = set()
    for skill, flag in SPEC[role]:
        listed.add(skill)
        is_measured = "__postings__" in mine or ("__survey__" in mine and skill in vocab)
        share = mine.get(skill, 0.0)
        if is_measured:
            required = share >= REQUIRED_SHARE
            weight = 1.0 if required else (0.5 if share >= NICE_SHARE else 0.3)
        else:
            required, weight = flag, (1.0 if flag else 0.5)
        lines += [
            f"  - skill: {skill}",
            f"    weight: {weight}",
            f"    required: {str(required).lower()}",
            f"    seed: {str(skill in seeds).lower()}",
        ]
    for o in old:  # the seed article's other skills (generic ones) stay nice-to-have
        if o.get("seed") and o["skill"] not in listed:
            lines += [
                f"  - skill: {o['skill']}",
                f"    weight: {o['weight']}",
                "    required: false",
                "    seed: true",
            ]
    return lines


def apply(rows: list[tuple[str, str, int, str, int, float]]) -> None:
    import yaml

    ev = evidence(rows)
    old = {r["id"]: r["skills"] for r in yaml.safe_load(ROLES.read_text(encoding="utf-8"))["roles"]}
    out: list[str] = []
    role, skipping = "", False
    for line in ROLES.read_text(encoding="utf-8").splitlines():
        if line.startswith("- id: "):
            role = line[6:].strip()
        if line == "  skills:":
            out.append(line)
            out += _skill_lines(role, old[role], ev)
            skipping = True
            continue
        if skipping and (line.startswith("  - skill:") or line.startswith("    ")):
            continue
        skipping = False
        out.append(line)
    ROLES.write_text("\n".join(out) + "\n", encoding="utf-8")
    print(f"rewrote the skills of {len(old)} roles in {ROLES.relative_to(ROOT)}")


def main() -> None:
    out: list[tuple[str, str, int, str, int, float]] = []
    for source, (n, counts) in (("postings", posting_counts()), ("survey", survey_counts())):
        for role in sorted(n):
            if role == "other":
                continue
            top = counts[role].most_common(12)
            print(
                f"{source:8} {role:28} n={n[role]:6}  "
                + ", ".join(f"{s} {c / n[role]:.0%}" for s, c in top)
            )
            for skill, c in sorted(counts[role].items(), key=lambda kv: (-kv[1], kv[0])):
                if c / n[role] >= MIN_SHARE and c >= 2:
                    out.append((role, source, n[role], skill, c, round(c / n[role], 4)))
    with OUT.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["role", "source", "n", "skill", "count", "share"])
        w.writerows(out)
    print(f"wrote {len(out)} rows to {OUT.relative_to(ROOT)}")
    gates = gate_rows()
    with GATES_OUT.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["role", "gate", "n", "count", "share", "wilson_low", "gate_applies"])
        w.writerows(gates)
    for role, gate, n, c, share, low, is_gate in gates:
        if c:
            mark = "GATE" if is_gate else "    "
            print(f"{mark} {role:28} {gate}: {c}/{n} = {share:.0%} (95% low {low:.0%})")
    if "--apply" in sys.argv[1:]:
        apply(out)


if __name__ == "__main__":
    main()
