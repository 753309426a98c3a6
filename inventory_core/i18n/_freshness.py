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
    "freshness.export.stock": {
        "en": "Manage FBA Inventory report",
        "zh": "亚马逊库存管理报告（Manage FBA Inventory）",
    },
    "freshness.export.sales": {"en": "All Orders report", "zh": "所有订单报告（All Orders）"},
    "freshness.export.ads": {
        "en": "Sponsored Products advertised product report (daily)",
        "zh": "商品推广·推广的商品报告（按天）",
    },
    "freshness.export.ranks": {"en": "Helium 10 Keyword Tracker export", "zh": "Helium 10 关键词追踪导出"},
    "replenishment.explain.stock_unknown": {
        "en": "Stock unknown: no stock snapshot within {days} days of the as-of",
        "zh": "库存未知：计划日期前后 {days} 天内没有库存快照",
    },
    "replenishment.explain.stock_estimated": {
        "en": "Stock estimated from the snapshot of {day} ({n} days from the as-of)",
        "zh": "库存按 {day} 的快照估计（距计划日期 {n} 天）",
    },
    "replenishment.explain.sales_none": {
        "en": "No known sales day in the last 90 days",
        "zh": "近 90 天没有已知的销量日",
    },
    "replenishment.explain.sales_stale": {
        "en": "Sales known through {day}, {n} days before the as-of (stale after {limit}): the ADS is from the known days; import the orders since",
        "zh": "销量数据截至 {day}，比计划日期早 {n} 天（超过 {limit} 天即过期）：日均销量按已知日计算；请导入之后的订单",
    },
    "replenishment.explain.no_figures_stock_unknown": {
        "en": "No cover, reorder quantity, order date, stockout or lost sales without the stock: import a stock report of the as-of",
        "zh": "没有库存数据，不计算可售天数、补货量、最晚下单日、断货与损失：请导入计划日期的库存报告",
    },
    "replenishment.explain.no_figures_sales_unknown": {
        "en": "No cover, reorder quantity, order date, stockout or lost sales without known sales: import the orders",
        "zh": "没有已知销量，不计算可售天数、补货量、最晚下单日、断货与损失：请导入订单",
    },
    "health.spike": {
        "en": "{sku} ({marketplace}): {units} units on {day}, over {factor}× its median of {median} a day in the 28 known days before: check that file's period and marketplace",
        "zh": "{sku}（{marketplace}）：{day} 销量 {units}，超过此前 28 个已知日中位数 {median} 的 {factor} 倍：请检查该文件的时间段和站点",
    },
    "health.report_vs_orders": {
        "en": "{file} ({start} – {end}): {report} units against {orders} in All Orders for the same days ({diff:+.0%}): check the period",
        "zh": "{file}（{start} – {end}）：{report} 件，同期所有订单报告为 {orders} 件（{diff:+.0%}）：请检查时间段",
    },
}
