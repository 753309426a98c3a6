"""One real-browser test: headless Chromium opens the served app, uploads a file, switches page and language.

Screenshots go to ``test-output/browser/``. Skipped, with the reason, when Debian's Chromium or Playwright is
missing (``.ci/run`` installs Chromium so CI runs it).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from browser import browser_page, chromium_missing_reason, serve_app, sidebar_link, wait_idle
from conftest import ROOT, write_delimited

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(chromium_missing_reason() is not None, reason=chromium_missing_reason() or ""),
]

OUT = ROOT / "test-output" / "browser"

ORDERS_HEADER = [
    "amazon-order-id",
    "merchant-order-id",
    "purchase-date",
    "last-updated-date",
    "order-status",
    "fulfillment-channel",
    "sales-channel",
    "order-channel",
    "ship-service-level",
    "product-name",
    "sku",
    "asin",
    "item-status",
    "quantity",
    "currency",
    "item-price",
]


def _orders(path: Path) -> Path:
    rows = [
        [
            f"113-900000{i}",
            "",
            f"2026-11-17T1{i}:00:00+00:00",
            "",
            "Shipped",
            "Amazon",
            "Amazon.com",
            "",
            "Standard",
            "Bamboo board",
            "KT-BAMBOO-BOARD-L",
            "",
            "Shipped",
            2,
            "USD",
            "39.98",
        ]
        for i in range(5)
    ]
    return write_delimited(path, ORDERS_HEADER, rows, delimiter="\t", encoding="utf-8", newline="\n")


def _sidebar_link(page, text: str):
    return sidebar_link(page, text)


def test_upload_switch_page_and_language_in_chromium(demo_db_master: Path, tmp_path: Path):
    OUT.mkdir(parents=True, exist_ok=True)
    db = tmp_path / "browser.duckdb"
    shutil.copyfile(demo_db_master, db)
    upload = _orders(tmp_path / "All_Orders_browser.txt")
    with serve_app(db) as url, browser_page() as page:
        page.goto(f"{url}/?lang=en")
        wait_idle(page)
        page.get_by_text("Weekly review").first.wait_for()
        page.screenshot(path=str(OUT / "01-review-en.png"), full_page=True)

        _sidebar_link(page, "Upload & data health").click()
        wait_idle(page)
        page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(upload))
        wait_idle(page, 1500)
        page.get_by_text("All Orders").first.wait_for()  # recognised before anything is committed
        page.screenshot(path=str(OUT / "02-upload-preview.png"), full_page=True)
        page.get_by_role("button", name="Import 1 file").click()
        wait_idle(page, 1500)
        page.get_by_text("All_Orders_browser.txt").first.wait_for()
        assert "imported" in page.inner_text("body").lower()
        page.screenshot(path=str(OUT / "03-upload-imported.png"), full_page=True)

        _sidebar_link(page, "WOC × ROAS matrix").click()
        wait_idle(page)
        page.locator(".js-plotly-plot").first.wait_for()
        assert "/matrix" in page.url
        page.screenshot(path=str(OUT / "04-matrix-en.png"), full_page=True)

        page.locator('[data-testid="stSidebar"] label', has_text="中文").first.click()
        wait_idle(page, 1500)
        page.get_by_text("WOC × ROAS 矩阵").first.wait_for()
        assert "lang=zh" in page.url
        assert _sidebar_link(page, "补货计划").is_visible()
        page.screenshot(path=str(OUT / "05-matrix-zh.png"), full_page=True)

    for name in ("01-review-en", "02-upload-preview", "03-upload-imported", "04-matrix-en", "05-matrix-zh"):
        shot = OUT / f"{name}.png"
        assert shot.exists(), name
        assert shot.stat().st_size > 10_000, name
