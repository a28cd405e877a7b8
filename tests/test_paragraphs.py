"""paragraphs: one split per text, and the bounded memo the paragraph readers share."""

from __future__ import annotations

from paypath.paragraphs import ParagraphMemo, paragraphs


def test_paragraphs_split_at_blank_lines_once_per_text() -> None:
    text = "About us\n\nWe build things.\n\n\nApply"
    assert paragraphs(text) == ("About us", "We build things.", "\nApply")
    assert paragraphs(text) is paragraphs(text)  # the same text: the same split
    assert paragraphs("one line") == ("one line",)


def test_a_full_memo_forgets_everything_and_keeps_the_newest() -> None:
    memo: ParagraphMemo[str, int] = ParagraphMemo(10)
    memo.put("abcd", 1, 4)
    memo.put("efgh", 2, 4)
    assert (memo.get("abcd"), memo.get("efgh"), len(memo)) == (1, 2, 2)
    memo.put("ijkl", 3, 4)  # 12 characters > 10: the earlier ones go
    assert (memo.get("abcd"), memo.get("efgh"), memo.get("ijkl"), len(memo)) == (
        None,
        None,
        3,
        1,
    )
    memo.clear()
    assert (memo.get("ijkl"), len(memo)) == (None, 0)
    memo.put("a" * 10, 4, 10)  # counting starts again from empty
    assert memo.get("a" * 10) == 4
