"""Take the README/docs screenshots of the web app in headless Chromium.

    .venv/bin/python scripts/web_screenshots.py [--out docs/screenshots]

Starts the app on a free loopback port in a thread, visits each page at a laptop and a
phone width, submits the advisor form, and writes PNGs. Needs /usr/bin/chromium.
"""

from __future__ import annotations

import argparse
import socket
import threading
import time
from pathlib import Path
from typing import Any

import uvicorn
from playwright.sync_api import sync_playwright

from paypath.web import create_app

ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
VIEWPORTS = {"laptop": {"width": 1366, "height": 900}, "phone": {"width": 390, "height": 844}}
# Pages that render after load (Swagger UI builds its page from the OpenAPI document):
# the screenshot waits for this selector.
READY = {"docs": ".swagger-ui .opblock"}
PAGES = [
    ("home", "/"),
    ("role", "/roles/ml-engineer"),
    ("offer", "/offer?role=ml-engineer&salary=165000&location=Washington&years=6&bonus=15000"),
    ("market", "/market?by=role&role=ml-engineer"),
    ("roles", "/roles"),
    ("docs", "/docs"),
]


def _fill_advisor(page: Any) -> None:
    page.fill("#skills", "python, sql, pandas, scikit-learn, docker, aws")
    page.fill("#location", "California")
    page.fill("#years", "4")
    page.fill("#salary", "125000")
    page.select_option("#current", "data-analyst")
    page.click("#advisor-form button[type=submit]")
    page.wait_for_selector("#results")


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = int(s.getsockname()[1])
    server = uvicorn.Server(
        uvicorn.Config(create_app(), host="127.0.0.1", port=port, log_level="warning")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    base = f"http://127.0.0.1:{port}"
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
            for vp_name, viewport in VIEWPORTS.items():
                for name, path in [*PAGES, ("advisor", "/advisor")]:
                    page = browser.new_page(viewport=viewport)
                    page.goto(base + path, wait_until="networkidle")
                    if name == "advisor":
                        _fill_advisor(page)
                    if name in READY:
                        page.wait_for_selector(READY[name], timeout=30_000)
                    page.wait_for_timeout(300)
                    target = out / f"{name}-{vp_name}.png"
                    page.screenshot(path=str(target), full_page=True)
                    print(target)
                    page.close()
            browser.close()
    finally:
        server.should_exit = True
        thread.join(timeout=10)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=Path("docs/screenshots"))
    main(parser.parse_args().out)
