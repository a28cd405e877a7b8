"""Skill extraction quality on SkillSpan (Zhang et al., NAACL 2022), TECH test split (+ dev).

Run: ``.venv/bin/python bench/skill_extraction.py`` (writes bench/out/skill_extraction.json).

Each posting (SkillSpan ``idx``, its sentences in order) is rebuilt as one text, one
sentence per line (tokens joined with single spaces), and extracted once with
``scope="all"``, so every mention carries its context (``paypath.mention_context``: a
requirement, a title line, a company/stack description or the benefits) decided from its
sentence and the heading above it. Against the gold spans:

- precision (primary): share of *requirement-scope* mentions -- what
  ``extract(text, scope="requirements")`` returns, i.e. what a user asking "which skills
  does this posting ask for" gets -- that overlap a gold Skill or Knowledge span;
- precision_all_mentions: the same over every mention (the default ``extract(text)``),
  printed next to it so nothing is hidden;
- precision_per_posting: the same question asked of the extractor's deduplicated output
  (``counts(text, scope="requirements")``: each skill once per posting, with its count): a
  (posting, skill) pair is correct when at least one of the skill's requirement-scope
  mentions overlaps a gold span. This is what a user reading one posting's skill list
  sees; the mention-level figure above stays the primary one;
- recall_tech_knowledge: share of *technology* Knowledge spans overlapped by a
  requirement-scope mention (recall_tech_knowledge_all_mentions: by any mention), where a
  gold knowledge span "names a technology" when the whole span, or any one of its
  tokens, resolves to a taxonomy skill other than a spoken language with
  ``resolve_skill`` (exact alias match after normalisation; case-sensitive ambiguous
  one-letter forms such as "C"/"R" count only when they are the whole span). This is an
  operational, reproducible definition: it uses the taxonomy's vocabulary, so recall
  here measures matching, disambiguation and the context step, not vocabulary coverage
  (and a word the taxonomy learns to resolve, such as "cloud", adds spans to count);
- precision_annotated_sentences: all-mentions precision over sentences holding at least
  one gold span (SkillSpan's annotators leave job titles and company boilerplate
  unlabelled, which is what the context step models);
- mentions_by_context: how many mentions each context got.

The context cues and their order were chosen by reading SkillSpan's TECH **train and
dev** splits only; the test split is reported, never tuned on. Dev figures are printed
too (they are in-sample for the cue choice, so test is the honest number). Nothing is
fitted. Every requirement-scope false positive, every mention the context step set
aside, and every gold-overlapping mention it set aside (the cost in recall) is written
to the JSON output with the cue that decided it.

Extracting whole postings (rather than sentence by sentence, as before) lets an
ambiguous alias see neighbours on adjacent lines, so the all-mentions counts can differ
by a mention or two from a per-sentence run.
"""

from __future__ import annotations

import bisect
import json
import time
from collections import Counter
from functools import cache
from pathlib import Path
from typing import Any

from paypath.errors import UnknownSkill
from paypath.mention_context import context_cues
from paypath.skills import default_extractor, resolve_skill

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "skillspan" / "json"
OUT = Path(__file__).resolve().parent / "out" / "skill_extraction.json"
SPLITS = ("test", "dev", "train")  # test is the reported split; dev and train for comparison


def _spans(tags: list[str]) -> list[tuple[int, int]]:
    spans, start = [], None
    for i, tag in enumerate([*tags, "O"]):
        if start is not None and tag != "I":
            spans.append((start, i))
            start = None
        if tag == "B":
            start = i
    return spans


@cache
def _names_technology(tokens: tuple[str, ...]) -> bool:
    candidates = [" ".join(tokens)] + ([t for t in tokens if len(t) > 1] if len(tokens) > 1 else [])
    for name in candidates:
        try:
            skill = resolve_skill(name)
        except UnknownSkill:
            continue
        if skill.category != "spoken-language":  # "English" is a skill, not a technology
            return True
    return False


def _postings(split: str) -> list[list[dict[str, Any]]]:
    """TECH postings of a split, each the list of its sentences in order."""
    postings: dict[int, list[dict[str, Any]]] = {}
    for line in (DATA / f"{split}.json").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        if row["source"] == "tech":
            postings.setdefault(row["idx"], []).append(row)
    return list(postings.values())


def _posting(rows: list[dict[str, Any]]) -> tuple[str, list[dict[str, Any]]]:
    """The posting's text and, per sentence, its span, gold spans and tech spans."""
    lines, sentences, pos = [], [], 0
    for row in rows:
        tokens: list[str] = row["tokens"]
        offsets = []
        for tok in tokens:
            offsets.append((pos, pos + len(tok)))
            pos += len(tok) + 1
        gold_k = _spans(row["tags_knowledge"])
        spans = _spans(row["tags_skill"]) + gold_k
        sentences.append(
            {
                "gold": [(offsets[a][0], offsets[b - 1][1]) for a, b in spans],
                "tech": [
                    (offsets[a][0], offsets[b - 1][1])
                    for a, b in gold_k
                    if _names_technology(tuple(tokens[a:b]))
                ],
            }
        )
        lines.append(" ".join(tokens))
    return "\n".join(lines), sentences


def _ratio(num: int, den: int) -> float | None:
    return round(num / den, 4) if den else None


def evaluate(split: str) -> dict[str, Any]:
    extractor = default_extractor()
    n = correct = n_req = correct_req = in_annotated = correct_annotated = 0
    pairs = correct_pairs = 0
    tech = tech_hit = tech_hit_req = sentences = 0
    contexts: Counter[str] = Counter()
    false_positives: list[str] = []
    set_aside: list[str] = []
    lost: list[str] = []
    started = time.perf_counter()
    postings = _postings(split)
    for rows in postings:
        text, parts = _posting(rows)
        sentences += len(parts)
        mentions = extractor.extract(text, scope="all")
        cues = [cue for _, cue in context_cues(text, [(m.start, m.end) for m in mentions])]
        gold = [span for part in parts for span in part["gold"]]
        lines = text.split("\n")
        line_starts = [0]
        for line in lines[:-1]:
            line_starts.append(line_starts[-1] + len(line) + 1)
        for m, cue in zip(mentions, cues, strict=True):
            hit = any(m.start < e and s < m.end for s, e in gold)
            asked = m.context == "requirement"
            n += 1
            correct += hit
            n_req += asked
            correct_req += hit and asked
            contexts[str(m.context)] += 1
            line = bisect.bisect_right(line_starts, m.start) - 1
            annotated = bool(parts[line]["gold"])
            in_annotated += annotated
            correct_annotated += hit and annotated
            note = f"[{m.context}: {cue}] {m.text!r} in: {lines[line][:160]}"
            if asked and not hit:
                false_positives.append(note)
            elif not asked:
                (lost if hit else set_aside).append(note)
        requirement_mentions = [m for m in mentions if m.context == "requirement"]
        skills_hit: dict[str, bool] = {}
        for m in requirement_mentions:
            hit = any(m.start < e and s < m.end for s, e in gold)
            skills_hit[m.id] = skills_hit.get(m.id, False) or hit
        pairs += len(skills_hit)
        correct_pairs += sum(skills_hit.values())
        for s, e in (span for part in parts for span in part["tech"]):
            tech += 1
            tech_hit += any(m.start < e and s < m.end for m in mentions)
            tech_hit_req += any(m.start < e and s < m.end for m in requirement_mentions)
    return {
        "dataset": f"SkillSpan TECH {split} split (kris927b/SkillSpan @ 2ccf3de)",
        "postings": len(postings),
        "sentences": sentences,
        "mentions": n,
        "requirement_mentions": n_req,
        "precision": _ratio(correct_req, n_req),
        "precision_all_mentions": _ratio(correct, n),
        "precision_annotated_sentences": _ratio(correct_annotated, in_annotated),
        "posting_skill_pairs": pairs,
        "precision_per_posting": _ratio(correct_pairs, pairs),
        "tech_knowledge_spans": tech,
        "recall_tech_knowledge": _ratio(tech_hit_req, tech),
        "recall_tech_knowledge_all_mentions": _ratio(tech_hit, tech),
        "mentions_by_context": dict(contexts.most_common()),
        "seconds": round(time.perf_counter() - started, 2),
        "false_positives": false_positives,
        "set_aside_not_in_gold": set_aside,
        "set_aside_in_gold": lost,
    }


def main() -> None:
    results = {split: evaluate(split) for split in SPLITS}
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(results, indent=2), encoding="utf-8")
    keys = (
        "postings",
        "sentences",
        "mentions",
        "requirement_mentions",
        "precision",
        "precision_all_mentions",
        "precision_annotated_sentences",
        "posting_skill_pairs",
        "precision_per_posting",
        "tech_knowledge_spans",
        "recall_tech_knowledge",
        "recall_tech_knowledge_all_mentions",
    )
    print(f"{'metric':<36}" + "".join(f"{split:>10}" for split in SPLITS))
    for key in keys:
        print(f"{key:<36}" + "".join(f"{results[s][key]!s:>10}" for s in SPLITS))
    for split in SPLITS:
        print(f"contexts ({split}): {results[split]['mentions_by_context']}")
    print("precision = requirement-scope mentions; cues chosen on train+dev, test reported")
    print(f"(target: test precision >= 0.90, recall >= 0.85; details in {OUT.name})")


if __name__ == "__main__":
    main()
