"""Stockout timeline page: portfolio Gantt, one SKU's projection, what-if controls, past stockouts."""

MESSAGES: dict[str, dict[str, str]] = {
    # --- page -----------------------------------------------------------------------------------
    "timeline.caption": {
        "en": "Projected stock per SKU from {date}: when it runs out, how long the gap lasts, and what to do about it",
        "zh": "以 {date} 库存为起点推算每个 SKU 的库存走势：哪天断货、断多久、该怎么应对",
    },
    "timeline.portfolio": {"en": "All SKUs: days until stockout", "zh": "全部 SKU：距断货天数"},
    "timeline.no_match": {
        "en": "No SKU matches the search or marketplace filter in the sidebar.",
        "zh": "没有符合侧边栏搜索或站点筛选条件的 SKU。",
    },
    "timeline.sku": {"en": "SKU", "zh": "SKU"},
    "timeline.sku_help": {
        "en": "Sorted by projected stockout date, soonest first",
        "zh": "按预计断货日期排序，最早断货的排在最前",
    },
    "timeline.whatif": {"en": "What if …", "zh": "假设推演"},
    "timeline.whatif_help": {
        "en": "Move a shipment's ETA, send a shipment by air or change the daily sales: the chart and the numbers redraw at once. "
        "Air: the shipment's units leave today by air and are sellable after the SKU's air lead time ({days} days); "
        "a shipment that arrives sooner anyway keeps its own date.",
        "zh": "调整某票货的到货时间、改走空运或修改日均销量，图表和数字即时刷新。"
        "空运假设：该票货今天改发空运，按该 SKU 的空运时效（{days} 天）后可售；如果原路线到得更早，则保持原到货日。",
    },
    "timeline.ads": {"en": "Daily sales (ADS)", "zh": "日均销量"},
    "timeline.ads_help": {
        "en": "Planning ADS {velocity} units/day ({source}). Change it to see a sales spike or slowdown.",
        "zh": "当前计划日均销量 {velocity} 件/天（{source}）。修改它来模拟销量上涨或下滑。",
    },
    "timeline.velocity_source.override": {"en": "manual override", "zh": "手动设定"},
    "timeline.velocity_source.blend": {
        "en": "blended 7/14/30-day and seasonal",
        "zh": "7/14/30 天与季节性加权",
    },
    "timeline.shift": {"en": "{id}: ETA shift (days)", "zh": "{id}：到货推迟天数"},
    "timeline.shift_help": {
        "en": "{qty} units by {mode}, ETA {date}. Positive = later, negative = earlier.",
        "zh": "{qty} 件，{mode}，预计到货 {date}。正数为推迟，负数为提前。",
    },
    "timeline.air": {"en": "Switch to air", "zh": "改走空运"},
    "timeline.air_help": {
        "en": "Sellable {days} days from today (the SKU's air lead time)",
        "zh": "从今天起 {days} 天后可售（该 SKU 的空运时效）",
    },
    "timeline.no_shipments": {
        "en": "No open shipment for this SKU: only the daily sales can be changed.",
        "zh": "该 SKU 没有在途货件，只能调整日均销量。",
    },
    "timeline.reset": {"en": "Back to the plan", "zh": "恢复计划值"},
    "timeline.changed_note": {
        "en": "What-if view: the dashed grey line is the plan; deltas compare with it. Nothing is saved.",
        "zh": "推演视图：灰色虚线为原计划，指标的变化量与原计划对比。推演不会保存。",
    },
    "timeline.episodes": {"en": "Past stockouts", "zh": "历史断货记录"},
    "timeline.no_episodes": {"en": "No stockout in the stock history.", "zh": "库存历史中没有断货记录。"},
    "timeline.playbook": {"en": "Playbook: {phase}", "zh": "应对清单：{phase}"},
    "timeline.playbook_caption": {
        "en": "The actions for this phase with the SKU's own numbers; tick them off during the meeting",
        "zh": "本阶段需要做的事，已代入该 SKU 的实际数据；周会上可逐条勾选",
    },
    "timeline.no_actions": {"en": "Nothing to do for this SKU right now.", "zh": "该 SKU 目前无需处理。"},
    "timeline.no_stockout": {"en": "None within {days} days", "zh": "{days} 天内不断货"},
    # --- metrics --------------------------------------------------------------------------------
    "timeline.metric.stockout": {"en": "Stockout date", "zh": "预计断货日"},
    "timeline.metric.gap": {"en": "Gap · {gap}", "zh": "断货时长 · {gap}"},
    "timeline.metric.gap_value": {"en": "{days} days", "zh": "{days} 天"},
    "timeline.metric.lost_units": {"en": "Lost units", "zh": "预计损失销量"},
    "timeline.metric.lost_sales": {"en": "Lost sales", "zh": "预计损失销售额"},
    "timeline.metric.days_delta": {"en": "{days} days vs plan", "zh": "较计划 {days} 天"},
    "timeline.metric.unchanged": {"en": "same as plan", "zh": "与计划相同"},
    "timeline.metric.avoided": {"en": "stockout avoided", "zh": "可避免断货"},
    "timeline.metric.new_stockout": {"en": "new stockout", "zh": "新增断货"},
    # --- past episodes table -------------------------------------------------------------------
    "timeline.ep.start_date": {"en": "Out of stock from", "zh": "断货开始"},
    "timeline.ep.end_date": {"en": "Back in stock", "zh": "恢复可售"},
    "timeline.ep.days": {"en": "Days", "zh": "断货天数"},
    "timeline.ep.lost_units": {"en": "Lost units (est.)", "zh": "损失销量(估)"},
    "timeline.ep.lost_sales": {"en": "Lost sales (est.)", "zh": "损失销售额(估)"},
    "timeline.ep.ongoing": {"en": "still out of stock", "zh": "仍在断货"},
    # --- charts ---------------------------------------------------------------------------------
    "timeline.chart.title": {"en": "{sku}: stock projection", "zh": "{sku}：库存走势推算"},
    "timeline.chart.x": {"en": "Date", "zh": "日期"},
    "timeline.chart.y": {"en": "Sellable units", "zh": "可售库存(件)"},
    "timeline.chart.history": {"en": "Past stock", "zh": "历史库存"},
    "timeline.chart.projection": {"en": "Projected stock", "zh": "预计库存"},
    "timeline.chart.base": {"en": "Plan (before what-if)", "zh": "原计划"},
    "timeline.chart.arrivals": {"en": "Inbound arrivals", "zh": "到货"},
    "timeline.chart.fba_inbound": {
        "en": "FBA inbound +{qty} (no ETA)",
        "zh": "FBA 入库中 +{qty}（无预计到货日）",
    },
    "timeline.chart.shifted": {"en": "ETA {days} d", "zh": "到货 {days} 天"},
    "timeline.chart.switched_air": {"en": "switched to air", "zh": "已改空运"},
    "timeline.chart.window": {"en": "Out of stock {days} days ({gap})", "zh": "断货 {days} 天（{gap}）"},
    "timeline.chart.reorder_point": {"en": "Reorder point {units}", "zh": "补货点 {units} 件"},
    "timeline.chart.today": {"en": "Today", "zh": "今天"},
    "timeline.gantt.title": {
        "en": "Days until stockout (next {days} days), red = out of stock",
        "zh": "距断货天数（未来 {days} 天），红色为断货期",
    },
    "timeline.gantt.empty": {"en": "No SKU to show", "zh": "没有可显示的 SKU"},
    "timeline.gantt.gap": {"en": "Projected gap", "zh": "预计断货期"},
    "timeline.gantt.hover": {
        "en": "<b>{sku}</b><br>{phase} · {alert}<br>Stockout: {stockout}<br>Days of cover: {cover}",
        "zh": "<b>{sku}</b><br>{phase} · {alert}<br>预计断货：{stockout}<br>可售天数：{cover}",
    },
    "timeline.gantt.gap_hover": {
        "en": "<b>{sku}</b><br>Out of stock from {date} for {days} days ({gap})",
        "zh": "<b>{sku}</b><br>{date} 起断货 {days} 天（{gap}）",
    },
    # --- shipping words -------------------------------------------------------------------------
    "timeline.mode.sea": {"en": "sea", "zh": "海运"},
    "timeline.mode.air": {"en": "air", "zh": "空运"},
    "timeline.mode.rail": {"en": "rail", "zh": "铁路"},
    "timeline.mode.express": {"en": "express", "zh": "快递"},
    "timeline.status.delayed": {"en": "delayed", "zh": "延误"},
    "timeline.status.customs_hold": {"en": "customs hold", "zh": "清关扣货"},
    "timeline.status.in_transit": {"en": "in transit", "zh": "在途"},
}
