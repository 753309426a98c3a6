"""One translation table for every user-visible string (Chinese and English).

Messages live in area modules beside this one, each a private module ``_<area>.py`` holding a dict
``MESSAGES`` of ``key -> {"en": ..., "zh": ...}``: ``_common`` (shared words), ``_app`` (the app chrome),
``_page_<name>`` for one page (``_page_upload``, ``_page_timeline`` ...), and one per area of the core
(``_import``, ``_playbook``, ``_settings``, ``_store`` ...). Every such module is merged here once, at import;
a key defined twice raises. ``t(key, lang, **values)`` formats a message; an unknown key raises ``KeyError``
rather than showing a raw key to a user, and ``tests/test_architecture.py`` checks that every message has
both languages with the same placeholders.
"""

from __future__ import annotations

import importlib
import pkgutil
from typing import Literal

Lang = Literal["en", "zh"]
LANGS: tuple[Lang, ...] = ("en", "zh")


def _load() -> dict[str, dict[str, str]]:
    table: dict[str, dict[str, str]] = {}
    for mod in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if not mod.name.startswith("_"):
            continue
        messages = importlib.import_module(f"{__name__}.{mod.name}").MESSAGES
        for key, value in messages.items():
            if key in table:
                raise RuntimeError(f"duplicate translation key {key!r} in {mod.name}")
            table[key] = value
    return table


MESSAGES: dict[str, dict[str, str]] = _load()


def t(key: str, lang: str = "en", /, **values: object) -> str:
    """The message ``key`` in ``lang`` (falls back to English), formatted with ``values``."""
    entry = MESSAGES[key]
    text = entry.get(lang) or entry["en"]
    return text.format(**values) if values else text
