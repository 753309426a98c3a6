"""Messages of the streamed import of large order files."""

MESSAGES: dict[str, dict[str, str]] = {
    "import.refused.bad_columns": {
        "en": "{file}: line {line} has a different number of cells than the header: '{value}' ({more} more rows rejected; {partial}){column}",
        "zh": "{file}：第 {line} 行的单元格数与表头不一致：「{value}」（另有 {more} 行被拒；{partial}）{column}",
    },
}
