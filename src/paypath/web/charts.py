"""Chart specs: the JSON that ``static/js/charts.js`` draws as SVG.

A spec is rows of marks on one numeric axis. Each mark carries its own hover text, which
names the source of the number, so every figure in a chart says where it comes from::

    {"title": str, "unit": "usd" | "pct",
     "series": [{"key", "label", "style": "range" | "point"}],
     "rows": [{"label", "href"?, "marks": [{"series", "lo"?, "hi"?, "mid"?, "value"?, "title"}]}],
     "refs": [{"value", "label"}]}
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

__all__ = ["Chart", "Mark", "Series"]

Style = Literal["range", "point"]


@dataclass(frozen=True)
class Series:
    key: str
    label: str
    style: Style


@dataclass
class Mark:
    series: str
    title: str
    lo: float | None = None
    hi: float | None = None
    mid: float | None = None
    value: float | None = None
    open: bool = False  # the range's top is a floor ("$240,000+")

    def spec(self) -> dict[str, Any]:
        out: dict[str, Any] = {"series": self.series, "title": self.title}
        for name in ("lo", "hi", "mid", "value"):
            v = getattr(self, name)
            if v is not None:
                out[name] = round(float(v), 4)
        if self.open:
            out["open"] = True
        return out

    @property
    def usable(self) -> bool:
        return self.value is not None or (self.lo is not None and self.hi is not None)


@dataclass
class Chart:
    title: str
    series: list[Series]
    unit: Literal["usd", "pct"] = "usd"
    rows: list[dict[str, Any]] = field(default_factory=list)
    refs: list[dict[str, Any]] = field(default_factory=list)

    def add_row(self, label: str, marks: list[Mark], href: str | None = None) -> None:
        """Add a row with its usable marks (a row with none is left out)."""
        kept = [m.spec() for m in marks if m.usable]
        if kept:
            row: dict[str, Any] = {"label": label, "marks": kept}
            if href:
                row["href"] = href
            self.rows.append(row)

    def add_ref(self, value: float, label: str) -> None:
        self.refs.append({"value": value, "label": label})

    def spec(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "unit": self.unit,
            "series": [{"key": s.key, "label": s.label, "style": s.style} for s in self.series],
            "rows": self.rows,
            "refs": self.refs,
        }

    def __bool__(self) -> bool:
        return bool(self.rows)
