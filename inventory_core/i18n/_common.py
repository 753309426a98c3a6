"""Shared words: units, phases, alert levels, strategies."""

MESSAGES: dict[str, dict[str, str]] = {
    "app.title": {"en": "Stockout Radar", "zh": "断货雷达"},
    "lang.name": {"en": "English", "zh": "中文"},
}
