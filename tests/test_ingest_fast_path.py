"""The ingest's fast path gives what the plain reading gives, on real postings.

Mention context remembers the pure steps of its reading (a line's heading, a sentence's
cues, a line's and a paragraph's contexts) and skill extraction each paragraph's hits,
per process, since postings repeat their boilerplate. These tests convert real rows
from ../shared/data twice over with the memos on (cold, then warm and in reverse order)
and once with every memo replaced by the plain function it wraps, and require the same
records, skills, contexts and rejections from all of them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from paypath import mention_context
from paypath.market.ingest import Converted, convert_batch
from paypath.market.sources import SOURCES
from paypath.skills import SkillExtractor, default_extractor

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
FILES = [
    pytest.param("linkedin", "linkedin-postings/postings_sample1000.csv", id="linkedin"),
    pytest.param("glassdoor", "glassdoor-ds/glassdoor_jobs.csv", id="glassdoor-ds"),
    pytest.param("glassdoor", "glassdoor-ds/Uncleaned_DS_jobs.csv", id="glassdoor-uncleaned"),
]
ROWS = 400
MEMOS = ("_cue", "_heading", "_inline_heading", "_is_title_line", "_sentence_starts")


def _rows(kind: str, name: str) -> list[tuple[int, dict[str, Any]]]:
    path = DATA / name
    if not path.exists():
        pytest.skip(f"{path} is not here (see ../shared/data/*/SOURCE.md)")
    rows = []
    for number, row in enumerate(SOURCES[kind].read(path), start=1):
        rows.append((number, row))
        if number == ROWS:
            break
    return rows


def _clear() -> None:
    for name in MEMOS:
        getattr(mention_context, name).cache_clear()
    mention_context._mention_cue.cache_clear()
    mention_context._LINE_MEMO.clear()
    mention_context._PARAGRAPH_MEMO.clear()
    default_extractor()._block_memo.clear()
    default_extractor()._verdicts.clear()


class _Forgetful(dict[tuple[int, str], "bool | None"]):
    """A memo that remembers nothing."""

    def __setitem__(self, key: tuple[int, str], value: bool | None) -> None:
        pass


def _plain(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every memo replaced by the function it remembers."""
    for name in MEMOS:
        monkeypatch.setattr(mention_context, name, getattr(mention_context, name).plain)
    monkeypatch.setattr(mention_context, "_mention_cue", mention_context._mention_cue.__wrapped__)
    monkeypatch.setattr(
        mention_context, "_remembered_line_contexts", mention_context._line_contexts
    )
    monkeypatch.setattr(default_extractor(), "_verdicts", _Forgetful())
    monkeypatch.setattr(  # the whole text read at once, no paragraph remembered
        SkillExtractor, "_hits", lambda self, text: tuple(map(list, self._plain_hits(text)))
    )


def _outcome(converted: Converted) -> list[tuple[Any, ...]]:
    by_row: list[tuple[Any, ...]] = [
        (n, r.row(), sorted(r.skills.items()), sorted((r.asked or {}).items()))
        for n, r in converted.records
    ]
    by_row += [(n, reason, raw) for n, reason, raw in converted.rejected]
    return sorted(by_row, key=lambda item: item[0])


@pytest.mark.parametrize(("kind", "name"), FILES)
def test_remembered_reading_equals_plain_reading(
    kind: str, name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    rows = _rows(kind, name)
    source = SOURCES[kind]
    _clear()
    cold = _outcome(convert_batch(source, rows))
    warm = _outcome(convert_batch(source, rows[::-1]))
    with monkeypatch.context() as patch:
        _plain(patch)
        plain = _outcome(convert_batch(source, rows))
    assert len(plain) == len(rows)
    assert sum(1 for item in plain if len(item) == 4 and item[2]) > len(rows) // 4  # skills
    assert cold == plain
    assert warm == plain


def test_remembered_contexts_equal_plain_contexts(monkeypatch: pytest.MonkeyPatch) -> None:
    """Per mention: the context and the cue that decided it, on real descriptions."""
    texts = [
        str(row.get("description") or "")
        for _, row in _rows("linkedin", "linkedin-postings/postings_sample1000.csv")
    ]
    extractor = default_extractor()
    spans = [[(m.start, m.end) for m in extractor.extract(text)] for text in texts]
    _clear()
    fast = [mention_context.context_cues(t, s) for t, s in zip(texts, spans, strict=True)]
    again = [mention_context.context_cues(t, s) for t, s in zip(texts, spans, strict=True)]
    with monkeypatch.context() as patch:
        _plain(patch)
        plain = [mention_context.context_cues(t, s) for t, s in zip(texts, spans, strict=True)]
    assert sum(map(len, plain)) > len(texts)  # mentions were read
    assert fast == plain
    assert again == plain
    assert mention_context._cue._remembered.cache_info().hits > 0  # the memo was used


def test_long_texts_are_not_remembered() -> None:
    _clear()
    line = "Requirements " + "x" * (mention_context._MEMO_CHARS + 10)
    mention_context._heading(line)
    assert mention_context._heading._remembered.cache_info().currsize == 0
    mention_context._heading("Requirements:")
    assert mention_context._heading._remembered.cache_info().currsize == 1
