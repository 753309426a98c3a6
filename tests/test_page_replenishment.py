"""Replenishment plan page (AppTest on the demo database): the coloured sheet, thresholds shared through
Settings, in-place edits saved as an undoable import, the explanation, Chinese, empty database."""

from __future__ import annotations

import json
import re
from collections import defaultdict

from conftest import run_app

from inventory_core.model import formulas
from inventory_core.model.plan import compute_plan, load_settings
from inventory_core.store import Store
from inventory_core.views.charts.palette import COVER_FILL

PAGE = "pages/replenishment.py"


def _plan(path):
    with Store(path) as store:
        return compute_plan(store)


def _metrics(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def _rows_by_fill(editor) -> dict[str, set[int]]:
    """Which table rows the seller sees in which colour (from the Styler CSS sent to the browser)."""
    css = editor.proto.arrow_data.styler.styles
    rows: dict[str, set[int]] = defaultdict(set)
    for selectors, body in re.findall(r"([^{}]+)\{([^}]*)\}", css):
        colour = re.search(r"background-color:\s*(#[0-9A-Fa-f]{6})", body)
        if colour:
            rows[colour.group(1).upper()].update(int(r) for r in re.findall(r"_row(\d+)_col", selectors))
    return rows


def test_red_and_yellow_cover_cells_and_alert_counts_match_the_plan(demo_db):
    at = run_app(PAGE)
    plan = _plan(demo_db)
    counts = plan.skus["alert"].value_counts()
    metrics = _metrics(at)
    assert metrics[":yellow[:material/error:] Urgent: air freight"] == str(counts["urgent"])
    assert metrics[":red[:material/shopping_cart:] Reorder now"] == str(counts["reorder"])
    assert metrics["Units to order"] == f"{plan.skus['reorder_qty'].sum():,}"

    editor = at.data_editor(key="repl_editor")
    table = editor.value
    assert len(table) == len(plan.skus)
    fills = _rows_by_fill(editor)
    red, yellow = fills[COVER_FILL["red"].upper()], fills[COVER_FILL["yellow"].upper()]
    # issue 14: the seller's colours sit on the days-of-cover cells (on-hand cover ≤ 75 red, ≤ 20 yellow)
    colours = plan.skus["cover_colour"].value_counts()
    assert len(red) == colours["red"]
    assert len(yellow) == colours["yellow"]
    assert all(table.loc[r, "days_of_cover"] <= 75 for r in red)
    assert all(table.loc[r, "days_of_cover"] <= 20 for r in yellow)
    # and the alert follows the quantities: order now only with something to order
    for _, r in table.iterrows():
        if r["alert"].endswith(("Reorder now", "Urgent (consider air)")):
            assert r["reorder_qty"] > 0 or r["air_qty"] > 0
        else:
            assert r["reorder_qty"] == 0
            assert r["air_qty"] == 0
    # the row the seller reads matches the plan
    first = table.iloc[0]
    row = plan.row(first["sku"])
    assert first["reorder_qty"] == row["reorder_qty"]
    assert first["days_of_cover"] == row["days_of_cover"]
    # settings columns are editable, computed ones are not
    config = json.loads(editor.proto.columns)
    assert config["lead_time_days"].get("disabled") is not True
    assert config["reorder_qty"]["disabled"] is True
    assert config["days_of_cover"]["label"] == "Days of cover"
    assert at.get("download_button")  # xlsx and csv
    assert {b.proto.id.split("-")[-1] for b in at.get("download_button")} >= {"repl_xlsx", "repl_csv"}


def test_filter_by_alert_level_drops_edits_of_rows_that_moved(demo_db):
    at = run_app(PAGE)
    at.session_state["repl_editor"] = {
        "edited_rows": {0: {"safety_days": 30}},
        "added_rows": [],
        "deleted_rows": [],
    }
    at.run()
    assert at.button(key="repl_save").disabled is False
    at.multiselect(key="repl_alerts").set_value(["urgent"]).run()
    assert at.button(key="repl_save").disabled is True
    assert not at.exception
    table = at.data_editor(key="repl_editor").value
    urgent = (_plan(demo_db).skus["alert"] == "urgent").sum()
    assert len(table) == urgent
    assert table["alert"].str.endswith("Urgent (consider air)").all()


def test_editing_lead_time_is_saved_and_changes_the_reorder_quantity(demo_db):
    plan = _plan(demo_db)
    row = plan.skus.sort_values("reorder_qty", ascending=False).iloc[0]
    sku, new_lead = row["sku"], float(row["lead_time_days"]) + 20
    at = run_app(PAGE)
    table = at.data_editor(key="repl_editor").value
    pos = int(table.index[table["sku"] == sku][0])
    at.session_state["repl_editor"] = {
        "edited_rows": {pos: {"lead_time_days": new_lead}},
        "added_rows": [],
        "deleted_rows": [],
    }
    at.run()
    assert not at.exception
    assert at.button(key="repl_save").disabled is False
    at.button(key="repl_save").click().run()
    assert not at.exception
    assert at.success
    assert sku in at.success[0].value

    with Store(demo_db) as store:
        saved = store.sku_settings_df().set_index("sku").loc[sku]
        assert saved["lead_time_days"] == new_lead
        before = [r for r in store.imports() if r.kind == "app_edit"]
    # the other settings of the SKU were kept
    assert saved["safety_days"] == row["safety_days"]
    assert saved["unit_cost"] == row["unit_cost"]
    expected = formulas.reorder_quantity(
        row["velocity"],
        new_lead,
        row["safety_days"],
        row["available"],
        row["inbound"],
        review_period_days=row["review_period_days"],
    )
    table = at.data_editor(key="repl_editor").value
    shown = table.loc[table["sku"] == sku].iloc[0]
    assert shown["lead_time_days"] == new_lead
    assert shown["reorder_qty"] == expected
    assert abs((expected - row["reorder_qty"]) - row["velocity"] * 20) <= 1  # 20 more days of sales
    assert at.button(key="repl_save").disabled is True  # editor starts afresh

    # the edit is an import of its own: undoing it restores the previous lead time
    with Store(demo_db) as store:
        store.undo(before[-1].import_id)
        assert store.sku_settings_df().set_index("sku").loc[sku, "lead_time_days"] == row["lead_time_days"]


def test_threshold_is_saved_for_every_page(demo_db):
    at = run_app(PAGE)
    at.number_input(key="repl_th_reorder_days").set_value(40).run()
    assert not at.exception
    with Store(demo_db) as store:
        assert load_settings(store).reorder_days == 40
        plan = compute_plan(store)
    counts = plan.skus["alert"].value_counts()
    assert _metrics(at)[":red[:material/shopping_cart:] Reorder now"] == str(counts.get("reorder", 0))
    assert (plan.skus["cover_colour"] == "red").sum() == (
        (plan.skus["days_of_cover"] <= 40) & (plan.skus["days_of_cover"] > 20)
    ).sum()  # the red line moved
    # an urgent line above the reorder line is refused
    at.number_input(key="repl_th_urgent_days").set_value(60).run()
    assert not at.exception
    assert at.error
    with Store(demo_db) as store:
        assert load_settings(store).urgent_days == 20


def test_explanation_of_the_url_sku(demo_db):
    plan = _plan(demo_db)
    row = plan.skus[plan.skus["velocity_source"] == "override"].iloc[0]
    at = run_app(PAGE, query={"sku": row["sku"]})
    assert at.selectbox(key="repl_sku").value == row["sku"]
    text = at.markdown[-1].value
    assert f"Reorder {row['reorder_qty']:,} = ADS {row['velocity']:.2f}" in text
    assert "wins over the blend" in text
    other = plan.skus["sku"].iloc[-1]
    at.selectbox(key="repl_sku").set_value(other).run()
    assert not at.exception
    assert at.session_state["sku"] == other


def test_chinese(demo_db):
    at = run_app(PAGE, lang="zh")
    assert at.title[0].value == "补货计划"
    config = json.loads(at.data_editor(key="repl_editor").proto.columns)
    assert config["days_of_cover"]["label"] == "可售天数"
    assert config["reorder_qty"]["label"] == "建议补货量"
    assert "补货量" in at.markdown[-1].value
    assert any(label.endswith("立即补货") for label in _metrics(at))


def test_empty_database(empty_db):
    at = run_app(PAGE)
    assert not at.exception
    assert at.info
    assert not at.data_editor
