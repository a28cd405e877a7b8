"""A text's paragraphs: its parts between blank lines (``"\\n\\n"``), and what readers
remember of them.

Ingest reads each posting's description three times paragraph by paragraph (its content
hash, its skills, their contexts), and each reader remembers what it read in the
paragraphs it has seen (:class:`ParagraphMemo`): postings repeat their boilerplate.
:func:`paragraphs` splits the text once for all three, so each paragraph is one string
whose hash Python computes once for every memo.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

__all__ = ["ParagraphMemo", "paragraphs"]

_K = TypeVar("_K", bound=Hashable)
_V = TypeVar("_V")

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


class ParagraphMemo(Generic[_K, _V]):
    """What a reader got from each paragraph, kept for up to ``chars`` characters of
    paragraphs in all; when full, it forgets them all at once (cheaper than an LRU's
    bookkeeping on every paragraph, and memory stays bounded: tens of MB at most)."""

    def __init__(self, chars: int) -> None:
        self.chars = chars
        self._memo: dict[_K, _V] = {}
        self._held = 0
        # the dict's own look-up: a hit costs no Python call (ingest looks up ~30 a posting)
        self.get: Callable[[_K], _V | None] = self._memo.get

    def put(self, key: _K, value: _V, size: int) -> None:
        """Remember ``value`` for ``key``, a paragraph of ``size`` characters."""
        self._held += size
        if self._held > self.chars:
            self._memo.clear()
            self._held = size
        self._memo[key] = value

    def clear(self) -> None:
        self._memo.clear()
        self._held = 0

    def __len__(self) -> int:
        return len(self._memo)
