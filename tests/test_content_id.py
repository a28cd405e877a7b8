"""content_id: the sha256 every store's posting ids are, however a text is read."""

from __future__ import annotations

import hashlib
import json

from hypothesis import given, settings
from hypothesis import strategies as st

from paypath.market import records
from paypath.market.records import content_id


def _defined(*parts: object) -> str:
    """The id as defined: a JSON list of the parts, whitespace collapsed, case folded."""
    text = json.dumps(
        [" ".join(str(p).split()).casefold() if p is not None else None for p in parts],
        ensure_ascii=False,
    )
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# whitespace of every kind str.split knows, blank lines, characters JSON escapes, and
# characters case folding changes or lengthens
PIECES = ["Python", "ß", "İ", "ﬁ", "Σ", "É", '"', "\\", "\x01", "\x1f", "😀", "word"]
SPACES = [" ", "  ", "\n", "\n\n", "\n\n\n", "\t", "\r\n\r\n", "\u3000", "\xa0", "\u2028", "\x85"]
texts = st.lists(
    st.tuples(st.sampled_from(PIECES), st.sampled_from(SPACES)), min_size=0, max_size=120
).map(lambda parts: "".join(p + s for p, s in parts))


@settings(max_examples=400, deadline=None)
@given(texts, st.one_of(st.none(), st.integers(), st.text(max_size=20)))
def test_content_id_is_the_defined_hash(text: str, other: object) -> None:
    long = text * (1 + records._PARAGRAPHED // (len(text) + 1))  # paragraph by paragraph
    for parts in ((text, other), (other, long, None), (long,), ()):
        assert content_id(*parts) == _defined(*parts)
        assert content_id(*parts) == _defined(*parts)  # the paragraphs now remembered


def test_a_posting_id_is_stable() -> None:
    # the id of one posting as stores hold it: changing it would break re-ingest dedup
    description = ("About us\n\nWe build  things.\n\n" * 20) + "Requirements: Python"
    assert content_id("Data Engineer", "Acme", "Austin, TX", (1.0, None), description) == (
        "7f91316b323050de7fb9518be549e3efa6389cd0b66684bf7690f27dc085a89d"
    )
    assert content_id("x") == hashlib.sha256(b'["x"]').hexdigest()
