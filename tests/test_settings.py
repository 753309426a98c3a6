"""Settings are checked against their ranges when loaded and saved: one line names the setting and the range,
in the app and the CLI (issue 11)."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import fields
from pathlib import Path

import pytest
from conftest import ROOT, run_app

from inventory_core.model.plan import load_settings, save_settings
from inventory_core.model.settings import RANGES, Settings, SettingsError, validate
from inventory_core.store import Store


def test_every_setting_has_a_range_that_holds_its_default():
    assert {f.name for f in fields(Settings)} == set(RANGES)
    validate(Settings())
    for name, (lo, hi) in RANGES.items():
        value = getattr(Settings(), name)
        assert lo <= (len(value) if isinstance(value, str) else float(value)) <= hi, name  # text: its length


@pytest.mark.parametrize(
    ("stored", "message"),
    [
        ({"horizon_days": 5000}, "Setting horizon_days = 5000 is refused: allowed range 7 to 730."),
        ({"service_level": 1.0}, "Setting service_level = 1.0 is refused: allowed range 0.5 to 0.9999."),
        ({"reorder_days": -3}, "Setting reorder_days = -3.0 is refused: allowed range 1 to 365."),
        (
            {"velocity_weight_30": "lots"},
            "Setting velocity_weight_30 = lots is refused: allowed range 0 to 100.",
        ),
        ({"horizon_days": 90.5}, "Setting horizon_days = 90.5 is refused: allowed range 7 to 730."),
        (
            {"velocity_weight_7": 5e-324},
            "Setting velocity_weight_7 = 5e-324 is refused: a weight is 0 (unused) or between 0.001 and 100.",
        ),
        (
            {
                "velocity_weight_7": 0,
                "velocity_weight_14": 0,
                "velocity_weight_30": 0,
                "velocity_weight_seasonal": 0,
            },
            "Settings velocity_weight_7, velocity_weight_14, velocity_weight_30, velocity_weight_seasonal "
            "are refused: at least one sales weight must be above 0.",
        ),
        ({"urgent_days": 90}, "Settings refused: urgent_days (90) must not exceed reorder_days (75)."),
        (
            {"woc_overstock_above": 3},
            "Settings refused: woc_risk_below (3) must be below woc_overstock_above (3).",
        ),
    ],
)
def test_a_stored_value_outside_its_range_is_refused_with_one_line(stored, message):
    with pytest.raises(SettingsError) as caught:
        Settings.from_json(json.dumps(stored))
    assert str(caught.value) == message
    assert "\n" not in caught.value.message("zh")


def test_nan_in_stored_json_is_refused():
    with pytest.raises(SettingsError, match="velocity_weight_14 = nan is refused"):
        Settings.from_json('{"velocity_weight_14": NaN}')


def test_saving_refuses_and_keeps_what_was_stored(store: Store):
    save_settings(store, Settings(reorder_days=60.0))
    with pytest.raises(
        SettingsError, match=r"default_lead_time_days = 0\.0 is refused: allowed range 1 to 365"
    ):
        save_settings(store, Settings(default_lead_time_days=0.0))
    assert load_settings(store) == Settings(reorder_days=60.0)


def test_unknown_keys_are_ignored_and_missing_ones_default():
    s = Settings.from_json(json.dumps({"reorder_days": 50, "retired_setting": 3}))
    assert s == Settings(reorder_days=50.0)


def _store_raw_settings(db: Path, text: str) -> None:
    with Store(db) as store:
        store.set_meta("settings", text)


def test_weights_stored_under_their_old_ads_names_still_load():
    # Stores written before average daily sales were called velocity keep their blend weights.
    s = Settings.from_json(
        json.dumps(
            {"ads_weight_7": 0.6, "ads_weight_14": 0.2, "ads_weight_30": 0.2, "ads_weight_seasonal": 0.0}
        )
    )
    assert (s.velocity_weight_7, s.velocity_weight_14, s.velocity_weight_30, s.velocity_weight_seasonal) == (
        0.6,
        0.2,
        0.2,
        0.0,
    )
    assert "ads_weight_7" not in json.loads(s.to_json())


def test_cli_plan_refuses_a_bad_stored_setting_with_one_line(demo_db: Path):
    _store_raw_settings(demo_db, json.dumps({"horizon_days": 5000}))
    for lang, expected in (
        ("en", "Setting horizon_days = 5000 is refused: allowed range 7 to 730."),
        ("zh", "设置 horizon_days = 5000 无效：允许范围 7 至 730。"),
    ):
        out = subprocess.run(
            [sys.executable, "-m", "inventory_core", "--lang", lang, "plan", "--db", str(demo_db)],
            capture_output=True,
            text=True,
            cwd=ROOT,
            timeout=300,
        )
        assert out.returncode == 2
        assert out.stderr.strip() == expected
        assert out.stdout == ""


def test_app_shows_one_line_and_plans_with_the_defaults(demo_db: Path):
    _store_raw_settings(demo_db, json.dumps({"velocity_weight_7": 5e-324}))
    at = run_app("pages/replenishment.py")
    errors = [e.value for e in at.error]
    assert errors == [
        "Setting velocity_weight_7 = 5e-324 is refused: a weight is 0 (unused) or between 0.001 and 100. "
        "The defaults are used until the setting is saved again."
    ]
    assert len(at.dataframe) + len(at.data_editor) >= 1  # the plan is still shown, on the defaults
