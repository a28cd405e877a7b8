"""CSV inputs that the chunked readers (local workers, Spark tasks) must handle."""

from __future__ import annotations

from pathlib import Path


def stray_quote_postings(path: Path) -> Path:
    """30 quoted multi-line postings and one unquoted field with a stray quote (5" screen):
    a byte-range cut after it falls inside a record, so a reader must notice and read the
    file in order."""
    lines = ["title,salary,description"]
    lines += [
        f'"Data Engineer {i}","$100,000 - $120,000","Python and SQL\nSpark\nAirflow"'
        for i in range(30)
    ]
    lines.insert(5, 'Data Analyst 5" screen,"$90,000",Excel')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
