"""The entry script: language switch, URL state, marketplace filter, presentation mode, empty database."""

from __future__ import annotations

import datetime as dt

import pandas as pd
from conftest import run_app

from inventory_core.storage import Store


def test_empty_database_opens_on_the_guide(empty_db):
    at = run_app()
    assert not at.exception
    assert any("empty" in i.value.lower() for i in at.info)


def test_presentation_mode_and_language_switch(demo_db):
    plain = run_app(lang="en")
    assert not any("font-size" in m.value for m in plain.markdown)
    # a shared link with ?present=1 opens in presentation mode (larger type, no chrome)
    at = run_app(lang="en", query={"present": "1"})
    assert at.toggle(key="present").value is True
    assert any("font-size" in m.value for m in at.markdown)
    assert at.title[0].value == "Weekly review"
    at.radio(key="lang").set_value("zh")
    at.run()
    assert not at.exception
    assert at.title[0].value == "周会总览"
    assert any(m.label == "当前断货" for m in at.metric)


def test_marketplace_filter_appears_with_two_marketplaces(empty_db):
    day = dt.date(2026, 11, 16)
    with Store(empty_db) as store:
        frame = pd.DataFrame({"snapshot_date": [day, day], "marketplace": ["US", "UK"], "sku": ["A", "B"],
                              "asin": ["B0A", "B0B"], "available": [10.0, 20.0]})
        store.apply_import(file_name="inv.csv", sha256="x", kind="template_inventory_snapshot",
                           frames={"inventory": frame}, marketplace=None, period_start=None, period_end=None,
                           rows_read=2)
    at = run_app(lang="en")
    select = at.selectbox(key="mk")
    assert select.options == ["All marketplaces", "UK", "US"]
    assert select.value == ""
    # the filter travels in the URL: a link with ?mk=UK opens filtered
    at = run_app(lang="en", query={"mk": "UK"})
    assert at.selectbox(key="mk").value == "UK"
