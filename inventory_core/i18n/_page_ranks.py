"""Keyword ranks page: trajectories around stockouts, severe drops and their recovery."""

MESSAGES: dict[str, dict[str, str]] = {
    # --- page -----------------------------------------------------------------------------------
    "ranks.caption": {
        "en": 'Organic rank per keyword; red spans are stockouts. A rank beyond the tracker\'s depth shows as ">N".',
        "zh": "各关键词的自然排名走势，红色区间为断货期。超出追踪深度的排名显示为「>N」。",
    },
    "ranks.sku": {"en": "SKU", "zh": "SKU"},
    "ranks.sku_option": {"en": "{sku} · {asin}", "zh": "{sku} · {asin}"},
    "ranks.sku_option_severe": {
        "en": "{sku} · {asin} · {n} severe drops",
        "zh": "{sku} · {asin} · {n} 个严重下滑",
    },
    "ranks.keywords": {"en": "Keywords", "zh": "关键词"},
    "ranks.keywords_help": {
        "en": "Worst drops first; {n} keywords tracked for this ASIN",
        "zh": "跌幅最大的排在前面；该 ASIN 共追踪 {n} 个关键词",
    },
    "ranks.no_tracked": {
        "en": "No keyword ranks for these SKUs yet. Upload a keyword rank export on the Upload page.",
        "zh": "这些 SKU 还没有关键词排名数据。请在「上传与数据健康」页面上传关键词排名报表。",
    },
    "ranks.no_keywords": {"en": "Pick at least one keyword to chart.", "zh": "请至少选择一个关键词。"},
    "ranks.drops": {"en": "Rank drops around stockouts", "zh": "断货前后的排名变化"},
    "ranks.no_drops": {
        "en": "No stockout of this SKU with rank data: nothing to compare yet.",
        "zh": "该 SKU 没有带排名数据的断货记录，暂无可对比内容。",
    },
    "ranks.severe_rule": {
        "en": "Severe (red rows): baseline within the top {baseline:g}, trough beyond {trough:g}. "
        "Baseline = median rank in the {days} days before the stockout; recovered = back within {tol:.0%} of it.",
        "zh": "严重下滑（红色行）：基准排名在前 {baseline:g} 名以内、最低跌出 {trough:g} 名之外。"
        "基准排名 = 断货前 {days} 天的自然排名中位数；回到基准的 {tol:.0%} 以内即视为恢复。",
    },
    # --- summary metrics -----------------------------------------------------------------------
    "ranks.metric.last_stockout": {"en": "Last stockout", "zh": "最近一次断货"},
    "ranks.metric.ongoing": {"en": "{date} (ongoing)", "zh": "{date}（仍在断货）"},
    "ranks.metric.keywords": {"en": "Keywords tracked", "zh": "追踪关键词数"},
    "ranks.metric.severe": {"en": "Severe drops", "zh": "严重下滑"},
    "ranks.metric.unrecovered": {"en": "Not yet recovered", "zh": "尚未恢复"},
    "ranks.metric.none": {"en": "none", "zh": "无"},
    # --- table ----------------------------------------------------------------------------------
    "ranks.table.keyword": {"en": "Keyword", "zh": "关键词"},
    "ranks.table.start_date": {"en": "Stockout from", "zh": "断货开始"},
    "ranks.table.baseline": {"en": "Baseline", "zh": "基准排名"},
    "ranks.table.trough": {"en": "Worst", "zh": "最低排名"},
    "ranks.table.drop": {"en": "Drop", "zh": "下滑名次"},
    "ranks.table.severe": {"en": "Severe", "zh": "严重下滑"},
    "ranks.table.recovered": {"en": "Recovered", "zh": "是否恢复"},
    "ranks.table.days_to_recover": {"en": "Days to recover", "zh": "恢复天数"},
    "ranks.table.current": {"en": "Current", "zh": "当前排名"},
    "ranks.table.competitors": {"en": "Competitors who gained", "zh": "趁机上位的竞品"},
    "ranks.value.yes": {"en": "yes", "zh": "是"},
    "ranks.value.recovered": {"en": "recovered", "zh": "已恢复"},
    "ranks.value.not_yet": {"en": "not yet", "zh": "未恢复"},
    "ranks.value.ongoing": {"en": "still out of stock", "zh": "仍在断货"},
    # --- chart ----------------------------------------------------------------------------------
    "ranks.chart.x": {"en": "Date", "zh": "日期"},
    "ranks.chart.y": {"en": "Organic rank", "zh": "自然排名"},
    "ranks.chart.own": {"en": "{asin} (ours)", "zh": "{asin}（本品）"},
    "ranks.chart.competitors": {"en": "Competitors", "zh": "竞品"},
    "ranks.chart.beyond": {"en": "Beyond tracked depth ({label})", "zh": "超出追踪深度（{label}）"},
    "ranks.chart.baseline": {"en": "Baseline {label}", "zh": "基准排名 {label}"},
    "ranks.chart.trough": {"en": "Worst rank", "zh": "最低排名"},
    "ranks.chart.trough_hover": {
        "en": "Worst rank during the stockout: {label}",
        "zh": "断货期间最低排名：{label}",
    },
    "ranks.chart.recovery": {"en": "Recovered", "zh": "恢复"},
    "ranks.chart.recovery_hover": {
        "en": "Back at the baseline {days} days after restock",
        "zh": "到货后 {days} 天回到基准排名",
    },
    "ranks.chart.no_data": {"en": "No rank data for this keyword", "zh": "该关键词暂无排名数据"},
}
