"""The public API is exactly what __all__ says, and every name in it exists."""

from __future__ import annotations

import paypath


def test_all_names_exist_and_are_sorted() -> None:
    assert list(paypath.__all__) == sorted(paypath.__all__)
    for name in paypath.__all__:
        assert hasattr(paypath, name), name


def test_no_public_name_outside_all() -> None:
    public = {n for n in vars(paypath) if not n.startswith("_")}
    modules = {n for n in public if type(getattr(paypath, n)).__name__ == "module"}
    assert public - modules - {"annotations"} == set(paypath.__all__)
