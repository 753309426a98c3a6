"""Import and refusal messages (one line each: file, line, column, value)."""

# {partial}: how to import the good rows where the message is read — the CLI's flag or the upload page's switch
# (import.partial.cli / import.partial.app, filled in by ImportRefused.message).
_PARTIAL_EN = "({more} more rows rejected; {partial})"
_PARTIAL_ZH = "（另有 {more} 行被拒；{partial}）"

MESSAGES: dict[str, dict[str, str]] = {
    # -- why a file cannot be read (ParseError codes of inventory_core.ingest.parsing) ----------------------------
    "parse.error": {"en": "{reason}", "zh": "{reason}"},
    "parse.empty": {"en": "the file is empty", "zh": "文件是空的"},
    "parse.binary": {
        "en": "not a table (binary content or an unknown text encoding)",
        "zh": "不是表格（二进制内容或无法识别的文本编码）",
    },
    "parse.html": {
        "en": "an HTML or XML page, not a table: open it and save it as CSV",
        "zh": "这是 HTML 或 XML 网页而不是表格：请打开后另存为 CSV",
    },
    "parse.no_header": {
        "en": "no header row found in the first {n} lines",
        "zh": "前 {n} 行中找不到表头",
    },
    "parse.quotes": {
        "en": "unbalanced quotes: the quoted field starting on line {line} never ends",
        "zh": "引号不成对：从第 {line} 行开始的带引号字段没有结束",
    },
    "parse.password": {"en": "the workbook is password-protected", "zh": "工作簿有密码保护"},
    "parse.bad_workbook": {"en": "not a readable Excel workbook", "zh": "不是可读取的 Excel 工作簿"},
    "parse.no_sheet": {
        "en": "no sheet named '{sheet}' (sheets: {sheets})",
        "zh": "没有名为「{sheet}」的工作表（现有：{sheets}）",
    },
    "parse.truncated": {
        "en": "line {line} stops after {n} of {width} cells and the file has no final line break: it looks cut off (an interrupted download?); download it again",
        "zh": "第 {line} 行只有 {width} 列中的 {n} 列，且文件末尾没有换行：文件似乎不完整（下载中断？），请重新下载",
    },
    "parse.truncated_char": {
        "en": "the file ends in the middle of a character on line {line}: it looks cut off (an interrupted download?); download it again",
        "zh": "文件在第 {line} 行的一个字符中间结束：文件似乎不完整（下载中断？），请重新下载",
    },
    "parse.mixed_encoding": {
        "en": "line {line} holds bytes that are not {encoding} text: the file mixes text encodings; save it again as UTF-8",
        "zh": "第 {line} 行含有不属于 {encoding} 编码的字节：文件混用了多种文本编码，请重新保存为 UTF-8",
    },
    "parse.too_many_columns": {
        "en": "line {line} has {n} columns, more than the limit of {limit} (STOCKOUT_RADAR_MAX_COLUMNS)",
        "zh": "第 {line} 行有 {n} 列，超过上限 {limit} 列（STOCKOUT_RADAR_MAX_COLUMNS）",
    },
    "parse.sheet_too_wide": {
        "en": "a sheet reaches column {n}, more than the limit of {limit} (STOCKOUT_RADAR_MAX_COLUMNS)",
        "zh": "工作表用到第 {n} 列，超过上限 {limit} 列（STOCKOUT_RADAR_MAX_COLUMNS）",
    },
    "parse.cell_too_long": {
        "en": "line {line}, column '{column}': a cell of {n} characters, more than the limit of {limit} (STOCKOUT_RADAR_MAX_CELL_CHARS)",
        "zh": "第 {line} 行，列「{column}」：单元格有 {n} 个字符，超过上限 {limit}（STOCKOUT_RADAR_MAX_CELL_CHARS）",
    },
    "parse.line_too_long": {
        "en": "line {line} holds a cell of more than {n} characters",
        "zh": "第 {line} 行有超过 {n} 个字符的单元格",
    },
    "parse.workbook_format": {
        "en": "an {format} workbook, which is not supported: save it as .xlsx or CSV",
        "zh": "不支持 {format} 格式的工作簿：请另存为 .xlsx 或 CSV",
    },
    "parse.zip_parts": {
        "en": "a zip of {n} parts, not an Excel workbook",
        "zh": "这是包含 {n} 个部件的压缩包，不是 Excel 工作簿",
    },
    "parse.zip_size": {
        "en": "the workbook would unpack to {size_mb} MB, more than the limit of {limit_mb} MB (STOCKOUT_RADAR_MAX_UNZIPPED_MB)",
        "zh": "工作簿解压后将达 {size_mb} MB，超过上限 {limit_mb} MB（STOCKOUT_RADAR_MAX_UNZIPPED_MB）",
    },
    "parse.zip_ratio": {
        "en": "the workbook part '{part}' is compressed {ratio}:1, more than the limit of {limit}:1 (STOCKOUT_RADAR_MAX_ZIP_RATIO): a zip bomb, not an export",
        "zh": "工作簿部件「{part}」的压缩比为 {ratio}:1，超过上限 {limit}:1（STOCKOUT_RADAR_MAX_ZIP_RATIO）：这是压缩炸弹，不是导出文件",
    },
    "parse.zip_lies": {
        "en": "the workbook part '{part}' unpacks to more than its declared size: a damaged or crafted file",
        "zh": "工作簿部件「{part}」解压后超过其声明的大小：文件已损坏或被人为构造",
    },
    "parse.sheet_too_large": {
        "en": "a sheet spans {rows} rows × {cols} columns, far more than its content fills (the limit is {limit} cells): a damaged or crafted file",
        "zh": "工作表跨越 {rows} 行 × {cols} 列，远超其实际内容（上限 {limit} 个单元格）：文件已损坏或被人为构造",
    },
    # -- refusals ------------------------------------------------------------------------------------------
    "import.refused.unreadable": {
        "en": "{file}: cannot be read as a table: {reason}",
        "zh": "{file}：无法作为表格读取：{reason}",
    },
    "import.refused.io": {
        "en": "{file}: cannot open the file ({reason})",
        "zh": "{file}：无法打开文件（{reason}）",
    },
    "import.refused.unknown": {
        "en": "{file}: not a recognised report; closest is {closest}, which lacks the columns: {missing}",
        "zh": "{file}：无法识别的报表；最接近的是「{closest}」，但缺少列：{missing}",
    },
    "import.refused.unknown_columns": {
        "en": "{file}: not a recognised report: none of its columns ({columns}) belongs to a known report",
        "zh": "{file}：无法识别的报表：其列（{columns}）都不属于任何已知报表",
    },
    "import.refused.bad_kind": {
        "en": "{file}: there is no report kind '{kind}' (the `kinds` command lists them)",
        "zh": "{file}：没有名为「{kind}」的报表类型（`kinds` 命令可列出全部类型）",
    },
    "import.refused.no_rows": {
        "en": "{file}: a {kind} with a header but no data rows; nothing to import",
        "zh": "{file}：「{kind}」只有表头，没有数据行，没有可导入的内容",
    },
    "import.refused.account_level": {
        "en": "{file}: a Business Report by Date is account-level; download the by-SKU (Detail Page Sales and Traffic by Child Item / by SKU) report instead",
        "zh": "{file}：按日期的业务报告只有账户汇总；请下载按 SKU（子商品详情页面上的销售量与访问量）的业务报告",
    },
    "import.refused.needs_period": {
        "en": "{file}: a Business Report has no dates; give its period (--period START END, or in the upload form)",
        "zh": "{file}：业务报告不含日期，请指定其时间段（--period 开始 结束，或在上传页面填写）",
    },
    "import.refused.bad_period": {
        "en": "{file}: the period ends ({end}) before it starts ({start})",
        "zh": "{file}：时间段的结束日期（{end}）早于开始日期（{start}）",
    },
    "import.refused.internal": {
        "en": "{file}: could not be imported because of a program error ({reason}); please report it",
        "zh": "{file}：因程序错误未能导入（{reason}），请反馈此问题",
    },
    "import.refused.bad_number": {
        "en": "{file}: line {line}, column '{column}': cannot read '{value}' as a number " + _PARTIAL_EN,
        "zh": "{file}：第 {line} 行，列「{column}」：无法将「{value}」读作数字" + _PARTIAL_ZH,
    },
    "import.refused.bad_bound": {
        "en": "{file}: line {line}, column '{column}': '{value}' is beyond any plausible value (a typo?) "
        + _PARTIAL_EN,
        "zh": "{file}：第 {line} 行，列「{column}」：「{value}」超出合理范围（输入错误？）" + _PARTIAL_ZH,
    },
    "import.refused.bad_date": {
        "en": "{file}: line {line}, column '{column}': cannot read '{value}' as a date " + _PARTIAL_EN,
        "zh": "{file}：第 {line} 行，列「{column}」：无法将「{value}」读作日期" + _PARTIAL_ZH,
    },
    "import.refused.bad_rank": {
        "en": "{file}: line {line}, column '{column}': cannot read '{value}' as a rank " + _PARTIAL_EN,
        "zh": "{file}：第 {line} 行，列「{column}」：无法将「{value}」读作排名" + _PARTIAL_ZH,
    },
    "import.refused.bad_bool": {
        "en": "{file}: line {line}, column '{column}': '{value}' is not yes/no " + _PARTIAL_EN,
        "zh": "{file}：第 {line} 行，列「{column}」：「{value}」不是 是/否" + _PARTIAL_ZH,
    },
    "import.refused.bad_empty": {
        "en": "{file}: line {line}, column '{column}': the value is empty but required " + _PARTIAL_EN,
        "zh": "{file}：第 {line} 行，列「{column}」：必填值为空" + _PARTIAL_ZH,
    },
    "import.refused.bad_vocab": {
        "en": "{file}: line {line}, column '{column}': '{value}' is not a known value " + _PARTIAL_EN,
        "zh": "{file}：第 {line} 行，列「{column}」：「{value}」不是可识别的取值" + _PARTIAL_ZH,
    },
    "import.refused.bad_marketplace": {
        "en": "{file}: line {line}, column '{column}': '{value}' is not a known Amazon marketplace "
        + _PARTIAL_EN,
        "zh": "{file}：第 {line} 行，列「{column}」：「{value}」不是可识别的亚马逊站点" + _PARTIAL_ZH,
    },
    "import.partial.cli": {
        "en": "--allow-partial imports the good rows",
        "zh": "--allow-partial 可只导入正确的行",
    },
    "import.partial.app": {
        "en": "switch on “{switch}” above to import the good rows",
        "zh": "打开上方的「{switch}」可只导入正确的行",
    },
    # -- notes and command-line output --------------------------------------------------------------------
    "import.note.rejected": {
        "en": "{n} rows rejected and kept for review",
        "zh": "{n} 行被拒绝，已保留供核查",
    },
    "import.note.period_given": {
        "en": "period {start} – {end} as given",
        "zh": "时间段 {start} – {end}（按指定）",
    },
    "import.note.period_file_name": {
        "en": "period {start} – {end} from the two dates in the file name",
        "zh": "时间段 {start} – {end}，取自文件名中的两个日期",
    },
    "import.note.period_download_date": {
        "en": "period {start} – {end} proposed: the file name has one date, {day}, the day it was downloaded, so the 7 days before it; give --period START END if it covers other days",
        "zh": "建议时间段 {start} – {end}：文件名只有一个日期 {day}（下载日），故取其前 7 天；若不是这段时间，请用 --period 开始 结束 指定",
    },
    "import.note.already": {
        "en": "already imported (import {id}); nothing changed",
        "zh": "该文件已导入（导入编号 {id}），未做任何更改",
    },
    "import.cli.imported": {
        "en": "{file}: imported as {kind} (import {id}, {rows} rows)",
        "zh": "{file}：已按「{kind}」导入（导入编号 {id}，{rows} 行）",
    },
    "import.cli.imported_partial": {
        "en": "{file}: imported as {kind} (import {id}, {rows} rows, {rejected} rejected rows kept for review)",
        "zh": "{file}：已按「{kind}」导入（导入编号 {id}，{rows} 行，{rejected} 行被拒并保留供核查）",
    },
    "import.cli.skipped": {
        "en": "{file}: skipped, already imported (import {id}); nothing changed",
        "zh": "{file}：已跳过，该文件已导入（导入编号 {id}），未做任何更改",
    },
    "import.cli.undone": {
        "en": "import {id} ({file}) undone",
        "zh": "已撤销导入 {id}（{file}）",
    },
    "import.cli.log_header": {
        "en": "id\tstatus\tkind\tperiod\trows\trejected\timported_at\tfile",
        "zh": "编号\t状态\t类型\t时间段\t行数\t被拒\t导入时间\t文件",
    },
    "import.refused.too_large": {
        "en": "{file}: {size_mb} MB is over the upload limit of {limit_mb} MB (STOCKOUT_RADAR_MAX_UPLOAD_MB)",
        "zh": "{file}：文件 {size_mb} MB，超过上传上限 {limit_mb} MB（STOCKOUT_RADAR_MAX_UPLOAD_MB）",
    },
}
