"""Screenshots of every page on the demo data for the README (``python scripts/screenshots.py``).

Serves the app on a copy of the demo database and captures each page in headless Chromium (Debian's
``chromium`` package; see tests/browser.py) into ``docs/screenshots/``: a shared 1280×720 screen in
presentation mode, in English and Chinese.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from browser import browser_page, serve_app, wait_idle  # noqa: E402

from inventory_core.demo import build_demo_db  # noqa: E402
from ui.view import PAGES  # noqa: E402

SKUS = {"timeline": "KT-KNIFE-SHARPENER", "budget": "KT-GARLIC-PRESS", "ranks": "PT-CAT-SCRATCHER"}
SHOTS = [(spec.name, lang, SKUS.get(spec.name)) for lang in ("en", "zh") for spec in PAGES]


def main() -> int:
    out = ROOT / "docs" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "demo.duckdb"
        source = ROOT / "data" / "demo.duckdb"
        if source.exists():
            shutil.copyfile(source, db)
        else:
            build_demo_db(db)
        with serve_app(db) as url, browser_page(width=1280, height=720) as page:
            for name, lang, sku in SHOTS:
                query = f"?lang={lang}&present=1" + (f"&sku={sku}" if sku else "")
                page.goto(f"{url}/{name}{query}")
                wait_idle(page, 2500)
                page.locator(f".st-key-{name}_main").wait_for()
                target = out / f"{name}-{lang}.png"
                page.screenshot(path=str(target), full_page=False)
                print(target.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
