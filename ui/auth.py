"""Optional sign-in for a team server: Streamlit's OIDC login, or one shared password.

Off by default (a single user on their own machine). Enabled by either

* ``[auth]`` with an OIDC provider in ``.streamlit/secrets.toml`` (``redirect_uri``, ``cookie_secret``,
  ``client_id``, ``client_secret``, ``server_metadata_url``) → ``st.login()``; optionally
  ``allowed_emails = ["a@team.com", ...]`` or ``allowed_domain = "team.com"``;
* ``[auth] password = "..."`` in secrets, or the ``STOCKOUT_RADAR_PASSWORD`` environment variable → a
  password form (compared in constant time).

When enabled, the entry script calls :func:`require_sign_in` before any page runs, so no page and no data is
reachable without it.
"""

from __future__ import annotations

import hmac
import os
from typing import Any

import streamlit as st

from ui.core import T


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
    return bool(section.get("client_id") or any(isinstance(v, dict) and v.get("client_id") for v in section.values()))


def require_sign_in() -> None:
    """Stop the script unless the visitor is signed in (when sign-in is enabled)."""
    password = _password()
    if password:
        if st.session_state.get("auth_ok"):
            return
        st.title(T("app.title"))
        with st.form("auth_form"):
            given = st.text_input(T("auth.password"), type="password", key="auth_password")
            submitted = st.form_submit_button(T("auth.sign_in"))
        if submitted:
            if hmac.compare_digest(given.encode(), password.encode()):
                st.session_state["auth_ok"] = True
                st.session_state.pop("auth_password", None)
                st.rerun()
            st.error(T("auth.wrong"))
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
