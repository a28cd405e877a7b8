"""A text's paragraphs: its parts between blank lines (``"\\n\\n"``).

Ingest reads each posting's description three times paragraph by paragraph (its content
hash, its skills, their contexts), and each reader remembers the paragraphs it has seen:
postings repeat their boilerplate. :func:`paragraphs` splits the text once for all three,
so each paragraph is one string whose hash Python computes once for every memo.
"""

from __future__ import annotations

__all__ = ["paragraphs"]

# the last text split and its paragraphs (one tuple, replaced whole: safe across threads)
_last: list[tuple[str, tuple[str, ...]]] = [("", ("",))]


def paragraphs(text: str) -> tuple[str, ...]:
    """``tuple(text.split("\\n\\n"))``; for the same text object as the last call, the
    same tuple."""
    last = _last[0]
    if last[0] is text:
        return last[1]
    parts = tuple(text.split("\n\n"))
    _last[0] = (text, parts)
    return parts
