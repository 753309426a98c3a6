"""Replenishment plan page: the restock sheet (seed 000 补货库存预警表), its columns, thresholds, edits,
export, and the per-SKU explanation (``inventory_core.views.explain``).

Chinese uses the sellers' words from seed 000: 日均销量, 补货周期, 安全库存, 在途库存, 可售天数, 补货量, 空运.
"""

MESSAGES: dict[str, dict[str, str]] = {
    # --- page --------------------------------------------------------------------------------------
    "replenishment.caption": {
        "en": "Stock as of {as_of} · days of cover in red ≤ {reorder} days, yellow ≤ {urgent} days (the seller's sheet) · the alert follows the quantities: order now only with something to order",
        "zh": "库存截至 {as_of} · 可售天数 ≤ {reorder} 天标红，≤ {urgent} 天标黄（卖家补货表） · 预警跟随数量：有补货量才提示立即下单",
    },
    "replenishment.metric.urgent": {"en": "Urgent: air freight", "zh": "紧急：需空运"},
    "replenishment.metric.reorder": {"en": "Reorder now", "zh": "立即补货"},
    "replenishment.metric.watch": {"en": "Watch", "zh": "关注"},
    "replenishment.metric.units": {"en": "Units to order", "zh": "建议补货总量"},
    "replenishment.thresholds": {
        "en": "Alert thresholds (shared by every page)",
        "zh": "预警阈值（所有页面共用）",
    },
    "replenishment.th.reorder_days": {
        "en": "Reorder line: cover ≤ days (red)",
        "zh": "补货线：可售天数 ≤（标红）",
    },
    "replenishment.th.urgent_days": {
        "en": "Urgent line: cover ≤ days (yellow)",
        "zh": "紧急线：可售天数 ≤（标黄）",
    },
    "replenishment.th.default_safety_days": {"en": "Default safety days", "zh": "默认安全库存天数"},
    "replenishment.th.default_lead_time_days": {"en": "Default lead time (days)", "zh": "默认补货周期（天）"},
    "replenishment.th.default_air_lead_time_days": {
        "en": "Default air lead time (days)",
        "zh": "默认空运时效（天）",
    },
    "replenishment.th.horizon_days": {"en": "Projection horizon (days)", "zh": "断货预测天数"},
    "replenishment.th.help": {
        "en": "Used for SKUs without their own value; a SKU's own lead time and safety days are edited in the table",
        "zh": "用于没有单独设置的 SKU；单个 SKU 的补货周期和安全库存天数请在表格中修改",
    },
    "replenishment.th.bad_order": {
        "en": "The urgent line must not be above the reorder line ({urgent} > {reorder} days): not saved",
        "zh": "紧急线不能高于补货线（{urgent} > {reorder} 天），未保存",
    },
    "replenishment.th.saved": {
        "en": "Thresholds saved; every page now uses them",
        "zh": "阈值已保存，所有页面同步生效",
    },
    "replenishment.filter": {"en": "Show alert levels", "zh": "显示预警级别"},
    "replenishment.table": {"en": "Restock sheet", "zh": "补货表"},
    "replenishment.table_help": {
        "en": "Edit lead time, air lead time, safety days, ADS override, unit cost, target ROAS, core and note in place, then save. Empty = use the default.",
        "zh": "可直接修改补货周期、空运时效、安全库存天数、手动日均、单位成本、目标 ROAS、核心款和备注，然后保存。留空 = 使用默认值。",
    },
    "replenishment.no_rows": {"en": "No SKU matches the filters", "zh": "没有符合筛选条件的 SKU"},
    "replenishment.save": {"en": "Save edits", "zh": "保存修改"},
    "replenishment.no_edits": {"en": "No edits to save", "zh": "没有需要保存的修改"},
    "replenishment.saved": {
        "en": "Saved settings for {n} SKU(s): {skus}. The edit is an import of its own; undo it on the Upload page.",
        "zh": "已保存 {n} 个 SKU 的设置：{skus}。本次修改作为一次导入记录，可在「上传与数据健康」页面撤销。",
    },
    "replenishment.save_error": {"en": "Not saved: {error}", "zh": "未保存：{error}"},
    "replenishment.pending": {"en": "{n} unsaved edit(s)", "zh": "{n} 处修改未保存"},
    "replenishment.download_xlsx": {"en": "Download Excel (.xlsx)", "zh": "下载 Excel (.xlsx)"},
    "replenishment.download_csv": {"en": "Download CSV", "zh": "下载 CSV"},
    "replenishment.file_name": {"en": "restock-plan-{date}", "zh": "补货计划-{date}"},
    "replenishment.sheet_name": {"en": "Restock plan", "zh": "补货计划"},
    "replenishment.explain_title": {"en": "Why these numbers", "zh": "数字从何而来"},
    "replenishment.explain_sku": {"en": "SKU to explain", "zh": "查看 SKU 的计算过程"},
    "replenishment.chart_title": {"en": "Days of cover by SKU", "zh": "各 SKU 可售天数"},
    "replenishment.chart_x": {"en": "Days of cover", "zh": "可售天数"},
    "replenishment.chart_with_inbound": {"en": "incl. inbound", "zh": "含在途"},
    "replenishment.chart_line": {"en": "{label}: {days} d", "zh": "{label}：{days} 天"},
    "replenishment.chart_reorder": {"en": "Reorder line", "zh": "补货线"},
    "replenishment.chart_urgent": {"en": "Urgent line", "zh": "紧急线"},
    "replenishment.yes": {"en": "yes", "zh": "是"},
    "replenishment.no": {"en": "no", "zh": "否"},
    # --- sheet columns -----------------------------------------------------------------------------
    "replenishment.col.marketplace": {"en": "Marketplace", "zh": "站点"},
    "replenishment.col.sku": {"en": "SKU", "zh": "SKU"},
    "replenishment.col.product_name": {"en": "Product", "zh": "品名"},
    "replenishment.col.alert": {"en": "Alert", "zh": "预警"},
    "replenishment.col.stock_age_days": {"en": "Stock data age (days)", "zh": "库存数据天数"},
    "replenishment.col.sales_age_days": {"en": "Sales data age (days)", "zh": "销量数据天数"},
    "replenishment.col.available": {"en": "Available", "zh": "可售库存"},
    "replenishment.col.inbound": {"en": "Inbound", "zh": "在途库存"},
    "replenishment.col.velocity_7": {"en": "7-day ADS", "zh": "近7天日均"},
    "replenishment.col.velocity_14": {"en": "14-day ADS", "zh": "近14天日均"},
    "replenishment.col.velocity_30": {"en": "30-day ADS", "zh": "近30天日均"},
    "replenishment.col.velocity_seasonal": {"en": "Seasonal ADS", "zh": "去年同期日均(含同比)"},
    "replenishment.col.velocity_blend": {"en": "Blended ADS", "zh": "加权日均"},
    "replenishment.col.ads_override": {"en": "ADS override", "zh": "手动日均"},
    "replenishment.col.velocity": {"en": "Planning ADS", "zh": "计划日均销量"},
    "replenishment.col.days_of_cover": {"en": "Days of cover", "zh": "可售天数"},
    "replenishment.col.days_of_cover_with_inbound": {"en": "Cover incl. inbound", "zh": "含在途可售天数"},
    "replenishment.col.woc": {"en": "WOC (weeks)", "zh": "库存周数 WOC"},
    "replenishment.col.lead_time_days": {"en": "Lead time (d)", "zh": "补货周期(天)"},
    "replenishment.col.air_lead_time_days": {"en": "Air lead time (d)", "zh": "空运时效(天)"},
    "replenishment.col.safety_days": {"en": "Safety days", "zh": "安全库存天数"},
    "replenishment.col.safety_stock": {"en": "Safety stock", "zh": "安全库存"},
    "replenishment.col.reorder_qty": {"en": "Reorder qty", "zh": "建议补货量"},
    "replenishment.col.latest_order_date": {"en": "Latest order date", "zh": "最晚下单日"},
    "replenishment.col.stockout_date": {"en": "Projected stockout", "zh": "预计断货日"},
    "replenishment.col.air_qty": {"en": "Air bridge qty", "zh": "建议空运量"},
    "replenishment.col.amazon_recommended_qty": {"en": "Amazon recommends", "zh": "亚马逊建议补货量"},
    "replenishment.col.unit_cost": {"en": "Unit cost", "zh": "单位成本"},
    "replenishment.col.target_roas": {"en": "Target ROAS", "zh": "目标 ROAS"},
    "replenishment.col.is_core": {"en": "Core", "zh": "核心款"},
    "replenishment.col.note": {"en": "Note", "zh": "备注"},
    # --- WOC bands -------------------------------------------------------------------------------------
    "replenishment.woc_band.stockout_risk": {"en": "stockout risk (< 3 weeks)", "zh": "断货风险（< 3 周）"},
    "replenishment.woc_band.healthy": {"en": "healthy (3–6 weeks)", "zh": "健康（3–6 周）"},
    "replenishment.woc_band.overstock": {"en": "overstock risk (> 6 weeks)", "zh": "库存偏多（> 6 周）"},
    "replenishment.woc_band.aged": {"en": "aged: clearance candidate", "zh": "超龄库存，考虑清仓"},
    # --- explanation ----------------------------------------------------------------------------------
    "replenishment.explain.window_7": {"en": "7-day", "zh": "近7天"},
    "replenishment.explain.window_14": {"en": "14-day", "zh": "近14天"},
    "replenishment.explain.window_30": {"en": "30-day", "zh": "近30天"},
    "replenishment.explain.window_seasonal": {"en": "seasonal", "zh": "去年同期"},
    "replenishment.explain.candidates": {"en": "ADS candidates: {parts}", "zh": "日均销量候选：{parts}"},
    "replenishment.explain.cand_window": {
        "en": "{label} {velocity} = {units} units ÷ {days} in-stock days",
        "zh": "{label} {velocity} = {units} 件 ÷ 有货 {days} 天",
    },
    "replenishment.explain.cand_missing": {
        "en": "{label}: no in-stock days",
        "zh": "{label}：期间全部断货，无数据",
    },
    "replenishment.explain.cand_seasonal": {
        "en": "{label} {velocity} = last year's next 90 days {units} units ÷ 90 × (1 {growth} YoY)",
        "zh": "{label} {velocity} = 去年未来90天 {units} 件 ÷ 90 × (1 {growth} 同比增长)",
    },
    "replenishment.explain.cand_seasonal_missing": {
        "en": "{label}: needs at least 30 days of last year's sales",
        "zh": "{label}：需要至少 30 天的去年销量",
    },
    "replenishment.explain.oos": {
        "en": "{days} out-of-stock days in the last 30 excluded from the denominators, so the stockout does not fake a slowdown",
        "zh": "近30天有 {days} 天断货，已从分母中剔除，避免把断货误判为销量下滑",
    },
    "replenishment.explain.blend": {
        "en": "Blended ADS {blend} = {terms}",
        "zh": "加权日均 {blend} = {terms}",
    },
    "replenishment.explain.renormalised": {
        "en": " (weights renormalised over the available candidates)",
        "zh": "（权重按可用的候选重新归一）",
    },
    "replenishment.explain.blend_mean": {
        "en": "Blended ADS {blend} = plain mean of {terms} (all their weights are 0)",
        "zh": "加权日均 {blend} = {terms} 的简单平均（这些候选权重均为 0）",
    },
    "replenishment.explain.blend_none": {
        "en": "No sales history yet: ADS 0",
        "zh": "暂无销售记录：日均销量为 0",
    },
    "replenishment.explain.override": {
        "en": "Override {override} wins over the blend {blend}: planning ADS = {override}",
        "zh": "手动日均 {override} 优先于加权值 {blend}：计划日均销量 = {override}",
    },
    "replenishment.explain.planning_blend": {
        "en": "Planning ADS = blend {velocity} (no override set)",
        "zh": "计划日均销量 = 加权值 {velocity}（未设置手动日均）",
    },
    "replenishment.explain.cover": {
        "en": "Days of cover {cover} = available {available} ÷ ADS {velocity}; incl. inbound {cover_in} = (available {available} + inbound {inbound}) ÷ {velocity}",
        "zh": "可售天数 {cover} = 可售库存 {available} ÷ 日均 {velocity}；含在途 {cover_in} = (可售库存 {available} + 在途 {inbound}) ÷ {velocity}",
    },
    "replenishment.explain.cover_no_sales": {
        "en": "No sales: available {available} and inbound {inbound} last indefinitely",
        "zh": "无销量：可售库存 {available}、在途 {inbound} 可无限期覆盖",
    },
    "replenishment.explain.inbound_shipments": {
        "en": " (inbound from the shipment sheet)",
        "zh": "（在途来自发货表）",
    },
    "replenishment.explain.inbound_fba_inbound": {
        "en": " (inbound from FBA's working/shipped/receiving quantities)",
        "zh": "（在途来自 FBA 入库中/已发货/接收中数量）",
    },
    "replenishment.explain.woc": {
        "en": "WOC {woc} = {available} ÷ {units} sold in the last 4 weeks × 4 → {band}",
        "zh": "库存周数 {woc} = {available} ÷ 近4周销量 {units} × 4 → {band}",
    },
    "replenishment.explain.woc_no_sales": {
        "en": "WOC: nothing sold in the last 4 weeks with {available} in stock → {band}",
        "zh": "库存周数：近4周无销量，库存 {available} → {band}",
    },
    "replenishment.explain.alert_plain": {"en": "Alert: {label}", "zh": "预警：{label}"},
    "replenishment.explain.alert_urgent": {
        "en": "{label}: send {air} units by air now (sea stock cannot land before the stockout); reorder {qty} by sea",
        "zh": "{label}：立即空运 {air} 件（海运赶不上断货日）；海运补货 {qty} 件",
    },
    "replenishment.explain.alert_reorder": {
        "en": "{label}: order {qty} units now (stock + inbound are under the order-up-to level)",
        "zh": "{label}：立即下单 {qty} 件（库存 + 在途低于订货上限）",
    },
    "replenishment.explain.alert_watch": {
        "en": "{label}: nothing to order today; the next order falls due in {due} d, before the review after next ({limit} d)",
        "zh": "{label}：今天无需下单；{due} 天后到下单点，在下下次复盘（{limit} 天）之前",
    },
    "replenishment.explain.alert_ok": {
        "en": "{label}: nothing to order; the next order falls due in {due} d",
        "zh": "{label}：无需下单；{due} 天后到下单点",
    },
    "replenishment.explain.cover_red": {
        "en": " · cover {cover} d ≤ {line} d: red in the sheet (a colour, the order is the quantity)",
        "zh": " · 可售天数 {cover} ≤ {line} 天：表中标红（颜色提示，是否下单看补货量）",
    },
    "replenishment.explain.cover_yellow": {
        "en": " · cover {cover} d ≤ {line} d: yellow in the sheet (a colour, the order is the quantity)",
        "zh": " · 可售天数 {cover} ≤ {line} 天：表中标黄（颜色提示，是否下单看补货量）",
    },
    "replenishment.explain.reorder": {
        "en": "Reorder {qty} = ADS {velocity} × (lead time {lead} d + review {review} d) + safety stock {ss} = {level} − (available {available} + inbound {inbound})",
        "zh": "补货量 {qty} = 日均 {velocity} × (补货周期 {lead} 天 + 复盘周期 {review} 天) + 安全库存 {ss} = {level} − (可售库存 {available} + 在途 {inbound})",
    },
    "replenishment.explain.reorder_zero": {
        "en": " = {need} → 0: stock and inbound already cover lead time, review period and safety stock",
        "zh": " = {need} → 0：现有库存和在途已覆盖补货周期、复盘周期和安全库存",
    },
    "replenishment.explain.order_date": {
        "en": "Latest order date {date} = as-of {as_of} + (stock + inbound {position} − ADS {velocity} × lead {lead} d − safety stock {ss}) ÷ {velocity} = {offset} days",
        "zh": "最晚下单日 {date} = 数据日期 {as_of} + (库存 + 在途 {position} − 日均 {velocity} × 补货周期 {lead} 天 − 安全库存 {ss}) ÷ {velocity} = {offset} 天",
    },
    "replenishment.explain.order_not_due": {
        "en": "No order date: nothing to order now; stock + inbound reach the reorder point in {offset} days",
        "zh": "无下单日：目前无需下单；库存 + 在途 {offset} 天后降到补货点",
    },
    "replenishment.explain.order_late": {
        "en": ": already {days} days late, order now and consider air",
        "zh": "：已晚 {days} 天，请立即下单并考虑空运",
    },
    "replenishment.explain.order_date_none": {
        "en": "No latest order date: no sales to run the stock down",
        "zh": "无最晚下单日：没有销量消耗库存",
    },
    "replenishment.explain.safety": {
        "en": "Safety stock {ss} = {safety} days × ADS {velocity}",
        "zh": "安全库存 {ss} = {safety} 天 × 日均 {velocity}",
    },
    "replenishment.explain.safety_stat": {
        "en": "; statistical at {level} service: z {z} × √((lead {lead} + review {review}) × σ {sigma}² + ADS {velocity}² × lead-time σ {lt_sigma} d²) = {ss}",
        "zh": "；统计法（服务水平 {level}）：z {z} × √((补货周期 {lead} + 复盘周期 {review}) × 日销量标准差 {sigma}² + 日均 {velocity}² × 到货时间标准差 {lt_sigma} 天²) = {ss}",
    },
    "replenishment.explain.safety_uses_days": {
        "en": "; the plan orders the days-based one",
        "zh": "；计划采用按天数计算的安全库存",
    },
    "replenishment.explain.safety_uses_statistical": {
        "en": "; the plan orders the statistical one",
        "zh": "；计划采用统计法安全库存",
    },
    "replenishment.explain.no_stockout": {
        "en": "No stockout projected in the next {horizon} days",
        "zh": "未来 {horizon} 天内预计不会断货",
    },
    "replenishment.explain.when_future": {
        "en": "Projected stockout {date} (in {days} days)",
        "zh": "预计 {date} 断货（{days} 天后）",
    },
    "replenishment.explain.when_now": {"en": "Out of stock now", "zh": "当前已断货"},
    "replenishment.explain.stockout": {
        "en": "{when}; back in stock on day {back} when the next shipment lands → {gap}-day gap ({gap_label})",
        "zh": "{when}；第 {back} 天下一批货入仓后恢复 → 断货 {gap} 天（{gap_label}）",
    },
    "replenishment.explain.stockout_open": {
        "en": "{when} and no arrival before the end of the {horizon}-day projection → gap of at least {gap} days ({gap_label})",
        "zh": "{when}，且在 {horizon} 天预测期内没有到货 → 断货至少 {gap} 天（{gap_label}）",
    },
    "replenishment.explain.air": {
        "en": "Air bridge: {qty} units by air (air lead time {lead} d) to cover the gap",
        "zh": "空运补缺：空运 {qty} 件（空运时效 {lead} 天）覆盖断货期",
    },
    "replenishment.explain.amazon_none": {
        "en": "No Amazon restock recommendation in the imported reports",
        "zh": "已导入的报表中没有亚马逊补货建议",
    },
    "replenishment.explain.amazon": {
        "en": "Amazon recommends {amazon}, we suggest {ours} (difference {diff})",
        "zh": "亚马逊建议补货 {amazon}，我们建议 {ours}（相差 {diff}）",
    },
    "replenishment.explain.amazon_agree": {"en": "The two agree", "zh": "两者基本一致"},
    "replenishment.explain.amazon_ads": {
        "en": "Main reason: the sales rate. Amazon's basis is the last 30 days' {units} units ÷ 30 = {amazon_velocity}/day; our planning ADS is {velocity}",
        "zh": "主要原因：日均销量不同。亚马逊按近30天销量 {units} 件 ÷ 30 = 每天 {amazon_velocity} 计算；我们的计划日均为 {velocity}",
    },
    "replenishment.explain.amazon_coverage": {
        "en": "Main reason: coverage. Amazon's quantity covers about {implied} days at {amazon_velocity}/day (stock + inbound + its quantity); ours covers lead time + safety = {cover} days",
        "zh": "主要原因：覆盖天数不同。按每天 {amazon_velocity} 件，亚马逊的建议量（库存 + 在途 + 建议量）约覆盖 {implied} 天；我们覆盖补货周期 + 安全库存 = {cover} 天",
    },
    "replenishment.explain.learned": {
        "en": "Lead time: {lead} d configured; your {n} received {mode} shipments took {median} d median, {p90} d at the 90th percentile (the projection can use the slower one: setting pessimistic_eta)",
        "zh": "补货周期：设置为 {lead} 天；已签收的 {n} 票{mode}货件实际用时中位数 {median} 天，90 分位 {p90} 天（断货预测可改用较慢的那个：设置 pessimistic_eta）",
    },
    "replenishment.mode.sea": {"en": "sea", "zh": "海运"},
    "replenishment.mode.air": {"en": "air", "zh": "空运"},
    "replenishment.mode.rail": {"en": "rail", "zh": "铁路"},
    "replenishment.mode.express": {"en": "express", "zh": "快递"},
}
