"""Short translated names of the plan's categories: alert levels, gap classes, phases, WOC × ROAS strategies
and FBA storage types.

Words over the translation table (``playbook.alert.*``, ``playbook.gap.*``, ``playbook.phase.*``,
``strategy.label.*``, ``fba.storage.*``), so a base module: the model (the matrix), the views, the app layer
and the pages all name a category the same way. A value without a message passes through as it is; a
missing one (None, NaN) is an empty label.
"""

from __future__ import annotations

from inventory_core.i18n import MESSAGES, t
from inventory_core.values import is_missing

__all__ = ["alert_label", "gap_label", "phase_label", "storage_label", "strategy_label"]


def _label(prefix: str, value: object, lang: str) -> str:
    key = f"{prefix}.{value}"
    return t(key, lang) if key in MESSAGES else ("" if is_missing(value) else str(value))


def phase_label(phase: str, lang: str = "en") -> str:
    """Short label of a phase: ``phase_label("during", "zh") == "断货中"``; unknown values pass through.

    >>> phase_label("during", "zh"), phase_label("sideways")
    ('断货中', 'sideways')
    """
    return _label("playbook.phase", phase, lang)


def alert_label(alert: str, lang: str = "en") -> str:
    """Short label of a restock alert level (``"urgent"`` → ``"紧急(考虑空运)"``)."""
    return _label("playbook.alert", alert, lang)


def storage_label(storage_type: str, lang: str = "en") -> str:
    """An FBA storage type in words (``"extra_large"`` → ``"Extra-large"``); unknown types as they are."""
    return _label("fba.storage", storage_type, lang)


def gap_label(gap_class: str, lang: str = "en") -> str:
    """Short label of a gap class (``"medium"`` → ``"中期断货"``)."""
    return _label("playbook.gap", gap_class, lang)


def strategy_label(strategy: str | None, lang: str = "en") -> str:
    """Short label of a WOC × ROAS strategy (``"scale"`` → ``"放量"``); a SKU without one (new, or data
    to check) is "not in the matrix"."""
    if is_missing(strategy):
        return t("strategy.label.none", lang)
    return _label("strategy.label", strategy, lang)
