"""Skill extraction quality on SkillSpan (Zhang et al., NAACL 2022), TECH test split.

Run: ``.venv/bin/python bench/skill_extraction.py`` (writes bench/out/skill_extraction.json).

Each sentence's tokens are joined with single spaces and run through the extractor.
- precision: share of extracted mentions that overlap a gold Skill or Knowledge span;
- recall: share of *technology* Knowledge spans overlapped by a mention, where a gold
  knowledge span "names a technology" when the whole span, or any one of its tokens,
  resolves to a taxonomy skill with ``resolve_skill`` (exact alias match after
  normalisation; case-sensitive ambiguous one-letter forms such as "C"/"R" count only
  when they are the whole span). This is an operational, reproducible definition: it
  uses the taxonomy's vocabulary, so recall here measures matching and disambiguation,
  not vocabulary coverage.
- precision_annotated_sentences: precision over sentences holding at least one gold span.
  SkillSpan's annotators leave job titles and company boilerplate unlabelled ("Senior
  Ruby on Rails Developer", "Join our DevOps team"), so most raw false positives are real
  technology names outside the annotated scope; both figures are reported.
- precision_without_title_lines: precision with job-title lines left out, where a title
  line is an unannotated sentence of at most 12 tokens (anonymisation placeholders such
  as <ORGANIZATION> not counted) that ``classify_title`` maps to a tech role ("QA/Test
  Developer", "Senior Java Software Engineer ( VP ) <ORGANIZATION>") and whose words
  outside parentheses longer than three letters are all capitalised. A documented
  variant only: ``precision`` (every TECH sentence) stays the primary figure.
Every false positive is written to the JSON output, marked when it sits in a title line.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

from paypath.errors import UnknownSkill
from paypath.skills import default_extractor, resolve_skill
from paypath.titles import classify_title

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "skillspan" / "json" / "test.json"
OUT = Path(__file__).resolve().parent / "out" / "skill_extraction.json"


def _spans(tags: list[str]) -> list[tuple[int, int]]:
    spans, start = [], None
    for i, tag in enumerate([*tags, "O"]):
        if start is not None and tag != "I":
            spans.append((start, i))
            start = None
        if tag == "B":
            start = i
    return spans


def _is_title_line(tokens: list[str], has_gold: bool) -> bool:
    words = [t for t in tokens if not (t.startswith("<") and t.endswith(">"))]
    if has_gold or not words or len(words) > 12:
        return False
    outside, depth = [], 0  # words outside parentheses: "( m/f/d )", "( all genders )"
    for word in words:
        depth += (word == "(") - (word == ")")
        if depth == 0 and word != ")":
            outside.append(word)
    if any(w.isalpha() and len(w) > 3 and w.islower() for w in outside):
        return False  # a sentence ("we rely on Tableau"), not a capitalised title
    return classify_title(" ".join(words)).role != "other"


def _names_technology(tokens: list[str]) -> bool:
    candidates = [" ".join(tokens)] + ([t for t in tokens if len(t) > 1] if len(tokens) > 1 else [])
    for name in candidates:
        try:
            resolve_skill(name)
            return True
        except UnknownSkill:
            continue
    return False


def evaluate() -> dict[str, Any]:
    extractor = default_extractor()
    n_mentions = correct = tech_gold = tech_hit = sentences = 0
    in_annotated = correct_annotated = in_titles = 0
    errors: list[str] = []
    started = time.perf_counter()
    for line in DATA.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        if row["source"] != "tech":
            continue
        sentences += 1
        tokens: list[str] = row["tokens"]
        offsets, pos = [], 0
        for tok in tokens:
            offsets.append((pos, pos + len(tok)))
            pos += len(tok) + 1
        text = " ".join(tokens)
        gold_k = _spans(row["tags_knowledge"])
        gold = [(offsets[a][0], offsets[b - 1][1]) for a, b in _spans(row["tags_skill"]) + gold_k]
        mentions = extractor.extract(text)
        title_line = bool(mentions) and _is_title_line(tokens, bool(gold))
        for m in mentions:
            n_mentions += 1
            hit = any(m.start < e and s < m.end for s, e in gold)
            in_annotated += bool(gold)
            correct_annotated += hit and bool(gold)
            in_titles += title_line
            if hit:
                correct += 1
            else:
                mark = "[title line] " if title_line else ""
                errors.append(f"{mark}{m.text!r} in: {text[max(0, m.start - 40) : m.end + 40]}")
        for a, b in gold_k:
            if _names_technology(tokens[a:b]):
                tech_gold += 1
                s, e = offsets[a][0], offsets[b - 1][1]
                tech_hit += any(m.start < e and s < m.end for m in mentions)
    return {
        "dataset": "SkillSpan TECH test split (kris927b/SkillSpan @ 2ccf3de)",
        "sentences": sentences,
        "mentions": n_mentions,
        "precision": round(correct / n_mentions, 4) if n_mentions else None,
        "precision_annotated_sentences": round(correct_annotated / in_annotated, 4)
        if in_annotated
        else None,
        "mentions_in_annotated_sentences": in_annotated,
        "precision_without_title_lines": round(correct / (n_mentions - in_titles), 4)
        if n_mentions > in_titles
        else None,
        "mentions_in_title_lines": in_titles,
        "tech_knowledge_spans": tech_gold,
        "recall_tech_knowledge": round(tech_hit / tech_gold, 4) if tech_gold else None,
        "seconds": round(time.perf_counter() - started, 2),
        "false_positives": errors,
    }


def main() -> None:
    result = evaluate()
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(result, indent=2), encoding="utf-8")
    print(f"{'metric':<28}{'value':>10}")
    keys = ("sentences", "mentions", "precision", "mentions_in_annotated_sentences")
    variants = ("precision_annotated_sentences", "mentions_in_title_lines")
    for key in (*keys, *variants, "precision_without_title_lines", "tech_knowledge_spans"):
        print(f"{key:<28}{result[key]!s:>10}")
    print(f"{'recall_tech_knowledge':<28}{result['recall_tech_knowledge']!s:>10}")
    print(f"(target precision >= 0.90; details in {OUT.relative_to(OUT.parents[2])})")


if __name__ == "__main__":
    main()
