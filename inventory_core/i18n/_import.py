"""Import and refusal messages (one line each: file, line, column, value)."""

MESSAGES: dict[str, dict[str, str]] = {
    "import.refused.unreadable": {
        "en": "{file}: cannot be read as a table ({reason})",
        "zh": "{file}：无法作为表格读取（{reason}）",
    },
    "import.refused.unknown": {
        "en": "{file}: not a recognised report; closest is {closest}, which lacks the columns: {missing}",
        "zh": "{file}：无法识别的报表；最接近的是「{closest}」，但缺少列：{missing}",
    },
    "import.refused.account_level": {
        "en": "{file}: a Business Report by Date is account-level; download the by-SKU (Detail Page Sales and Traffic by Child Item / by SKU) report instead",
        "zh": "{file}：按日期的业务报告只有账户汇总；请下载按 SKU（子商品详情页面上的销售量与访问量）的业务报告",
    },
    "import.refused.needs_period": {
        "en": "{file}: a Business Report has no dates; give its period (--period START END, or in the upload form)",
        "zh": "{file}：业务报告不含日期，请指定其时间段（--period 开始 结束，或在上传页面填写）",
    },
    "import.refused.bad_number": {
        "en": "{file}: line {line}, column '{column}': cannot read '{value}' as a number ({more} more rows rejected; --allow-partial imports the good rows)",
        "zh": "{file}：第 {line} 行，列「{column}」：无法将「{value}」读作数字（另有 {more} 行被拒；--allow-partial 可只导入正确的行）",
    },
    "import.refused.bad_date": {
        "en": "{file}: line {line}, column '{column}': cannot read '{value}' as a date ({more} more rows rejected; --allow-partial imports the good rows)",
        "zh": "{file}：第 {line} 行，列「{column}」：无法将「{value}」读作日期（另有 {more} 行被拒；--allow-partial 可只导入正确的行）",
    },
    "import.refused.bad_rank": {
        "en": "{file}: line {line}, column '{column}': cannot read '{value}' as a rank ({more} more rows rejected; --allow-partial imports the good rows)",
        "zh": "{file}：第 {line} 行，列「{column}」：无法将「{value}」读作排名（另有 {more} 行被拒；--allow-partial 可只导入正确的行）",
    },
    "import.refused.bad_bool": {
        "en": "{file}: line {line}, column '{column}': '{value}' is not yes/no ({more} more rows rejected; --allow-partial imports the good rows)",
        "zh": "{file}：第 {line} 行，列「{column}」：「{value}」不是 是/否（另有 {more} 行被拒；--allow-partial 可只导入正确的行）",
    },
    "import.refused.bad_empty": {
        "en": "{file}: line {line}, column '{column}': the value is empty but required ({more} more rows rejected; --allow-partial imports the good rows)",
        "zh": "{file}：第 {line} 行，列「{column}」：必填值为空（另有 {more} 行被拒；--allow-partial 可只导入正确的行）",
    },
    "import.refused.bad_vocab": {
        "en": "{file}: line {line}, column '{column}': '{value}' is not a known value ({more} more rows rejected; --allow-partial imports the good rows)",
        "zh": "{file}：第 {line} 行，列「{column}」：「{value}」不是可识别的取值（另有 {more} 行被拒；--allow-partial 可只导入正确的行）",
    },
    "import.note.rejected": {
        "en": "{n} rows rejected and kept for review",
        "zh": "{n} 行被拒绝，已保留供核查",
    },
    "import.note.already": {
        "en": "already imported (import {id}); nothing changed",
        "zh": "该文件已导入（导入编号 {id}），未做任何更改",
    },
}
