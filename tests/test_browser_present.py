"""Headless Chromium at 1280×720: presentation mode fits each page's main figure on screen, the view
(language, presentation mode, SKU) survives every navigation, and the sign-in locks out guessers.

Screenshots go to ``test-output/browser/present/``. Skipped, with the reason, when Debian's Chromium or
Playwright is missing (``.ci/run`` installs Chromium so CI runs it).
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from browser import (
    browser_page,
    chromium_missing_reason,
    open_page,
    serve_app,
    sidebar_link,
    truncated_metrics,
    wait_idle,
)
from conftest import ROOT

from inventory_core.i18n import t
from ui.view import PAGES

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(chromium_missing_reason() is not None, reason=chromium_missing_reason() or ""),
]

OUT = ROOT / "test-output" / "browser" / "present"
WIDTH, HEIGHT = 1280, 720


@pytest.fixture(scope="module")
def app_url(demo_db_master: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    db = tmp_path_factory.mktemp("present") / "demo.duckdb"
    shutil.copyfile(demo_db_master, db)
    with serve_app(db) as url:
        yield url


def _query(page) -> dict[str, str]:
    return {k: v[-1] for k, v in parse_qs(urlparse(page.url).query).items()}


def _assert_view(page, lang: str, title_key: str) -> None:
    """The page shows in ``lang`` with presentation mode on, and its URL carries both."""
    page.locator("h1", has_text=t(title_key, lang)).first.wait_for()
    assert page.locator(".st-key-side_present input[type=checkbox]").is_checked()
    assert sidebar_link(page, t("page.upload", lang)).is_visible()  # the chrome in the same language
    other = "en" if lang == "zh" else "zh"
    assert not page.locator("h1", has_text=t(title_key, other)).count() or t(title_key, other) == t(
        title_key, lang
    )
    query = _query(page)
    assert (query.get("lang"), query.get("present")) == (lang, "1"), page.url


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_presentation_mode_fits_each_main_figure_on_a_1280x720_screen(app_url: str, lang: str):
    OUT.mkdir(parents=True, exist_ok=True)
    with browser_page(WIDTH, HEIGHT) as page:
        for spec in PAGES:
            open_page(page, f"{app_url}/{spec.name}?lang={lang}&present=1")
            main = page.locator(f".st-key-{spec.main_key}")
            main.wait_for()
            wait_idle(page, 800)
            page.screenshot(path=str(OUT / f"{spec.name}-{lang}.png"))
            box = main.bounding_box()
            assert box is not None, spec.name
            assert box["x"] >= 0, (spec.name, box)
            assert box["y"] >= 0, (spec.name, box)
            assert box["x"] + box["width"] <= WIDTH + 1, (spec.name, box)
            assert box["y"] + box["height"] <= HEIGHT + 1, (spec.name, box)  # no scrolling to see it whole
            assert box["height"] > 80, (spec.name, box)  # something is drawn in it
            assert page.evaluate("window.scrollY") == 0
            assert truncated_metrics(page) == [], spec.name
    for spec in PAGES:
        assert (OUT / f"{spec.name}-{lang}.png").stat().st_size > 10_000


def _pick_first(page, key: str) -> str:
    """Choose the first option of the selectbox keyed ``key``; return its text.

    The list can close under the click when a rerun redraws the page, so the choice is retried (a retry
    waits for nothing but the browser's own events).
    """
    wait_idle(page, 1000)
    for _ in range(5):
        page.locator(f".st-key-{key} button[aria-haspopup=listbox]").click()
        option = page.locator('[role="option"]').first
        try:
            option.wait_for(timeout=10_000)
            text = option.inner_text(timeout=5_000).strip()
            option.click(timeout=5_000)
        except Exception:  # the list closed under the click: open it again
            page.keyboard.press("Escape")
            wait_idle(page)
            continue
        wait_idle(page)
        if text in page.locator(f".st-key-{key} input").input_value():
            return text
    raise AssertionError(f"could not choose an option of {key}")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_language_and_presentation_mode_survive_every_page_change(app_url: str, lang: str):
    with browser_page(WIDTH, HEIGHT) as page:
        open_page(page, f"{app_url}/?lang={lang}&present=1")
        _assert_view(page, lang, "page.review")
        for spec in [*PAGES[1:], PAGES[0]]:
            sidebar_link(page, t(spec.title_key, lang)).click()
            wait_idle(page)
            _assert_view(page, lang, spec.title_key)
            assert urlparse(page.url).path.rstrip("/").endswith("" if spec is PAGES[0] else spec.name)

        # the weekly review's "open a SKU": pick one, follow the link to its timeline
        sku = _pick_first(page, "review_sku")
        page.get_by_role("link", name=t("review.open_timeline", lang)).click()
        wait_idle(page)
        _assert_view(page, lang, "page.timeline")
        assert urlparse(page.url).path.endswith("/timeline")
        assert _query(page)["sku"] == sku
        assert sku in page.locator(".st-key-tl_sku input").input_value()  # the timeline opened on that SKU


def test_wrong_passwords_lock_out_even_the_right_one_until_the_lock_ends(
    demo_db_master: Path, tmp_path: Path
):
    OUT.mkdir(parents=True, exist_ok=True)
    db = tmp_path / "demo.duckdb"
    shutil.copyfile(demo_db_master, db)
    clock = tmp_path / "clock"
    clock.write_text("0")
    env = {
        "STOCKOUT_RADAR_PASSWORD": "team-s3cret",
        "STOCKOUT_RADAR_SIGNIN_ATTEMPTS": "2",
        "STOCKOUT_RADAR_SIGNIN_DELAY_SECONDS": "0",
        "STOCKOUT_RADAR_SIGNIN_LOCK_SECONDS": "600",
        "STOCKOUT_RADAR_TEST_CLOCK_FILE": str(clock),
    }

    def sign_in(page, password: str) -> str:
        field = page.get_by_label(t("auth.password", "en"))
        field.fill(password)
        page.get_by_role("button", name=t("auth.sign_in", "en")).click()
        wait_idle(page)
        alert = page.locator('[data-testid="stAlert"]')
        return alert.first.inner_text() if alert.count() else ""

    with serve_app(db, env=env) as url, browser_page(WIDTH, HEIGHT) as page:
        open_page(page, f"{url}/?lang=en")
        # the sign-in screen: no page list, no page links, no data
        assert page.locator('[data-testid="stSidebarNav"]').count() == 0
        assert page.locator('a[data-testid="stPageLink-NavLink"]').count() == 0
        assert sign_in(page, "guess-1").startswith("Wrong password.")
        message = sign_in(page, "guess-2")
        assert "Too many failed sign-ins. Try again in 600 s" in message
        assert "Too many failed sign-ins" in sign_in(page, "team-s3cret")  # the right one, during the lock
        assert page.locator("h1", has_text="Weekly review").count() == 0
        page.screenshot(path=str(OUT / "signin-locked.png"))
        clock.write_text("601")  # the lock is over
        sign_in(page, "team-s3cret")
        page.locator("h1", has_text="Weekly review").first.wait_for()
        sidebar_link(page, "Ad budget").wait_for()
