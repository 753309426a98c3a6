"""Optional sign-in: when a team password is set, no page and no data is reachable without it."""

from __future__ import annotations

import pytest
from conftest import ROOT
from streamlit.testing.v1 import AppTest

PAGES = ["pages/review.py", "pages/upload.py", "pages/replenishment.py", "pages/timeline.py",
         "pages/matrix.py", "pages/budget.py", "pages/ranks.py"]


def _app(password: str | None = "s3cret") -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    if password:
        at.secrets["auth"] = {"password": password}
    at.session_state["lang"] = "en"
    return at


def _shown_text(at: AppTest) -> str:
    parts = [e.value for e in (*at.title, *at.header, *at.subheader, *at.markdown, *at.caption)]
    parts += [str(e.value) for e in at.metric]
    return " ".join(str(p) for p in parts)


@pytest.mark.parametrize("page", PAGES)
def test_no_page_without_the_password(demo_db, page):
    at = _app()
    at.run()
    assert not at.exception
    at.switch_page(page)
    at.run()
    assert not at.exception
    assert at.text_input(key="auth_password")  # only the sign-in form
    assert len(at.dataframe) == 0
    assert len(at.metric) == 0
    assert len(at.get("plotly_chart")) == 0
    assert "KT-" not in _shown_text(at)  # no SKU of the demo data leaks


def test_wrong_then_right_password(demo_db):
    at = _app()
    at.run()
    at.text_input(key="auth_password").input("nope")
    at.button[0].click()
    at.run()
    assert at.error
    assert "Wrong password" in at.error[0].value
    assert len(at.metric) == 0
    at.text_input(key="auth_password").input("s3cret")
    at.button[0].click()
    at.run()
    assert not at.exception
    assert not at.text_input(key="auth_password") if "auth_password" in at.session_state else True
    assert at.session_state["auth_ok"] is True


def test_password_from_environment(demo_db, monkeypatch):
    monkeypatch.setenv("STOCKOUT_RADAR_PASSWORD", "env-pass")
    at = _app(password=None)
    at.run()
    assert at.text_input(key="auth_password")


def test_open_when_sign_in_is_not_configured(demo_db, monkeypatch):
    monkeypatch.delenv("STOCKOUT_RADAR_PASSWORD", raising=False)
    at = _app(password=None)
    at.run()
    assert not at.exception
    assert "auth_password" not in [w.key for w in at.text_input]
