"""Serve the app with `streamlit run` and drive it in Debian's headless Chromium through Playwright.

Used by the browser test and by ``scripts/screenshots.py``. Playwright never downloads a browser here: it
launches ``/usr/bin/chromium`` (Debian's ``chromium`` package) with a fresh user-data dir.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("STOCKOUT_RADAR_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]


def chromium_missing_reason() -> str | None:
    if not Path(CHROMIUM).exists():
        return f"Chromium not found at {CHROMIUM} (install Debian's 'chromium' package; .ci/run does)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright is not installed (pip install -e '.[dev]')"
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def serve_app(db: Path, *, timeout: float = 90, env: dict[str, str] | None = None) -> Iterator[str]:
    """Run ``streamlit run app.py`` on a free loopback port against ``db`` (``env`` added to the
    environment); yield its URL."""
    port = _free_port()
    env = {**os.environ, "STOCKOUT_RADAR_DB": str(db), "PYTHONPATH": str(ROOT), **(env or {})}
    cmd = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(ROOT / "app.py"),
        "--server.headless",
        "true",
        "--server.port",
        str(port),
        "--server.address",
        "127.0.0.1",
        "--browser.gatherUsageStats",
        "false",
        "--server.fileWatcherType",
        "none",
    ]
    log = tempfile.TemporaryFile()  # noqa: SIM115 - outlives this block: read on failure, closed in finally
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as resp:
                    if resp.status == 200:
                        break
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                log.seek(0)
                raise RuntimeError(f"streamlit did not start:\n{log.read().decode(errors='replace')[-3000:]}")
            time.sleep(0.3)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


@contextlib.contextmanager
def browser_page(width: int = 1500, height: int = 1000) -> Iterator[object]:
    """A Playwright page in headless Chromium with a fresh profile."""
    from playwright.sync_api import sync_playwright

    profile = tempfile.mkdtemp(prefix="radar-chromium-")
    try:
        with sync_playwright() as pw:
            context = pw.chromium.launch_persistent_context(
                profile,
                executable_path=CHROMIUM,
                headless=True,
                args=CHROMIUM_ARGS,
                viewport={"width": width, "height": height},
                locale="en-US",
            )
            try:
                page = context.pages[0] if context.pages else context.new_page()
                page.set_default_timeout(60_000)
                yield page
            finally:
                context.close()
    finally:
        shutil.rmtree(profile, ignore_errors=True)


def wait_idle(page: object, settle_ms: int = 400) -> None:
    """Wait until Streamlit has finished running the script (no 'Running...' status widget)."""
    page.wait_for_load_state("networkidle")  # type: ignore[attr-defined]
    page.wait_for_timeout(settle_ms)  # type: ignore[attr-defined]
    with contextlib.suppress(Exception):
        page.wait_for_selector('[data-testid="stStatusWidget"]', state="detached", timeout=60_000)  # type: ignore[attr-defined]
    page.wait_for_timeout(settle_ms)  # type: ignore[attr-defined]


def sidebar_link(page: object, text: str) -> object:
    """The sidebar's link to the page titled ``text`` (drawn by ui.shell, carrying the view in its URL)."""
    return page.locator('[data-testid="stSidebar"] a[data-testid="stPageLink-NavLink"]', has_text=text).first  # type: ignore[attr-defined]


def open_page(page: object, url: str) -> None:
    page.goto(url)  # type: ignore[attr-defined]
    wait_idle(page)
    page.locator("h1").first.wait_for()  # type: ignore[attr-defined]


def truncated_metrics(page: object) -> list[str]:
    """Headline figures and labels the browser draws cut (content wider than its box)."""
    return page.evaluate(  # type: ignore[attr-defined,no-any-return]
        """() => Array.from(document.querySelectorAll(
                '[data-testid="stMetricValue"], [data-testid="stMetricValue"] *, '
                + '[data-testid="stMetricLabel"], [data-testid="stMetricLabel"] *'))
            .filter(e => e.scrollWidth > e.clientWidth + 1 && e.clientWidth > 0)
            .map(e => e.textContent)"""
    )
