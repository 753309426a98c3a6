"""The entry script: language switch, URL state, marketplace filter, presentation mode, empty database."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from conftest import ROOT, run_app

from inventory_core.i18n import t
from inventory_core.store import Store
from ui import view
from ui.present import PRESENT_CSS
from ui.view import PAGES


def test_empty_database_opens_on_the_guide(empty_db):
    at = run_app()
    assert not at.exception
    assert any("empty" in i.value.lower() for i in at.info)
    # the way to the upload page keeps the view
    link = next(e for e in at.main.get("page_link") if e.proto.label == "Upload & data health")
    assert "lang=en" in link.proto.query_string


def _styles(at) -> str:
    return " ".join(str(e.proto.body) for e in at.get("html"))


def test_presentation_mode_and_language_switch(demo_db):
    plain = run_app(lang="en")
    assert PRESENT_CSS.strip() not in _styles(plain)
    # a shared link with ?present=1 opens in presentation mode (larger type, no chrome)
    at = run_app(lang="en", query={"present": "1"})
    assert at.toggle(key="side_present").value is True
    assert PRESENT_CSS.strip() in _styles(at)
    assert at.title[0].value == "Weekly review"
    at.radio(key="side_lang").set_value("zh")
    at.run()
    assert not at.exception
    assert at.title[0].value == "周会总览"
    assert at.session_state["lang"] == "zh"
    assert (_query(at, "lang"), _query(at, "present")) == ("zh", "1")


def test_marketplace_filter_appears_with_two_marketplaces(empty_db):
    day = dt.date(2026, 11, 16)
    with Store(empty_db) as store:
        frame = pd.DataFrame(
            {
                "snapshot_date": [day, day],
                "marketplace": ["US", "UK"],
                "sku": ["A", "B"],
                "asin": ["B0A", "B0B"],
                "available": [10.0, 20.0],
            }
        )
        store.apply_import(
            file_name="inv.csv",
            sha256="x",
            kind="template_inventory_snapshot",
            frames={"inventory": frame},
            marketplace=None,
            period_start=None,
            period_end=None,
            rows_read=2,
        )
    at = run_app(lang="en")
    select = at.selectbox(key="side_mk")
    assert select.options == ["All marketplaces", "UK", "US"]
    assert select.value == ""
    # the filter travels in the URL: a link with ?mk=UK opens filtered
    at = run_app(lang="en", query={"mk": "UK"})
    assert at.selectbox(key="side_mk").value == "UK"


def _query(at, key: str) -> str:
    value = at.query_params[key]
    return value[-1] if isinstance(value, list) else value


def test_view_survives_every_page_change(demo_db):
    """Language, presentation mode, search and SKU are kept by every page change, and stay in the URL."""
    at = run_app(lang="zh", query={"present": "1", "sku": "KT-GARLIC-PRESS", "q": "KT-"})
    for spec in PAGES:
        at.switch_page(spec.path)
        at.run()
        assert not at.exception, spec.name
        assert at.title[0].value.startswith(t(spec.title_key, "zh")), spec.name
        assert at.toggle(key="side_present").value is True, spec.name
        assert at.radio(key="side_lang").value == "zh", spec.name
        assert at.text_input(key="side_q").value == "KT-", spec.name
        assert (_query(at, "lang"), _query(at, "present"), _query(at, "sku")) == (
            "zh",
            "1",
            "KT-GARLIC-PRESS",
        )


def test_a_shared_link_opens_the_same_view(demo_db):
    from streamlit.testing.v1 import AppTest

    fresh = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    for key, value in {"lang": "en", "present": "1", "sku": "KT-GARLIC-PRESS"}.items():
        fresh.query_params[key] = value
    fresh.switch_page("pages/budget.py")
    fresh.run()
    assert not fresh.exception
    assert fresh.title[0].value == "Ad budget"
    assert fresh.toggle(key="side_present").value is True
    assert fresh.selectbox(key="budget_sku").value == "KT-GARLIC-PRESS"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({}, {"lang": "zh", "present": False, "mk": "", "q": "", "sku": ""}),
        (
            {"lang": "en", "present": "1", "mk": "us", "q": " KT ", "sku": "A-1"},
            {"lang": "en", "present": True, "mk": "US", "q": "KT", "sku": "A-1"},
        ),
        (
            {"lang": "fr", "present": "0", "sku": "x" * 500},
            {"lang": "zh", "present": False, "mk": "", "q": "", "sku": ""},
        ),
        ({"lang": ["en", "zh"]}, {"lang": "zh", "present": False, "mk": "", "q": "", "sku": ""}),
    ],
)
def test_parse_query(query, expected):
    assert view.parse_query(query) == expected


def test_to_query_round_trips():
    state = {"lang": "en", "present": True, "mk": "UK", "q": "lid", "sku": "KT-1"}
    assert view.to_query(state) == {"lang": "en", "present": "1", "mk": "UK", "q": "lid", "sku": "KT-1"}
    assert view.parse_query(view.to_query(state)) == state
    assert view.to_query({"lang": "zh"}) == {"lang": "zh"}


def test_explanations_fold_away_in_presentation_mode(demo_db):
    about = t("app.notes", "en")
    plain = run_app(lang="en")
    assert about not in [e.label for e in plain.expander]
    at = run_app(lang="en", query={"present": "1"})
    notes = next(e for e in at.expander if e.label == about)
    assert t("review.actions_caption", "en") in [c.value for c in notes.caption]
    assert at.dataframe(key="review_actions") is not None
