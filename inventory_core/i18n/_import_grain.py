"""Messages of replacement at the file's grain and of the plausibility checks at import (issue 18)."""

MESSAGES: dict[str, dict[str, str]] = {
    "import.refused.bad_date_span": {
        "en": "{file}: line {line}, column '{column}': the date '{value}' lies outside the span this file's other"
        " dates make plausible (a broken export?) ({more} more rows rejected; --allow-partial imports the"
        " good rows)",
        "zh": "{file}：第 {line} 行，列「{column}」：日期「{value}」超出该文件其他日期所在的合理范围（导出有误？）"
        "（另有 {more} 行被拒；--allow-partial 可只导入正确的行）",
    },
    "import.refused.currency": {
        "en": "{file}: line {line}, column '{column}': amounts in {currency}, but the {marketplace} marketplace"
        " sells in {expected}; give the rate to convert them (--fx-rate {currency}={example}, or the rate"
        " field of the upload page)",
        "zh": "{file}：第 {line} 行，列「{column}」：金额币种为 {currency}，而 {marketplace} 站点使用 {expected}；"
        "请给出换算汇率（--fx-rate {currency}={example}，或在上传页面填写汇率）",
    },
    "import.refused.bad_fx_rate": {
        "en": "{file}: the rate for {currency} must be a positive number (got {rate})",
        "zh": "{file}：{currency} 的汇率必须是正数（收到的是 {rate}）",
    },
    "import.note.kept": {
        "en": "kept {parts} that this file does not list",
        "zh": "保留了{parts}（本文件未列出这些 SKU）",
    },
    "import.note.kept_part": {
        "en": "{n} SKUs from import {id}",
        "zh": "导入 {id} 的 {n} 个 SKU",
    },
    "import.note.returns": {
        "en": "{lines} SKU-days with returns or refunds ({units} units, {amount} refunded) kept apart, not counted"
        " as sales",
        "zh": "{lines} 个 SKU-日含退货或退款（{units} 件，退款 {amount}），已单独记录，不计入销量",
    },
    "import.note.fx": {
        "en": "amounts in {currency} converted at {rate} to {expected}",
        "zh": "{currency} 金额已按汇率 {rate} 换算为 {expected}",
    },
    "import.note.case_skus": {
        "en": "SKUs that differ only by case: {pairs} (Amazon treats them as one SKU; check the spelling)",
        "zh": "以下 SKU 仅大小写不同：{pairs}（亚马逊视为同一个 SKU，请检查拼写）",
    },
    "import.note.snapshot_from_file_time": {
        "en": "stock counted on {date} (the file's modification day; --snapshot-date sets another day)",
        "zh": "库存日期取 {date}（文件的修改日期；可用 --snapshot-date 指定其他日期）",
    },
    "import.note.snapshot_older": {
        "en": "stock of {date} is older than the latest stock stored ({latest}): kept as history, not as the"
        " current stock",
        "zh": "{date} 的库存早于已存的最新库存（{latest}）：作为历史保存，不作为当前库存",
    },
    "upload.reason.date_span": {"en": "date outside the file's span", "zh": "日期超出文件范围"},
    "upload.health.case_skus": {
        "en": "SKUs that differ only by case: {pairs} — Amazon treats them as one SKU; check the spelling in the"
        " files that list them",
        "zh": "以下 SKU 仅大小写不同：{pairs} —— 亚马逊视为同一个 SKU，请检查相关文件中的拼写",
    },
    "upload.fx_rate": {
        "en": "Rate: 1 {currency} = ? {expected}",
        "zh": "汇率：1 {currency} = ? {expected}",
    },
    "upload.fx_rate_help": {
        "en": "The file's amounts are converted at this rate before they are stored",
        "zh": "文件中的金额按此汇率换算后再保存",
    },
    "upload.snapshot_date": {
        "en": "Day this stock was counted",
        "zh": "库存统计日期",
    },
    "upload.snapshot_date_help": {
        "en": "This report has no date of its own. The day you downloaded it (today if you just did); the latest"
        " stock stored is from {latest}",
        "zh": "该报表本身不含日期。请填写下载它的日期（刚下载则为今天）；已存的最新库存日期为 {latest}",
    },
}
