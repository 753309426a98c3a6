"""What the numbers know: the freshness line, data-health checks across sources, unknown stock and sales."""

MESSAGES = {
    "freshness.line": {
        "en": "Stock as of {stock} · sales through {sales} · ads through {ads} · ranks through {ranks}",
        "zh": "库存截至 {stock} · 销量截至 {sales} · 广告截至 {ads} · 排名截至 {ranks}",
    },
    "freshness.download": {
        "en": "Download the {export} for {start} – {end}",
        "zh": "请下载 {start} – {end} 的{export}",
    },
    "freshness.missing": {
        "en": "No {export} imported yet: download it",
        "zh": "尚未导入{export}，请下载",
    },
    "freshness.ok": {
        "en": "The sources are at most {days} days apart and none is older than {max_age} days.",
        "zh": "各数据源相差不超过 {days} 天，且都不早于 {max_age} 天前。",
    },
    "freshness.export.stock": {"en": "Manage FBA Inventory report", "zh": "亚马逊库存管理报告（Manage FBA Inventory）"},
    "freshness.export.sales": {"en": "All Orders report", "zh": "所有订单报告（All Orders）"},
    "freshness.export.ads": {"en": "Sponsored Products advertised product report (daily)",
                             "zh": "商品推广·推广的商品报告（按天）"},
    "freshness.export.ranks": {"en": "Helium 10 Keyword Tracker export", "zh": "Helium 10 关键词追踪导出"},
    "health.spike": {
        "en": "{sku} ({marketplace}): {units} units on {day}, over {factor}× its median of {median} a day in the 28 known days before: check that file's period and marketplace",
        "zh": "{sku}（{marketplace}）：{day} 销量 {units}，超过此前 28 个已知日中位数 {median} 的 {factor} 倍：请检查该文件的时间段和站点",
    },
    "health.report_vs_orders": {
        "en": "{file} ({start} – {end}): {report} units against {orders} in All Orders for the same days ({diff:+.0%}): check the period",
        "zh": "{file}（{start} – {end}）：{report} 件，同期所有订单报告为 {orders} 件（{diff:+.0%}）：请检查时间段",
    },
}
