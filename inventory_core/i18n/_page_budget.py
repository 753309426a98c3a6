"""Ad budget page (seed 001 "广告预算倒推"): inputs, results, supply cap, margin check, chart."""

MESSAGES: dict[str, dict[str, str]] = {
    "budget.intro": {
        "en": "Back-calculate the budget from a sales target (seed 001): clicks = target units ÷ CVR; upper budget = clicks × CPC (as if every order came from ads); expected budget = upper × share of orders from ads.",
        "zh": "按销量目标倒推广告预算：点击数 = 目标销量 ÷ 转化率；预算上限 = 点击数 × CPC（假设订单全部来自广告）；预期预算 = 上限 × 广告订单占比。",
    },
    "budget.sku": {"en": "SKU", "zh": "SKU"},
    "budget.no_skus": {"en": "No SKU matches the search", "zh": "没有符合搜索条件的 SKU"},
    "budget.units": {"en": "Target units", "zh": "目标销量（件）"},
    "budget.days": {"en": "Over how many days", "zh": "周期（天）"},
    "budget.cvr": {"en": "Conversion rate per click, CVR (%)", "zh": "广告转化率 CVR（%）"},
    "budget.cpc": {"en": "Cost per click, CPC ({currency})", "zh": "单次点击费用 CPC（{currency}）"},
    "budget.share": {"en": "Share of orders from ads (%)", "zh": "广告订单占比（%）"},
    "budget.units_help": {
        "en": "Defaults to {days} days of sales at the planning ADS",
        "zh": "默认 = 计划日均销量 × {days} 天",
    },
    "budget.reset": {"en": "Reset to this SKU's history", "zh": "恢复为该 SKU 的历史数据"},
    "budget.history": {
        "en": "{sku}, last {window} days of ads: CVR {cvr}, CPC {cpc}, {share} of units from ads; planning ADS {velocity}/day",
        "zh": "{sku} 近 {window} 天广告数据：转化率 {cvr}，CPC {cpc}，广告销量占比 {share}；计划日均 {velocity} 件",
    },
    "budget.defaulted": {
        "en": "No usable history for {names}: the calculator starts from {values}. Replace them with your own figures.",
        "zh": "{names} 缺少可用的历史数据，已使用默认值：{values}。请按实际情况修改。",
    },
    "budget.name.cvr": {"en": "CVR", "zh": "转化率"},
    "budget.name.cpc": {"en": "CPC", "zh": "CPC"},
    "budget.name.ad_order_share": {"en": "ad-order share", "zh": "广告订单占比"},
    "budget.name.target_units": {"en": "sales rate", "zh": "日均销量"},
    "budget.m.clicks": {"en": "Clicks needed", "zh": "所需点击数"},
    "budget.m.upper": {"en": "Upper: every order from ads", "zh": "预算上限（订单全部来自广告）"},
    "budget.m.lower": {"en": "Expected: × ad-order share", "zh": "预期预算（× 广告订单占比）"},
    "budget.m.per_day": {"en": "Expected per day over {days} days", "zh": "按 {days} 天分摊，每天预期"},
    "budget.m.per_day_help": {"en": "Upper per day: {upper}", "zh": "每天预算上限：{upper}"},
    "budget.m.acos": {"en": "Implied ACoS", "zh": "隐含 ACoS"},
    "budget.m.acos_delta": {"en": "break-even {be}", "zh": "盈亏平衡 {be}"},
    "budget.cap.over": {
        "en": "Target {units} units is more than can be sold before the next arrival: {cap} available now{why}. Planned within the cap: {clicks} clicks, {upper} upper, {lower} expected.",
        "zh": "目标销量 {units} 件超过下一批到货前可卖的数量：当前可售 {cap} 件{why}。按可售上限计算：点击 {clicks}，预算上限 {upper}，预期预算 {lower}。",
    },
    "budget.cap.out": {
        "en": "Out of stock{why}: don't plan ad-driven units until it arrives. Sponsored Products pause by themselves; pause SB/SD, which keep charging for clicks nobody can buy.",
        "zh": "当前断货{why}：到货前不要为广告安排销量。SP 广告会自动暂停，请手动暂停 SB/SD，否则它们还会为无法下单的点击扣费。",
    },
    "budget.cap.stockout_first": {
        "en": ", sold out by {date}, before the next arrival",
        "zh": "，预计 {date} 售罄，早于下一批到货",
    },
    "budget.cap.stockout_no_arrival": {
        "en": ", sold out by {date} with no arrival scheduled",
        "zh": "，预计 {date} 售罄且没有在途到货",
    },
    "budget.cap.until_arrival": {"en": "; next arrival in {days} days", "zh": "；下一批货 {days} 天后到"},
    "budget.cap.no_arrival": {"en": "; no arrival scheduled", "zh": "；没有在途到货"},
    "budget.cap.ok": {
        "en": "Within supply: {cap} units available before the next arrival",
        "zh": "库存充足：下一批到货前可售 {cap} 件",
    },
    "budget.margin.exceeds": {
        "en": "Expected ad spend {budget} is more than these {units} units earn: gross margin {margin} = {units} × ({price} − {cost}). The ads would lose money; lower the target, the CPC or the ad share.",
        "zh": "预期广告花费 {budget} 超过这 {units} 件的毛利 {margin} = {units} × ({price} − {cost})，广告会亏钱；请降低目标销量、CPC 或广告占比。",
    },
    "budget.margin.upper_exceeds": {
        "en": "If every order came from ads, the spend {budget} would exceed the gross margin {margin}: implied ACoS {acos} vs break-even {be}.",
        "zh": "如果订单全部来自广告，花费 {budget} 将超过毛利 {margin}：隐含 ACoS {acos}，盈亏平衡 ACoS {be}。",
    },
    "budget.margin.ok": {
        "en": "Expected spend {budget} is {share} of the gross margin ({margin} = {units} × ({price} − {cost}))",
        "zh": "预期花费 {budget}，占毛利的 {share}（毛利 {margin} = {units} × ({price} − {cost})）",
    },
    "budget.margin.unknown": {
        "en": "Add the unit cost (Replenishment plan page) to check the spend against the margin",
        "zh": "请在「补货计划」页面填写单位成本，以核对广告花费是否超过毛利",
    },
    "budget.chart_title": {"en": "Budget by target units", "zh": "预算随目标销量变化"},
    "budget.chart_x": {"en": "Target units", "zh": "目标销量（件）"},
    "budget.chart_y": {"en": "Budget ({currency})", "zh": "预算（{currency}）"},
    "budget.chart_upper": {"en": "Upper (every order from ads)", "zh": "预算上限（订单全部来自广告）"},
    "budget.chart_lower": {"en": "Expected (× ad-order share)", "zh": "预期预算（× 广告订单占比）"},
    "budget.chart_target": {"en": "Target", "zh": "目标"},
    "budget.chart_cap": {"en": "Supply cap {units}", "zh": "可售上限 {units}"},
}
