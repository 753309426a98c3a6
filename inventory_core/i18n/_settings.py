"""Refusals of settings outside their ranges (app and CLI)."""

MESSAGES: dict[str, dict[str, str]] = {
    "settings.out_of_range": {
        "en": "Setting {name} = {value} is refused: allowed range {lo} to {hi}.",
        "zh": "设置 {name} = {value} 无效：允许范围 {lo} 至 {hi}。",
    },
    "settings.weight_tiny": {
        "en": "Setting {name} = {value} is refused: a weight is 0 (unused) or between {lo} and {hi}.",
        "zh": "设置 {name} = {value} 无效：权重为 0（不使用）或介于 {lo} 至 {hi} 之间。",
    },
    "settings.weights_all_zero": {
        "en": "Settings {names} are refused: at least one sales weight must be above 0.",
        "zh": "设置 {names} 无效：至少一个销量权重须大于 0。",
    },
    "settings.order": {
        "en": "Settings refused: {low} ({low_value}) must not exceed {high} ({high_value}).",
        "zh": "设置无效：{low}（{low_value}）不能大于 {high}（{high_value}）。",
    },
    "settings.order_strict": {
        "en": "Settings refused: {low} ({low_value}) must be below {high} ({high_value}).",
        "zh": "设置无效：{low}（{low_value}）必须小于 {high}（{high_value}）。",
    },
    "settings.defaults_used": {
        "en": "{reason} The defaults are used until the setting is saved again.",
        "zh": "{reason} 在重新保存该设置之前，使用默认值。",
    },
}
