"""No emoji anywhere a user can see: a server without an emoji font (every fresh Linux box, the CI machine)
draws them as empty boxes. Icons come from Streamlit's Material set (":material/name:") or are left out."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from inventory_core.i18n import MESSAGES

ROOT = Path(__file__).resolve().parent.parent
# Pictographs drawn in colour by default (U+1F000–U+1FAFF) and the emoji variation selector.
EMOJI = re.compile("[\U0001f000-\U0001faff\ufe0f]")
SOURCES = [
    ROOT / "app.py",
    *(ROOT / "pages").glob("*.py"),
    *(ROOT / "ui").glob("*.py"),
    *(
        p
        for p in (ROOT / "inventory_core").rglob("*.py")
        if p.relative_to(ROOT).as_posix() != "inventory_core/demo/data.py"
    ),
]


def test_no_emoji_in_the_translation_table():
    assert [
        key for key, entry in MESSAGES.items() if any(EMOJI.search(text) for text in entry.values())
    ] == []


def test_no_emoji_in_string_constants_of_the_app_and_the_core():
    found = []
    for path in SOURCES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and EMOJI.search(node.value):
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert found == []


def test_icons_are_material_icons():
    icon = re.compile(r"""icon=["']([^"']*)["']""")
    for path in SOURCES:
        for value in icon.findall(path.read_text(encoding="utf-8")):
            assert re.fullmatch(r":material/[a-z0-9_]+:", value), f"{path.relative_to(ROOT)}: {value}"
