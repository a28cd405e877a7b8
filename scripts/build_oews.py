"""Build paypath's shipped OEWS extract from BLS's published files.

Reads either the SQLite release (``oews-2025.sqlite`` or ``.sqlite.gz``, see the
``manifest.json`` beside it) or a folder of BLS ``oe.*`` flat files
(``oe.area``, ``oe.occupation``, ``oe.footnote``, ``oe.release`` and
``oe.data.0.Current`` from https://download.bls.gov/pub/time.series/oe/), and writes
``src/paypath/data/oews/``:

* ``wages.csv.gz``  one row per (area, occupation), cross-industry only: every occupation
  nationally, and every state/metro/nonmetro area for the SOC 15-xxxx codes, 11-3021,
  11-9041 and every SOC code a catalog role maps to. Values are BLS's published strings
  (``-`` where BLS publishes none) with BLS footnote codes per field, so nothing is invented.
* ``areas.csv``, ``occupations.csv``, ``footnotes.csv``  BLS's lookup tables (trimmed).
* ``meta.json``  release, source files with sha256, row counts and the extract's checksums.

Format choice: gzipped CSV read with the standard library into dicts once per process
(about 20k rows load in well under a second; no extra dependency, deterministic bytes).

Usage: ``python scripts/build_oews.py [SOURCE] [--out DIR]`` (SOURCE defaults to
``../shared/data/oews/oews-2025.sqlite.gz``).
"""

from __future__ import annotations

import argparse
import csv
import gzip
import hashlib
import io
import json
import shutil
import sqlite3
import tempfile
from collections.abc import Iterator
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
DEFAULT_SOURCE = REPO.parent / "shared" / "data" / "oews" / "oews-2025.sqlite.gz"
DEFAULT_OUT = REPO / "src" / "paypath" / "data" / "oews"

#: BLS datatype codes kept (01-15: employment, RSEs, hourly and annual mean and percentiles).
DATATYPES = [f"{i:02d}" for i in range(1, 16)]
FIELDS = [
    "employment",
    "rse_employment",
    "h_mean",
    "a_mean",
    "rse_wage",
    "h_p10",
    "h_p25",
    "h_median",
    "h_p75",
    "h_p90",
    "a_p10",
    "a_p25",
    "a_median",
    "a_p75",
    "a_p90",
]
HEADER = ["area_code", "soc", *FIELDS, "footnotes"]
EXTRA_SOCS = {"113021", "119041"}
CROSS_INDUSTRY = "000000"


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def catalog_socs() -> set[str]:
    """SOC codes (digits only) that any catalog role maps to."""
    roles = yaml.safe_load((REPO / "src" / "paypath" / "data" / "roles.yaml").read_text("utf-8"))
    return {soc.replace("-", "") for r in roles["roles"] for soc in r["soc_codes"]}


def wanted_in_areas(occupations: dict[str, str]) -> set[str]:
    socs = {code for code in occupations if code.startswith("15")}
    return socs | EXTRA_SOCS | catalog_socs()


class Release:
    """BLS lookup tables plus an iterator over cross-industry cells."""

    def __init__(self) -> None:
        self.meta: dict[str, str] = {}
        self.areas: list[tuple[str, str, str, str]] = []  # code, type, state_code, name
        self.occupations: dict[str, str] = {}
        self.footnotes: dict[str, str] = {}
        self.sources: dict[str, dict[str, object]] = {}

    def cells(self) -> Iterator[tuple[str, str, str, list[str], list[str | None]]]:
        """(area_type, area_code, soc, values[15], footnotes[15]) for industry 000000."""
        raise NotImplementedError


class SqliteRelease(Release):
    def __init__(self, path: Path, workdir: Path) -> None:
        super().__init__()
        self.sources[path.name] = {"bytes": path.stat().st_size, "sha256": _sha256(path)}
        manifest = path.parent / "manifest.json"
        if manifest.exists():
            self.sources["manifest.json"] = {
                "bytes": manifest.stat().st_size,
                "sha256": _sha256(manifest),
                "bls_files": {
                    k: {"url": v.get("url"), "sha256": v.get("sha256")}
                    for k, v in json.loads(manifest.read_text("utf-8"))["sources"].items()
                },
            }
        if path.suffix == ".gz":
            db = workdir / path.stem
            with gzip.open(path, "rb") as src, db.open("wb") as dst:
                shutil.copyfileobj(src, dst, 1 << 20)
        else:
            db = path
        self.con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        self.meta = dict(self.con.execute("SELECT name, value FROM meta").fetchall())
        self.areas = sorted(
            self.con.execute("SELECT area_code, areatype_code, state_code, area_name FROM area")
        )
        self.occupations = dict(
            self.con.execute("SELECT occupation_code, occupation_name FROM occupation")
        )
        self.footnotes = dict(self.con.execute("SELECT footnote_code, footnote_text FROM footnote"))

    def cells(self) -> Iterator[tuple[str, str, str, list[str], list[str | None]]]:
        cols = ", ".join([f"v{d}" for d in DATATYPES] + [f"f{d}" for d in DATATYPES])
        sql = f"SELECT key, {cols} FROM cell WHERE substr(key, 12, 6) = ? ORDER BY key"
        n = len(DATATYPES)
        for row in self.con.execute(sql, (CROSS_INDUSTRY,)):
            key = row[0]
            yield key[3], key[4:11], key[17:23], list(row[1 : n + 1]), list(row[n + 1 :])


class FlatRelease(Release):
    """BLS ``oe.*`` tab-separated flat files in one folder."""

    def __init__(self, folder: Path) -> None:
        super().__init__()
        self.folder = folder
        for name in ("oe.area", "oe.occupation", "oe.footnote", "oe.release", "oe.data.0.Current"):
            p = folder / name
            if p.exists():
                self.sources[name] = {"bytes": p.stat().st_size, "sha256": _sha256(p)}
        for r in self._rows("oe.area"):
            self.areas.append((r["area_code"], r["areatype_code"], r["state_code"], r["area_name"]))
        self.areas.sort()
        self.occupations = {
            r["occupation_code"]: r["occupation_name"] for r in self._rows("oe.occupation")
        }
        self.footnotes = {r["footnote_code"]: r["footnote_text"] for r in self._rows("oe.footnote")}
        release = next(iter(self._rows("oe.release")), {})
        year = release.get("release_date", "")[:4] or ""
        self.meta = {"release": release.get("description", ""), "data_year": year}

    def _rows(self, name: str) -> Iterator[dict[str, str]]:
        with (self.folder / name).open(encoding="utf-8", newline="") as fh:
            reader = csv.DictReader(fh, delimiter="\t")
            for row in reader:
                yield {k.strip(): (v or "").strip() for k, v in row.items() if k}

    def cells(self) -> Iterator[tuple[str, str, str, list[str], list[str | None]]]:
        grid: dict[tuple[str, str, str], tuple[list[str], list[str | None]]] = {}
        for r in self._rows("oe.data.0.Current"):
            sid = r["series_id"]
            if sid[11:17] != CROSS_INDUSTRY:
                continue
            dt = sid[23:25]
            if dt not in DATATYPES:
                continue
            cell = grid.setdefault((sid[3], sid[4:11], sid[17:23]), (["-"] * 15, [None] * 15))
            i = DATATYPES.index(dt)
            cell[0][i] = r["value"]
            cell[1][i] = r.get("footnote_codes") or None
        for (atype, area, soc), (values, notes) in sorted(grid.items(), key=lambda kv: kv[0][1:]):
            yield atype, area, soc, values, notes


def build(source: Path, out: Path) -> dict[str, object]:
    """Write the extract to ``out``; return its metadata."""
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        rel: Release = FlatRelease(source) if source.is_dir() else SqliteRelease(source, Path(tmp))
        in_areas = wanted_in_areas(rel.occupations)
        rows: list[list[str]] = []
        socs_used: set[str] = set()
        areas_used: set[str] = set()
        for atype, area, soc, values, notes in rel.cells():
            if atype != "N" and soc not in in_areas:
                continue
            fn = ";".join(
                f"{FIELDS[i]}:{notes[i]}" for i in range(len(FIELDS)) if notes[i] not in (None, "")
            )
            rows.append([area, soc, *[v if v not in (None, "") else "-" for v in values], fn])
            socs_used.add(soc)
            areas_used.add(area)
        rows.sort(key=lambda r: (r[0], r[1]))

        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(HEADER)
        w.writerows(rows)
        text = buf.getvalue().encode("utf-8")
        with (
            (out / "wages.csv.gz").open("wb") as raw,
            gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=9) as gz,
        ):
            gz.write(text)

        def write_csv(name: str, header: list[str], body: list[list[str]]) -> None:
            with (out / name).open("w", encoding="utf-8", newline="") as fh:
                cw = csv.writer(fh, lineterminator="\n")
                cw.writerow(header)
                cw.writerows(body)

        area_type = {"N": "national", "S": "state", "M": "metro"}
        write_csv(
            "areas.csv",
            ["area_code", "area_type", "state_code", "area_name"],
            [
                [
                    code,
                    "nonmetro" if "nonmetropolitan" in name.lower() else area_type.get(t, t),
                    st,
                    name,
                ]
                for code, t, st, name in rel.areas
                if code in areas_used
            ],
        )
        write_csv(
            "occupations.csv",
            ["soc", "title"],
            [[c, rel.occupations[c]] for c in sorted(socs_used) if c in rel.occupations],
        )
        write_csv(
            "footnotes.csv", ["code", "text"], sorted([k, v] for k, v in rel.footnotes.items())
        )

        meta: dict[str, object] = {
            "dataset": "BLS Occupational Employment and Wage Statistics (OEWS)",
            "publisher": "U.S. Bureau of Labor Statistics",
            "url": "https://www.bls.gov/oes/",
            "license": "Public domain (U.S. federal government work)",
            "release": rel.meta.get("release", ""),
            "release_code": rel.meta.get("release_code", ""),
            "data_year": rel.meta.get("data_year", ""),
            "industry": "Cross-industry (000000), all ownerships",
            "scope": "every occupation nationally; every state, metro and nonmetro area for "
            "SOC 15-xxxx, 11-3021, 11-9041 and the catalog's SOC codes",
            "area_socs": sorted(in_areas & socs_used),
            "source": str(source.name),
            "source_files": rel.sources,
            "rows": len(rows),
            "areas": len(areas_used),
            "occupations": len(socs_used),
            "wages_csv_sha256": hashlib.sha256(text).hexdigest(),
            "builder": "scripts/build_oews.py",
        }
        (out / "meta.json").write_text(json.dumps(meta, indent=2, sort_keys=True) + "\n", "utf-8")
        if isinstance(rel, SqliteRelease):
            rel.con.close()
    return meta


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("source", nargs="?", type=Path, default=DEFAULT_SOURCE)
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = ap.parse_args(argv)
    meta = build(args.source, args.out)
    size = sum(p.stat().st_size for p in args.out.iterdir())
    print(
        f"{meta['rows']} rows, {meta['areas']} areas, {meta['occupations']} occupations, "
        f"{size / 1e6:.2f} MB in {args.out}"
    )


if __name__ == "__main__":
    main()
