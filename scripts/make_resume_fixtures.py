"""Write the résumé fixtures in tests/fixtures/resumes/ (TXT, MD, DOCX, PDF).

Each résumé is written once as plain text (the ``.txt`` file); the Markdown, DOCX and
PDF files carry the same lines with that format's markup, so a test can check that
every format yields the same skills as the plain text. The PDF is written by a
minimal PDF 1.4 writer (Helvetica, WinAnsi), the DOCX by python-docx.

    .venv/bin/python scripts/make_resume_fixtures.py
"""

from __future__ import annotations

from pathlib import Path

import docx

OUT = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "resumes"

RESUMES: dict[str, str] = {
    "ml_researcher": """\
# Priya Raman
Senior Machine Learning Researcher - Seattle, WA
## Summary
Research scientist with 7 years of experience training large language models.
## Experience
### Research Scientist, Northwind AI (2021-present)
- Pretrained transformer language models with PyTorch and distributed training on 512 GPUs.
- Wrote custom CUDA kernels that cut inference latency by 40%.
- Published work on reinforcement learning from human feedback and NLP evaluation.
### Machine Learning Engineer, Contoso Health (2018-2021)
- Built computer vision models in TensorFlow for radiology triage.
- Shipped models with Docker and Kubernetes; tracked experiments in MLflow.
## Skills
Python, PyTorch, JAX, Transformers, CUDA, deep learning, linear algebra, probability, statistics
## Education
PhD, Computer Science (machine learning), University of Washington
""",
    "cloud_engineer": """\
# Marcus Okafor
Cloud Infrastructure Engineer - Austin, TX
## Summary
Infrastructure engineer with 6 years building AWS platforms and on-call tooling.
## Experience
### Senior DevOps Engineer, Fabrikam (2020-present)
- Managed AWS accounts with Terraform; migrated 40 services to Kubernetes on EKS.
- Built CI/CD pipelines in GitHub Actions and Jenkins; wrote Ansible playbooks.
- Designed VPC networking, load balancers and DNS for multi-region failover.
- Ran Prometheus and Grafana monitoring; led incident response and postmortems.
### Systems Administrator, Tailspin Toys (2017-2020)
- Administered Linux servers, Bash automation and backups.
## Skills
AWS, Terraform, Kubernetes, Docker, Linux, networking, Python, Bash, Prometheus
""",
    "data_analyst": """\
# Elena Costa
Data Analyst - Chicago, IL
## Summary
Analyst with 3 years of experience turning sales data into dashboards.
## Experience
### Data Analyst, Woodgrove Retail (2022-present)
- Wrote SQL against a PostgreSQL warehouse and built Tableau dashboards.
- Analysed A/B tests with Python (pandas) and statistics.
- Automated weekly reporting in Excel and Power BI.
## Skills
SQL, Excel, Tableau, Power BI, Python, pandas, statistics, data visualization
""",
}


def _plain(markdown: str) -> str:
    lines = []
    for line in markdown.splitlines():
        stripped = line.lstrip("#").strip()
        if stripped.startswith("- "):
            stripped = stripped[2:]
        lines.append(stripped)
    return "\n".join(lines) + "\n"


def _docx(markdown: str, path: Path) -> None:
    document = docx.Document()
    for line in markdown.splitlines():
        if line.startswith("#"):
            level = len(line) - len(line.lstrip("#"))
            document.add_heading(line.lstrip("#").strip(), level=min(level - 1, 3))
        elif line.startswith("- "):
            document.add_paragraph(line[2:], style="List Bullet")
        else:
            document.add_paragraph(line)
    document.core_properties.author = "paypath fixtures"
    document.save(str(path))


def _pdf_escape(text: str) -> bytes:
    raw = text.encode("cp1252")
    return raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def write_pdf(lines: list[str], path: Path, *, per_page: int = 60) -> None:
    """A minimal text-only PDF: one Helvetica line per text line."""
    pages = [lines[i : i + per_page] for i in range(0, len(lines), per_page)] or [[]]
    objects: list[bytes] = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"",  # pages, filled below
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    kids = []
    for page in pages:
        ops = [b"BT /F1 10 Tf 14 TL 50 770 Td"]
        ops += [b"(" + _pdf_escape(line) + b") Tj T*" for line in page]
        ops.append(b"ET")
        stream = b"\n".join(ops)
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
        content_id = len(objects)
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
            b"/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % content_id
        )
        kids.append(len(objects))
    refs = b" ".join(b"%d 0 R" % k for k in kids)
    objects[1] = b"<< /Type /Pages /Kids [" + refs + b"] /Count %d >>" % len(kids)
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % off for off in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    path.write_bytes(bytes(out))


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for name, markdown in RESUMES.items():
        plain = _plain(markdown)
        (OUT / f"{name}.txt").write_text(plain, encoding="utf-8")
        (OUT / f"{name}.md").write_text(markdown, encoding="utf-8")
        _docx(markdown, OUT / f"{name}.docx")
        write_pdf(plain.splitlines(), OUT / f"{name}.pdf")
    # A scanned-looking PDF: a valid page with no text layer.
    write_pdf([], OUT / "no_text.pdf")
    print(f"wrote {len(RESUMES) * 4 + 1} files to {OUT}")


if __name__ == "__main__":
    main()
