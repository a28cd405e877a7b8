"""The remembered steps of skill extraction give what reading the text afresh gives.

Ingest reads millions of postings whose paragraphs and lines recur (an employer's
boilerplate, one job on several boards), so :class:`~paypath.skills.SkillExtractor`
remembers each paragraph's hits and :mod:`paypath.mention_context` each line's cues.
These tests hold them to the unremembered answers, on texts built to stress where the
shortcuts could go wrong: a skill name broken over a line, blank lines of every length,
and the same line after a different topic.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from paypath import mention_context
from paypath.mention_context import context_cues, mention_contexts
from paypath.skills import default_extractor

PIECES = [
    "Google",
    "Cloud Platform",
    "Google Cloud Platform",
    "Python.",
    "C++",
    "C#",
    ".NET",
    "Go",
    "go",
    "R",
    "Swift",
    "We offer great perks.",
    "You need 5 years of experience.",
    "Our stack runs on Kubernetes.",
    "Requirements:",
    "Benefits",
    "java spring-boot go amazon-web-services",
    "Senior Java Developer",
    "Straße Café",
    "İstanbul",
    "and",
    "Node.js",
    "is used daily.",
]
SEPARATORS = [" ", "\n", "\n\n", "\n\n\n", "\r\n", "\r\n\r\n", ", ", "/", " \n \n "]

texts = st.lists(
    st.tuples(st.sampled_from(PIECES), st.sampled_from(SEPARATORS)), min_size=1, max_size=25
).map(lambda parts: "".join(p + s for p, s in parts))


@settings(max_examples=300, deadline=None)
@given(texts)
def test_paragraph_hits_are_the_whole_texts_hits(text: str) -> None:
    extractor = default_extractor()
    whole = extractor._plain_hits(text)  # hits and tag lines' hits, the text read whole
    for _ in range(2):  # the second time from the paragraphs remembered
        found, tags = extractor._hits(text)
        assert (tuple(found), tuple(tags)) == whole


def test_a_skill_name_broken_over_a_line_is_one_mention_a_blank_line_splits_it() -> None:
    broken = default_extractor().extract("Stack:\n\nWe use Google\nCloud Platform daily")
    assert [m.text for m in broken] == ["Google\nCloud Platform"]
    split = default_extractor().extract("We use Google\n\nCloud Platform daily")
    assert all("\n" not in m.text for m in split)


@settings(max_examples=300, deadline=None)
@given(texts)
def test_remembered_cues_are_the_fresh_ones(text: str) -> None:
    spans = [(m.start, m.end) for m in default_extractor().extract(text)]
    remembered = [context_cues(text, spans) for _ in range(2)]
    mention_context._LINE_MEMO.clear()
    mention_context._PARAGRAPH_MEMO.clear()
    fresh = context_cues(text, spans)
    reader = mention_context._Reader(multiline="\n" in text.strip())
    starts = [s for s, _ in spans]
    whole = reader.lines(text, spans, starts, stop=True)  # line by line, no paragraphs
    mention_context._LINE_MEMO.clear()
    assert remembered[0] == remembered[1] == fresh == whole


def test_a_paragraph_remembered_after_one_topic_is_read_again_after_another() -> None:
    paragraph = "Python is used daily."
    mention_context._PARAGRAPH_MEMO.clear()
    contexts = []
    for before in ("We offer great perks.", "You need 5 years of experience.", "Perks:"):
        text = f"{before}\n\n{paragraph}\n\nGo"
        start = text.index("Python")
        contexts.append(mention_contexts(text, [(start, start + len("Python"))]))
    assert contexts == [["benefits"], ["requirement"], ["benefits"]]


def test_a_line_remembered_after_one_topic_is_read_again_after_another() -> None:
    line = "Python is used daily."
    mention_context._LINE_MEMO.clear()
    after_perks = f"We offer great perks.\n{line}"
    after_needs = f"You need 5 years of experience.\n{line}"
    contexts = []
    for text in (after_perks, after_needs, after_perks):
        start = text.index("Python")
        contexts.append(mention_contexts(text, [(start, start + len("Python"))]))
    assert contexts == [["benefits"], ["requirement"], ["benefits"]]
