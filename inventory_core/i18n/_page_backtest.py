"""Back-test page: replay the history under each replenishment policy (issue 14)."""

MESSAGES: dict[str, dict[str, str]] = {
    "page.backtest": {"en": "Back-test", "zh": "回测"},
    "backtest.title": {
        "en": "Back-test: does the plan beat the tools?",
        "zh": "回测：补货计划是否胜过常用工具？",
    },
    "backtest.caption": {
        "en": "Replays your history: at each review the policy sees only what was known that day, orders what its rule says, orders land after your real lead times, and the real demand plays against the stock (demand on out-of-stock days estimated from the days around them).",
        "zh": "用你的历史数据重放：每次复盘时策略只看到当天已知的数据，按规则下单，货按实际到货时间入仓，再用真实需求消耗库存（断货日的需求按前后有货日的日均估算）。",
    },
    "backtest.weeks": {"en": "Weeks to replay", "zh": "回放周数"},
    "backtest.every": {"en": "Days between reviews", "zh": "复盘间隔（天）"},
    "backtest.run": {"en": "Run the back-test", "zh": "开始回测"},
    "backtest.running": {"en": "Replaying {weeks} weeks …", "zh": "正在回放 {weeks} 周……"},
    "backtest.hint": {
        "en": "Runs the plan once per review date (about a minute for a year of a 30-SKU store).",
        "zh": "每个复盘日计算一次补货计划（30 个 SKU 一年的数据约需一分钟）。",
    },
    "backtest.period": {
        "en": "Replayed {start} – {end}, a review every {every} days",
        "zh": "回放区间 {start} – {end}，每 {every} 天复盘一次",
    },
    "backtest.table": {"en": "Policies side by side", "zh": "各策略对比"},
    "backtest.verdict_win": {
        "en": "This plan had the fewest stockout days ({days}) with no more average stock than any policy that had more.",
        "zh": "本计划断货天数最少（{days} 天），且平均库存不高于断货更多的任何策略。",
    },
    "backtest.verdict_lose": {
        "en": "{policy} beat this plan here: {days} stockout days at {stock} units on average (this plan: {our_days} at {our_stock}).",
        "zh": "{policy} 在此数据上胜过本计划：断货 {days} 天，平均库存 {stock} 件（本计划：{our_days} 天，{our_stock} 件）。",
    },
    "backtest.sku": {"en": "SKU: simulated stock beside the real one", "zh": "SKU：模拟库存与实际库存对比"},
    "backtest.col.policy": {"en": "Policy", "zh": "策略"},
    "backtest.col.stockout_days": {"en": "Stockout days", "zh": "断货天数"},
    "backtest.col.lost_units": {"en": "Lost units", "zh": "损失销量"},
    "backtest.col.lost_sales": {"en": "Lost sales", "zh": "损失销售额"},
    "backtest.col.avg_on_hand_units": {"en": "Avg stock (units)", "zh": "平均库存（件）"},
    "backtest.col.avg_days_of_stock": {"en": "Avg days of stock", "zh": "平均库存天数"},
    "backtest.col.orders": {"en": "Orders", "zh": "下单次数"},
    "backtest.col.units_ordered": {"en": "Units ordered", "zh": "下单总量"},
    "backtest.col.air_units": {"en": "By air", "zh": "空运量"},
    "backtest.policy.radar": {"en": "Stockout Radar (this plan)", "zh": "断货雷达（本计划）"},
    "backtest.policy.amazon_30d": {
        "en": "Amazon Restock (30-day sales, 30 days of supply)",
        "zh": "亚马逊补货建议（近30天销量，30天供应）",
    },
    "backtest.policy.average_30d": {
        "en": "30-day average (Jungle Scout style)",
        "zh": "30天平均（Jungle Scout 式）",
    },
    "backtest.policy.blend_50_30_20": {
        "en": "50/30/20 blend of 7/30/90 days",
        "zh": "7/30/90天 50/30/20 加权",
    },
    "backtest.policy.ets": {"en": "Exponential smoothing / Croston", "zh": "指数平滑 / Croston"},
    "backtest.policy.variant": {
        "en": "{policy}, safety days × {factor}",
        "zh": "{policy}，安全库存天数 × {factor}",
    },
    "backtest.chart.title": {"en": "Stockout days against average stock", "zh": "断货天数与平均库存"},
    "backtest.chart.x": {
        "en": "Average stock on hand (units, all SKUs)",
        "zh": "平均在库库存（件，全部 SKU）",
    },
    "backtest.chart.y": {"en": "Stockout days (SKU-days)", "zh": "断货天数（SKU·天）"},
    "backtest.chart.curve": {"en": "This plan at other safety days", "zh": "本计划在不同安全库存天数下"},
    "backtest.chart.real": {"en": "Real available stock", "zh": "实际可售库存"},
    "backtest.chart.stock_title": {"en": "{sku}: stock at the end of each day", "zh": "{sku}：每日收盘库存"},
    "backtest.chart.units": {"en": "Units", "zh": "件"},
}
