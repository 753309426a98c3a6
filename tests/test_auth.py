"""Optional sign-in: when a team password is set, no page and no data is reachable without it; wrong guesses
are slowed down and locked out (the clock is injected: nothing here waits)."""

from __future__ import annotations

import logging
import time
import tomllib

import pytest
from conftest import ROOT
from streamlit.testing.v1 import AppTest

from ui import throttle
from ui.auth import throttle_for
from ui.throttle import Policy, Throttle
from ui.view import PAGES as SPECS

PAGES = [spec.path for spec in SPECS]
REAL_CLOCK = throttle.clock


class FakeClock:
    def __init__(self, now: float = 1_800_000_000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


@pytest.fixture(autouse=True)
def fresh_throttle(monkeypatch):
    """Every test starts with no failures on record and a clock it moves itself."""
    throttle_for.clear()
    clock = FakeClock()
    monkeypatch.setattr(throttle, "clock", clock)
    for var, *_ in throttle.ENV:
        monkeypatch.delenv(var, raising=False)
    yield clock
    throttle_for.clear()


@pytest.fixture
def auth_log():
    records: list[logging.LogRecord] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            records.append(record)

    handler = Keep(level=logging.DEBUG)
    logger = logging.getLogger("stockout_radar.auth")
    logger.addHandler(handler)
    yield records
    logger.removeHandler(handler)


def _start(at: AppTest) -> AppTest:
    """Run the app up to its sign-in form.

    AppTest reruns a multipage app through Streamlit's ``pages/`` discovery, where the home page's file runs
    alone and draws the form (ui.shell.frame) with element ids of its own; the second run shows that form, so
    the test's clicks land on the ids the following runs keep.
    """
    at.run()
    at.run()
    assert not at.exception
    return at


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
    assert len(at.get("page_link")) == 0  # and no page list
    assert len(at.dataframe) == 0
    assert len(at.metric) == 0
    assert len(at.get("plotly_chart")) == 0
    assert "KT-" not in _shown_text(at)  # no SKU of the demo data leaks


def test_streamlit_lists_no_page_file_before_the_sign_in():
    """A server's first session runs a page through Streamlit's ``pages/`` discovery before app.py's
    ``st.navigation`` (position hidden): the config keeps that discovery's page list out of the sidebar."""
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["client"]["showSidebarNavigation"] is False


def _try(at: AppTest, password: str) -> None:
    at.text_input(key="auth_password").input(password)
    at.button[0].click()
    at.run()
    assert not at.exception


def test_wrong_then_right_password(demo_db, fresh_throttle):
    at = _start(_app())
    _try(at, "nope")
    assert at.error
    assert "Wrong password" in at.error[0].value
    assert "in 1 s" in at.error[0].value  # the first failure: a one-second pause
    assert len(at.metric) == 0
    fresh_throttle.now += 1
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


def test_lock_out_refuses_even_the_right_password_until_it_ends(
    demo_db, fresh_throttle, auth_log, monkeypatch
):
    monkeypatch.setenv("STOCKOUT_RADAR_SIGNIN_ATTEMPTS", "3")
    monkeypatch.setenv("STOCKOUT_RADAR_SIGNIN_LOCK_SECONDS", "30")
    at = _start(_app())
    for wrong in ("guess-1", "guess-2", "guess-3"):
        fresh_throttle.now += 60  # past every pause before the lock-out
        _try(at, wrong)
    assert "Too many failed sign-ins. Try again in 30 s" in at.error[0].value
    fresh_throttle.now += 29
    _try(at, "s3cret")  # the right password, during the lock-out
    assert "auth_ok" not in at.session_state
    assert "Try again in 1 s" in at.error[0].value
    assert len(at.metric) == 0
    fresh_throttle.now += 1
    _try(at, "s3cret")
    assert at.session_state["auth_ok"] is True
    assert len(at.metric) > 0  # the weekly review, now
    messages = [r.getMessage() for r in auth_log]
    assert sum("sign-in failed" in m for m in messages) == 3
    assert sum("refused unchecked" in m for m in messages) == 1
    assert sum("sign-in succeeded" in m for m in messages) == 1
    assert not any(word in m for m in messages for word in ("s3cret", "guess-"))  # never the password


def test_the_lock_out_message_is_in_chinese(demo_db, fresh_throttle, monkeypatch):
    monkeypatch.setenv("STOCKOUT_RADAR_SIGNIN_ATTEMPTS", "1")
    at = _app()
    at.session_state["lang"] = "zh"
    _start(at)
    _try(at, "nope")
    assert at.error[0].value.startswith("密码错误。登录失败次数过多，请在 30 秒后")


@pytest.mark.parametrize(
    ("failures", "wait"),
    [(0, 0), (1, 1), (2, 2), (3, 4), (4, 8), (5, 30), (6, 60), (7, 120), (12, 3600), (100, 3600)],
)
def test_waits_double_then_lock_out_doubles_up_to_the_longest(failures, wait):
    assert Policy().wait(failures, 5) == wait


def test_throttle_per_client_and_overall():
    guard = Throttle(Policy(attempts=5, lock_seconds=30, delay_seconds=0, overall_attempts=8))
    now = 1000.0
    for _ in range(5):
        assert guard.check("10.0.0.1", now).allowed
        verdict = guard.failed("10.0.0.1", now)
    assert (verdict.why, verdict.retry_at) == ("locked", now + 30)
    assert not guard.check("10.0.0.1", now + 29).allowed
    assert guard.check("10.0.0.2", now + 29).allowed  # another client is not locked by this one
    assert guard.check("10.0.0.1", now + 30).allowed
    for i in range(3):  # three failures from other addresses make eight overall
        guard.failed(f"10.0.1.{i}", now + 31)
    verdict = guard.check("10.0.0.9", now + 31)
    assert (verdict.allowed, verdict.why, verdict.retry_at) == (False, "locked_all", now + 61)
    assert guard.check("10.0.0.9", now + 61).allowed


def test_success_clears_the_clients_count_and_old_failures_are_forgotten():
    guard = Throttle(Policy(attempts=3, delay_seconds=0, forget_seconds=3600))
    guard.failed("a", 0)
    guard.failed("a", 0)
    guard.succeeded("a")
    assert guard.failures("a") == 0
    guard.failed("b", 0)
    guard.failed("b", 0)
    guard.failed("b", 4000)  # the two old ones are forgotten: this is a first failure
    assert guard.failures("b") == 1


def test_policy_from_environment():
    env = {
        "STOCKOUT_RADAR_SIGNIN_ATTEMPTS": "3",
        "STOCKOUT_RADAR_SIGNIN_LOCK_SECONDS": "10",
        "STOCKOUT_RADAR_SIGNIN_OVERALL_ATTEMPTS": "oops",
    }
    assert Policy.from_env(env) == Policy(attempts=3, lock_seconds=10)
    with pytest.raises(ValueError, match="at least 1"):
        Policy(attempts=0)


def test_sign_in_settings_are_documented_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for var, *_ in throttle.ENV:
        assert f"`{var}`" in readme, var


def test_test_clock_file_shifts_the_clock(tmp_path, monkeypatch):
    shift = tmp_path / "clock"
    shift.write_text("3600")
    monkeypatch.setenv("STOCKOUT_RADAR_TEST_CLOCK_FILE", str(shift))
    assert REAL_CLOCK() - time.time() > 3500
