"""Timeline page helpers: campaigns for the playbook, past stockouts table, checklist, what-if metrics."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from inventory_core.model.playbook import Action
from inventory_core.model.settings import Settings
from inventory_core.model.whatif import sku_projection
from inventory_core.views.timeline import (
    campaign_window,
    checklist_label,
    episodes_display,
    episodes_table,
    playbook_checklist,
    sku_campaigns,
    whatif_metrics,
)

AS_OF = dt.date(2026, 11, 16)


def test_campaign_window_is_the_last_7_days_including_today():
    start, end = campaign_window(AS_OF)
    assert (start, end) == (dt.date(2026, 11, 10), dt.date(2026, 11, 17))
    assert (end - start).days == 7
    with pytest.raises(ValueError, match="days"):
        campaign_window(AS_OF, 0)


def test_sku_campaigns_sums_spend_per_campaign_of_the_sku():
    daily = pd.DataFrame(
        {
            "date": pd.to_datetime(
                ["2026-11-13", "2026-11-14", "2026-11-15", "2026-11-15", "2026-11-15", "2026-11-15"]
            ),
            "marketplace": ["US", "US", "US", "US", "UK", "US"],
            "sku": ["A", "A", "A", "A", "A", "B"],
            "ad_type": ["SD", "SD", "SD", "SP", "SB", "SB"],
            "campaign": [
                "SD - remarketing",
                "SD - remarketing",
                "SD - remarketing",
                "SP - exact",
                "SB - brand",
                "SB - x",
            ],
            "spend": [0.64, 0.68, 1.33, 9.0, 4.0, 7.0],
        }
    )
    out = sku_campaigns(daily, "A", "US")
    assert out.to_dict("records") == [
        {"ad_type": "SP", "campaign": "SP - exact", "spend_7d": 9.0},
        {"ad_type": "SD", "campaign": "SD - remarketing", "spend_7d": pytest.approx(2.65)},
    ]
    assert len(sku_campaigns(daily, "A")) == 3  # every marketplace without a filter
    assert sku_campaigns(None, "A").columns.tolist() == ["ad_type", "campaign", "spend_7d"]
    assert sku_campaigns(daily, "Z").empty


def test_sku_campaigns_feed_the_during_playbook():
    from inventory_core.model.playbook import build_playbook

    daily = pd.DataFrame(
        {
            "date": [AS_OF],
            "marketplace": ["US"],
            "sku": ["A"],
            "ad_type": ["SD"],
            "campaign": ["SD - remarketing"],
            "spend": [2.65],
        }
    )
    actions = build_playbook(
        {"phase": "during", "currency": "USD"}, "en", campaigns=sku_campaigns(daily, "A")
    )
    (line,) = [a for a in actions if a.key == "playbook.during.sbsd_spending_one"]
    assert "SD - remarketing" in line.text
    assert "$2.65" in line.text


def _episodes() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "marketplace": ["US", "US", "US"],
            "sku": ["A", "A", "B"],
            "start_date": pd.to_datetime(["2026-03-23", "2026-10-28", "2026-05-01"]),
            "end_date": pd.to_datetime(["2026-03-30", None, "2026-05-04"]),
            "ongoing": [False, True, False],
            "days": [7.0, 20.0, 3.0],
            "lost_units": [39.3, 138.0, 9.0],
            "lost_sales": [982.94, 3448.62, 90.0],
        }
    )


def test_episodes_table_newest_first_for_the_sku():
    table = episodes_table(_episodes(), "A", "US")
    assert table["start_date"].dt.strftime("%Y-%m-%d").tolist() == ["2026-10-28", "2026-03-23"]
    assert episodes_table(None, "A").empty


@pytest.mark.parametrize(
    ("lang", "row0"),
    [
        ("en", ["Oct 28, 2026", "still out of stock", "20", "138", "$3,448.62"]),
        ("zh", ["2026年10月28日", "仍在断货", "20", "138", "$3,448.62"]),
    ],
)
def test_episodes_display(lang, row0):
    shown = episodes_display(episodes_table(_episodes(), "A"), lang, "USD")
    assert shown.iloc[0].tolist() == row0
    assert shown.iloc[1, 1] == ("Mar 30, 2026" if lang == "en" else "2026年3月30日")
    assert ("断货开始" in shown.columns) == (lang == "zh")


def test_playbook_checklist_groups_by_area_most_urgent_first():
    actions = [
        Action("ads", 2, "pause weak", "k1"),
        Action("stock", 2, "reorder", "k2"),
        Action("ads", 1, "cut budget", "k3"),
        Action("ranks", 3, "watch", "k4"),
    ]
    groups = playbook_checklist(actions)
    assert [area for area, _ in groups] == ["ads", "stock", "ranks"]
    assert [a.text for a in groups[0][1]] == ["cut budget", "pause weak"]


def test_checklist_label_escapes_markdown():
    label = checklist_label(Action("price", 2, "Raise $19.99 → $21.99 on SKU_A*", "k"), "zh")
    assert label == ":orange[:material/schedule:] **本周处理** · Raise \\$19.99 → \\$21.99 on SKU\\_A\\*"


def _whatif(**kw):
    row = {
        "sku": "A",
        "marketplace": "US",
        "available": 100.0,
        "velocity": 10.0,
        "price": 20.0,
        "as_of": AS_OF,
    }
    ships = pd.DataFrame(
        [
            {
                "shipment_id": "S1",
                "sku": "A",
                "marketplace": "US",
                "quantity": 500.0,
                "mode": "sea",
                "status": "in_transit",
                "arrival_day": 20,
                "overdue": False,
                "counts": True,
            }
        ]
    )
    return sku_projection(row, ships, Settings(horizon_days=40), **kw)


def test_metrics_without_changes_have_no_delta():
    metrics = whatif_metrics(_whatif(), "en", "USD")
    assert [(m.label, m.value, m.delta) for m in metrics] == [
        ("Stockout date", "Nov 26, 2026", None),
        ("Gap · Medium gap", "10 days", None),
        ("Lost units", "100", None),
        ("Lost sales", "$2,000.00", None),
    ]


def test_metrics_compare_with_the_plan():
    later = whatif_metrics(_whatif(eta_shift_days={"S1": 10}), "en", "USD")
    assert [m.delta for m in later] == ["same as plan", "+10 days vs plan", "+100", "+$2,000.00"]
    assert [m.delta_color for m in later] == ["off", "inverse", "inverse", "inverse"]
    avoided = whatif_metrics(_whatif(eta_shift_days={"S1": -10}), "zh", "USD")
    assert avoided[0].value == "40 天内不断货"
    assert avoided[0].delta == "可避免断货"
    assert avoided[1].delta == "较计划 -10 天"
    assert avoided[3].delta == "-$2,000.00"
    slower = whatif_metrics(_whatif(velocity=20.0), "en", "USD")
    assert slower[0].delta == "-5 days vs plan"  # out 5 days sooner: red with the normal colouring
    assert slower[0].delta_color == "normal"


def test_docstring_examples():
    import doctest

    from inventory_core.views import timeline as timeline_view

    assert doctest.testmod(timeline_view).failed == 0
