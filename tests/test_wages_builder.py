"""scripts/build_oews.py reads BLS's ``oe.*`` flat files as well as the SQLite release.

The flat files are written here from the shared SQLite release (the same BLS figures, laid
out as https://download.bls.gov/pub/time.series/oe/ publishes them) for three areas, and the
builder's output for those areas must equal the shipped extract's rows.
"""

from __future__ import annotations

import csv
import gzip
import importlib.util
import shutil
import sqlite3
from pathlib import Path
from types import ModuleType

import pytest

from paypath.resources import data_path

REPO = Path(__file__).resolve().parents[1]
SHARED_OEWS = REPO.parent / "shared" / "data" / "oews" / "oews-2025.sqlite.gz"
AREAS = {"0000000": "N", "0600000": "S", "0041940": "M"}  # national, California, San Jose


def _builder() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_oews", REPO / "scripts/build_oews.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _write_flat_files(db: Path, folder: Path) -> None:
    con = sqlite3.connect(db)
    folder.mkdir()

    def tsv(name: str, header: list[str], rows: list[tuple[object, ...]]) -> None:
        with (folder / name).open("w", encoding="utf-8", newline="") as fh:
            w = csv.writer(fh, delimiter="\t", lineterminator="\n")
            w.writerow(header)
            w.writerows(rows)

    tsv(
        "oe.area",
        ["state_code", "area_code", "areatype_code", "area_name"],
        con.execute("SELECT state_code, area_code, areatype_code, area_name FROM area").fetchall(),
    )
    tsv(
        "oe.occupation",
        ["occupation_code", "occupation_name", "display_level"],
        con.execute("SELECT * FROM occupation").fetchall(),
    )
    tsv(
        "oe.footnote",
        ["footnote_code", "footnote_text"],
        con.execute("SELECT * FROM footnote").fetchall(),
    )
    tsv("oe.release", ["release_date", "description"], [("2026-05-15", "May 2025")])
    rows: list[tuple[object, ...]] = []
    for area, kind in AREAS.items():
        prefix = f"OEU{kind}{area}000000"
        for row in con.execute(
            "SELECT * FROM cell WHERE key >= ? AND key < ?", (prefix, prefix + "~")
        ):
            for i in range(1, 16):
                if row[i] is not None:
                    sid = f"{row[0]}{i:02d}"
                    rows.append((f"{sid:<30}", "2025", "A01", f"{row[i]:>12}", row[17 + i] or ""))
    tsv("oe.data.0.Current", ["series_id", "year", "period", "value", "footnote_codes"], rows)
    con.close()


def _rows(folder: Path) -> list[dict[str, str]]:
    with gzip.open(folder / "wages.csv.gz", "rt", encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.mark.skipif(not SHARED_OEWS.exists(), reason="needs ../shared/data/oews (present in CI)")
def test_flat_files_give_the_same_rows_as_the_shipped_extract(tmp_path: Path) -> None:
    db = tmp_path / "oews.sqlite"
    with gzip.open(SHARED_OEWS, "rb") as src, db.open("wb") as dst:
        shutil.copyfileobj(src, dst, 1 << 20)
    flat = tmp_path / "flat"
    _write_flat_files(db, flat)
    out = tmp_path / "out"
    meta = _builder().build(flat, out)
    built = _rows(out)
    shipped = [r for r in _rows(Path(str(data_path("oews")))) if r["area_code"] in AREAS]
    assert built == shipped
    assert meta["release"] == "May 2025" and meta["rows"] == len(shipped) > 1000
    assert set(meta["source_files"]) >= {"oe.area", "oe.data.0.Current"}
