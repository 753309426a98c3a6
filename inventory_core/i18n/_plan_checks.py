"""Plan rows that cannot be planned as usual (issue 17): labels, the reason column, export words."""

MESSAGES: dict[str, dict[str, str]] = {
    "playbook.phase.check_data": {"en": "Check the data", "zh": "请核对数据"},
    "playbook.alert.check_data": {"en": "Check the data", "zh": "请核对数据"},
    "replenishment.col.plan_note": {"en": "Why", "zh": "说明"},
    "replenishment.col.lifecycle": {"en": "Lifecycle", "zh": "生命周期"},
    "timeline.velocity_source.before_stockout": {
        "en": "the 30 days before the stockout (out of stock all window)",
        "zh": "断货前 30 天（整个窗口断货）",
    },
    "strategy.label.none": {
        "en": "Not in the matrix (new SKU or data to check)",
        "zh": "不在矩阵内（新品或数据待核对）",
    },
    "plan.lifecycle.new": {"en": "new", "zh": "新品"},
    "plan.lifecycle.out_of_stock_window": {"en": "out of stock all window", "zh": "整个窗口断货"},
    "plan.lifecycle.active": {"en": "active", "zh": "在售"},
    "plan.lifecycle.check_data": {"en": "check the data", "zh": "请核对数据"},
    # --- the reason column: why a figure is blank or special -----------------------------------------
    "plan.note.negative_stock": {
        "en": "stock was {value} in {file} (an Amazon adjustment?): counted as 0 sellable",
        "zh": "{file} 中可售库存为 {value}（亚马逊调整？）：按 0 可售计算",
    },
    "plan.note.beyond_bound": {
        "en": "{column} {value} in {file} is beyond any plausible value: not planned — correct the file and import it again",
        "zh": "{file} 中 {column} 为 {value}，超出合理范围：未计算——请修正文件后重新导入",
    },
    "plan.note.negative_setting": {
        "en": "{column} {value} in {file} is negative: not planned — correct it",
        "zh": "{file} 中 {column} 为负数 {value}：未计算——请修正",
    },
    "plan.note.unknown_file": {"en": "the stored data", "zh": "已存数据"},
    "plan.note.new": {
        "en": "new SKU ({days} days of history): ADS from the days known, no weeks of cover yet",
        "zh": "新品（{days} 天历史）：日均销量按已有天数计算，暂无库存周转周数",
    },
    "plan.note.before_stockout": {
        "en": "out of stock the whole 30-day window: ADS {velocity}/day from the 30 days before the stockout",
        "zh": "最近 30 天全部断货：日均销量取断货前 30 天的 {velocity}/天",
    },
    "plan.note.out_of_stock_no_history": {
        "en": "out of stock the whole 30-day window and no sales before it: ADS unknown",
        "zh": "最近 30 天全部断货，且此前没有销量：日均销量未知",
    },
    "plan.note.no_ads": {"en": "no ad data in the window", "zh": "窗口内没有广告数据"},
    "plan.note.no_spend": {
        "en": "ad sales without ad spend: ROAS not computable",
        "zh": "有广告销售额但没有广告花费：无法计算 ROAS",
    },
    "plan.note.price_unknown": {
        "en": "price unknown: lost sales not computable ({units} units)",
        "zh": "价格未知：无法计算损失销售额（{units} 件）",
    },
    "plan.note.order_after": {
        "en": "latest order date after {year}",
        "zh": "最晚下单日在 {year} 年以后",
    },
    "plan.note.share_capped": {
        "en": "the ads report claims {pct} of the orders' units: ad-order share capped at 100 %",
        "zh": "广告报表的销量占订单销量的 {pct}：广告订单占比按 100% 封顶",
    },
    "plan.note.no_sales": {"en": "no sales: cover unlimited", "zh": "无销量：可售天数无上限"},
    # --- words written where a number cannot be --------------------------------------------------
    "export.word.no_sales": {"en": "no sales", "zh": "无销量"},
    "export.word.after": {"en": "after {year}", "zh": "{year} 年以后"},
    # --- the command line -----------------------------------------------------------------------------
    "plan.cli.nothing_on_day": {
        "en": "{db}: the store holds nothing on or before {day} (its data start {first}); no plan for that day",
        "zh": "{db}：{day} 及之前没有任何数据（数据从 {first} 开始）；该日无法生成计划",
    },
}
