"""Peak memory of reading résumé "bombs": small files that would unpack to gigabytes.

Target (issue #20): for a 5 MB upload, peak memory stays under 300 MB above idle. Each case
runs in a fresh process: ``idle`` is the peak RSS after importing the readers and reading a
normal résumé; ``peak`` after reading the bomb. Cases:

* ``docx``: a 4.8 MB DOCX whose ``word/document.xml`` inflates to ~4.8 GiB (deflate ~1000:1);
* ``pdf-stream``: a PDF whose one page's content stream inflates to ``--pdf-mb`` MB;
* ``pdf-pages``: a PDF with 5,000 blank pages.

    .venv/bin/python bench/upload_bombs.py [--docx-mb 4900] [--pdf-mb 1024] [--src DIR]

``--src`` reads with another source tree (e.g. main's ``src``, for a before/after figure;
give it a small ``--docx-mb`` there: the unchecked reader inflates the whole part).
Prints a table and writes bench/out/upload_bombs.json.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _bombs import MB, docx_inflated, pdf_with

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out" / "upload_bombs.json"
NORMAL = ROOT / "tests" / "fixtures" / "resumes" / "cloud_engineer.docx"
TARGET_MB = 300.0

CHILD = r"""
import json, resource, sys, time
from pathlib import Path
from paypath.resume import read_resume
from paypath.errors import PaypathError
import docx, pypdf  # the readers, loaded before the idle figure
read_resume(Path(sys.argv[2]))
idle = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
data = Path(sys.argv[1]).read_bytes()
start = time.perf_counter()
try:
    read_resume(data, Path(sys.argv[1]).name)
    outcome = "read"
except PaypathError as exc:
    outcome = f"{exc.status} {exc.message}"
except MemoryError:
    outcome = "MemoryError"
seconds = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"idle_mb": idle, "peak_mb": peak, "seconds": seconds, "outcome": outcome}))
"""


def measure(path: Path, src: Path) -> dict[str, object]:
    env = {**os.environ, "PYTHONPATH": str(src)}
    run = subprocess.run(
        [sys.executable, "-c", CHILD, str(path), str(NORMAL)],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if run.returncode != 0:
        return {"outcome": f"process died (exit {run.returncode}): {run.stderr[-300:]}"}
    result: dict[str, object] = json.loads(run.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docx-mb", type=int, default=4900, help="MB the DOCX part unpacks to")
    parser.add_argument("--pdf-mb", type=int, default=1024, help="MB the PDF stream unpacks to")
    parser.add_argument("--src", type=Path, default=ROOT / "src", help="source tree to test")
    args = parser.parse_args()
    cases = {
        "docx": ("bomb.docx", lambda: docx_inflated(NORMAL, args.docx_mb)),
        "pdf-stream": ("bomb.pdf", lambda: pdf_with(1, args.pdf_mb * MB)),
        "pdf-pages": ("pages.pdf", lambda: pdf_with(5000, 0)),
    }
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for case, (filename, build) in cases.items():
            path = Path(tmp) / filename
            path.write_bytes(build())
            result = {"case": case, "file_mb": path.stat().st_size / 1_048_576}
            result.update(measure(path, args.src))
            rows.append(result)
    print(f"{'case':<11} {'file MB':>8} {'idle MB':>8} {'peak MB':>8} {'+MB':>7} {'s':>6}  outcome")
    for r in rows:
        idle, peak = r.get("idle_mb"), r.get("peak_mb")
        above = peak - idle if isinstance(idle, float) and isinstance(peak, float) else None
        r["above_idle_mb"] = above
        print(
            f"{r['case']:<11} {r['file_mb']:>8.2f} {idle or 0:>8.0f} {peak or 0:>8.0f} "
            f"{above or 0:>7.0f} {r.get('seconds') or 0:>6.2f}  {str(r['outcome'])[:70]}"
        )
    worst = max((r["above_idle_mb"] or 0) for r in rows)
    verdict = "met" if worst < TARGET_MB else "MISSED"
    print(f"worst peak above idle: {worst:.0f} MB (target < {TARGET_MB:.0f} MB: {verdict})")
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps({"src": str(args.src), "cases": rows}, indent=2))


if __name__ == "__main__":
    main()
