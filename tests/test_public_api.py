"""The public API is exactly what __all__ says, and every name in it exists."""

from __future__ import annotations

import subprocess
import sys

import paypath


def test_all_names_exist_and_are_sorted() -> None:
    assert list(paypath.__all__) == sorted(paypath.__all__)
    for name in paypath.__all__:
        assert getattr(paypath, name) is not None, name


def test_no_public_name_outside_all() -> None:
    public = {n for n in dir(paypath) if not n.startswith("_")}
    modules = {n for n in public if type(getattr(paypath, n)).__name__ == "module"}
    assert public - modules - {"annotations", "importlib", "TYPE_CHECKING", "Any"} == set(
        paypath.__all__
    )


def test_importing_paypath_loads_no_heavy_dependency() -> None:
    heavy = "{'duckdb', 'pandas', 'statsmodels', 'fastapi'}"
    code = f"import sys, paypath; print(sorted({heavy} & set(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_unknown_attribute_raises_attribute_error() -> None:
    try:
        paypath.no_such_name  # type: ignore[attr-defined]  # noqa: B018
    except AttributeError as exc:
        assert "no_such_name" in str(exc)
    else:
        raise AssertionError("expected AttributeError")
