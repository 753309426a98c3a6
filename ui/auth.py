"""Optional sign-in for a team server: Streamlit's OIDC login, or one shared password.

Off by default (a single user on their own machine). Enabled by either

* ``[auth]`` with an OIDC provider in ``.streamlit/secrets.toml`` (``redirect_uri``, ``cookie_secret``,
  ``client_id``, ``client_secret``, ``server_metadata_url``) → ``st.login()``; optionally
  ``allowed_emails = ["a@team.com", ...]`` or ``allowed_domain = "team.com"``;
* ``[auth] password = "..."`` in secrets, or the ``STOCKOUT_RADAR_PASSWORD`` environment variable → a
  password form: compared in constant time, wrong guesses slowed down and then locked out per client and for
  the whole server (:mod:`ui.throttle`, thresholds from ``STOCKOUT_RADAR_SIGNIN_*``), every sign-in and
  failure logged with the client's address (never the password).

When enabled, the entry script calls :func:`require_sign_in` before any page runs, so no page and no data is
reachable without it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import math
import os
from typing import Any
from zoneinfo import ZoneInfo

import streamlit as st
from streamlit.logger import get_logger

from ui import throttle
from ui.view import T

log = get_logger("stockout_radar.auth")


def _auth_section() -> dict[str, Any]:
    try:
        section = st.secrets.get("auth", {})
    except (FileNotFoundError, KeyError, AttributeError):
        return {}
    except Exception:  # a malformed secrets file must not open the app unguarded
        return {"password": os.urandom(16).hex()}
    return dict(section) if section else {}


def _password() -> str | None:
    return _auth_section().get("password") or os.environ.get("STOCKOUT_RADAR_PASSWORD") or None


def _oidc_configured() -> bool:
    section = _auth_section()
    return bool(
        section.get("client_id") or any(isinstance(v, dict) and v.get("client_id") for v in section.values())
    )


@st.cache_resource(show_spinner=False)
def throttle_for(policy: throttle.Policy) -> throttle.Throttle:
    """One record of failures per server process and policy, shared by every session."""
    return throttle.Throttle(policy)


def _client() -> str:
    """The client's address as the server sees the connection (none on localhost)."""
    try:
        address = st.context.ip_address
    except Exception:  # no browser connection (AppTest)
        address = None
    return address if isinstance(address, str) and address else "local"


def _at(when: float) -> str:
    """A clock time as the visitor reads it (their browser's time zone when known)."""
    try:
        zone = ZoneInfo(str(st.context.timezone)) if st.context.timezone else dt.UTC
    except Exception:
        zone = dt.UTC
    return dt.datetime.fromtimestamp(when, zone).strftime("%H:%M:%S")


def _refusal(verdict: throttle.Verdict, now: float) -> str:
    seconds = max(1, math.ceil(verdict.retry_at - now))
    return T(f"auth.{verdict.why}", seconds=seconds, time=_at(verdict.retry_at))


def _same(given: str, password: str) -> bool:
    """Constant-time comparison (of digests, so not even the length leaks)."""
    digest = hashlib.sha256
    return hmac.compare_digest(digest(given.encode()).digest(), digest(password.encode()).digest())


def _password_form(password: str) -> None:
    st.title(T("app.title"))
    with st.form("auth_form"):
        given = st.text_input(T("auth.password"), type="password", key="auth_password")
        submitted = st.form_submit_button(T("auth.sign_in"))
    if not submitted:
        return
    guard, client, now = throttle_for(throttle.Policy.from_env()), _client(), throttle.clock()
    verdict = guard.check(client, now)
    if not verdict.allowed:
        # Not even compared: a guess during a wait tells nothing, right or wrong.
        log.warning(
            "sign-in refused unchecked: client %s must wait until %s (%s)",
            client,
            dt.datetime.fromtimestamp(verdict.retry_at, dt.UTC).isoformat(timespec="seconds"),
            verdict.why,
        )
        st.error(_refusal(verdict, now))
        return
    if _same(given, password):
        guard.succeeded(client)
        log.info("sign-in succeeded: client %s", client)
        st.session_state["auth_ok"] = True
        st.session_state.pop("auth_password", None)
        st.rerun()
    verdict = guard.failed(client, now)
    log.warning(
        "sign-in failed: client %s, %d failures in a row, next attempt heard from %s (%s)",
        client,
        guard.failures(client),
        dt.datetime.fromtimestamp(verdict.retry_at, dt.UTC).isoformat(timespec="seconds"),
        verdict.why,
    )
    st.error(T("auth.wrong_then", then=_refusal(verdict, now)))


def require_sign_in() -> None:
    """Stop the script unless the visitor is signed in (when sign-in is enabled)."""
    password = _password()
    if password:
        if st.session_state.get("auth_ok"):
            return
        _password_form(password)
        st.stop()
    if _oidc_configured():
        user = getattr(st, "user", None)
        if user is None or not getattr(user, "is_logged_in", False):
            st.title(T("app.title"))
            st.button(T("auth.sign_in"), key="auth_login", on_click=st.login)
            st.stop()
        section = _auth_section()
        email = str(getattr(user, "email", "") or "")
        allowed = section.get("allowed_emails")
        domain = section.get("allowed_domain")
        if (allowed and email not in allowed) or (domain and not email.endswith("@" + str(domain))):
            st.error(T("auth.not_allowed", email=email))
            st.button(T("auth.sign_out"), key="auth_logout", on_click=st.logout)
            st.stop()
