"""Playbook messages (seed 000: before / during / after a stockout; seed 001: WOC × ROAS strategies).

Action lines carry the SKU's own numbers as placeholders; ``playbook.frag.*`` are fragments appended to a
line. The Chinese follows the sellers' own vocabulary in the seed articles (断货, 补货, 在途, 空运, 日预算,
竞价, 精准匹配, 跟卖 ...). No trailing full stop: the lines are shown as a list.
"""

MESSAGES: dict[str, dict[str, str]] = {
    # --- short labels --------------------------------------------------------------------------
    "playbook.phase.before": {"en": "Before stockout", "zh": "断货前"},
    "playbook.phase.during": {"en": "Out of stock", "zh": "断货中"},
    "playbook.phase.after": {"en": "Recovering", "zh": "断货后"},
    "playbook.phase.normal": {"en": "Normal", "zh": "正常"},
    "playbook.alert.urgent": {"en": "Urgent (consider air)", "zh": "紧急(考虑空运)"},
    "playbook.alert.reorder": {"en": "Reorder now", "zh": "立即补货"},
    "playbook.alert.watch": {"en": "Watch", "zh": "关注"},
    "playbook.alert.ok": {"en": "OK", "zh": "库存充足"},
    "playbook.alert.stock_unknown": {"en": "Stock unknown", "zh": "库存未知"},
    "playbook.alert.sales_unknown": {"en": "Sales unknown", "zh": "销量未知"},
    "playbook.gap.none": {"en": "No gap", "zh": "不断货"},
    "playbook.gap.short": {"en": "Short gap", "zh": "短期断货"},
    "playbook.gap.medium": {"en": "Medium gap", "zh": "中期断货"},
    "playbook.gap.long": {"en": "Long gap", "zh": "长期断货"},
    "playbook.area.stock": {"en": "Stock", "zh": "物流与库存"},
    "playbook.area.price": {"en": "Price", "zh": "价格"},
    "playbook.area.ads": {"en": "Ads", "zh": "广告"},
    "playbook.area.listing": {"en": "Listing", "zh": "链接"},
    "playbook.area.ranks": {"en": "Keyword ranks", "zh": "关键词排名"},
    "playbook.area.strategy": {"en": "Ad strategy", "zh": "广告策略"},
    "playbook.priority.1": {"en": "Do now", "zh": "立即处理"},
    "playbook.priority.2": {"en": "This week", "zh": "本周处理"},
    "playbook.priority.3": {"en": "Watch", "zh": "持续关注"},
    "playbook.ship.delayed": {"en": "delayed", "zh": "延误"},
    "playbook.ship.customs_hold": {"en": "held in customs", "zh": "清关异常"},
    "playbook.ship.lost": {"en": "lost", "zh": "丢件"},
    "strategy.label.protect_stock": {"en": "Protect stock", "zh": "保库存"},
    "strategy.label.scale": {"en": "Scale", "zh": "放量"},
    "strategy.label.optimise": {"en": "Optimise", "zh": "优化广告"},
    "strategy.label.push_traffic": {"en": "Raise traffic", "zh": "提升流量"},
    "strategy.label.raise_conversion": {"en": "Raise conversion", "zh": "提升转化"},
    "strategy.label.aged": {"en": "Aged: clear", "zh": "超龄清仓"},
    "strategy.label.no_ad_data": {"en": "No ad data", "zh": "无广告数据"},
    # --- fragments -----------------------------------------------------------------------------
    "playbook.frag.date": {"en": " ({date})", "zh": "（{date}）"},
    "playbook.frag.cvr_watch": {
        "en": " (ad conversion now {cvr}: back off if it falls to {low}–{high})",
        "zh": "（当前广告转化率 {cvr}，跌到 {low}–{high} 就要回调）",
    },
    "playbook.frag.competitors": {
        "en": "; competitors who took the place: {competitors}",
        "zh": "；抢走位置的竞品：{competitors}",
    },
    "playbook.frag.no_ad_data": {"en": "— (no ad data)", "zh": "—（无广告数据）"},
    # --- stock (all phases) --------------------------------------------------------------------
    "playbook.stock.reorder": {
        "en": "Reorder {qty} units by {date}",
        "zh": "最晚 {date} 前下单补货 {qty} 件",
    },
    "playbook.stock.reorder_late": {
        "en": "Reorder {qty} units now: the latest order date {date} has passed",
        "zh": "立即下单补货 {qty} 件：最晚下单日 {date} 已经过了",
    },
    "playbook.stock.reorder_nodate": {"en": "Reorder {qty} units", "zh": "下单补货 {qty} 件"},
    "playbook.stock.chase": {
        "en": "Shipment {statuses}: chase the forwarder today and confirm the new arrival date",
        "zh": "在途货件{statuses}：今天就联系货代跟进，确认新的预计入仓时间",
    },
    "playbook.stock.air": {
        "en": "Emergency shipment: send {qty} units by air/express to bridge the gap until the sea shipment lands",
        "zh": "紧急补一票空运/快递 {qty} 件，撑到海运货到仓，补上中间的断货缺口",
    },
    "playbook.stock.lost": {
        "en": "Estimated loss over the gap: {units} units, {sales} of sales",
        "zh": "预计断货损失 {units} 件，销售额约 {sales}",
    },
    # --- before --------------------------------------------------------------------------------
    "playbook.before.stockout": {
        "en": "Stockout projected in {days} days{date}, about {gap} days without stock until the next arrival",
        "zh": "预计 {days} 天后断货{date}，到下一批货入仓前约断货 {gap} 天",
    },
    "playbook.before.covered": {
        "en": "No stockout projected in the next {horizon} days if inbound stock arrives on time ({cover} days of cover now); keep tracking the shipments",
        "zh": "在途货物按时入仓的话，未来 {horizon} 天内不会断货（当前可售 {cover} 天）；继续跟进在途物流",
    },
    "playbook.before.avoidable": {
        "en": "The stockout in {days} days can still be avoided: stock ordered or expedited now lands in about {lead} days; slow sales with price and ads only if it cannot arrive in time",
        "zh": "{days} 天后才断货，现在下单或加急发货（约 {lead} 天到仓）还来得及；确实补不上时，再通过价格和广告控制销量",
    },
    "playbook.before.no_promo": {
        "en": "No promotions, deals or off-Amazon pushes now: a promotion can turn a 3–4 day gap into one or two weeks",
        "zh": "快断货了，不要再做促销、秒杀或站外推广：本来断三四天就能接上，一做活动可能要断一到两周",
    },
    "playbook.before.price_short": {
        "en": "Short gap ({gap} days): leave the price at {price} and let it sell out naturally",
        "zh": "短期断货（约 {gap} 天，一周内能接上货）：价格保持 {price} 不动，让它自然卖断",
    },
    "playbook.before.price_medium": {
        "en": "Medium gap ({gap} days): raise price 5–10 %: {price} → {low}–{high}; if conversion falls more than 10–20 %, take the rise back",
        "zh": "中期断货（约 {gap} 天）：适当涨价 5–10%：{price} → {low}–{high}；涨价后转化率降幅超过 10–20% 就减小涨幅甚至不涨",
    },
    "playbook.before.price_long": {
        "en": "Long gap ({gap} days): a planning failure — price alone will not fix it; review safety stock, lead time and the reorder plan",
        "zh": "长期断货（约 {gap} 天，超过一个月）：这是补货计划出了问题，光靠调价解决不了；复盘安全库存、补货周期和销量监控",
    },
    "playbook.before.low_price": {
        "en": "Low-price item ({price}): buyers are price-sensitive — never a jump like 7.99 → 9.99, one small step at most",
        "zh": "低价产品（{price}），买家对价格非常敏感：千万不要像 7.99 直接涨到 9.99 这样大幅调价，最多小幅微调",
    },
    "playbook.before.price_back_off": {
        "en": "Conversion fell {drop} week on week ({last} → {now}): reduce the price rise or undo it",
        "zh": "转化率环比下降 {drop}（{last} → {now}）：减小涨价幅度，或者直接恢复原价",
    },
    "playbook.before.budget": {
        "en": "Cut daily budget 30–40 %: {now}/day → {low}–{high}/day",
        "zh": "日预算降低 30–40%：{now}/天 → {low}–{high}/天",
    },
    "playbook.before.pause_weak": {
        "en": "Pause weak auto and broad-match campaigns; keep exact and phrase match on the core keywords",
        "zh": "暂停效果差的自动广告和广泛匹配，保留核心关键词的精准匹配和词组匹配",
    },
    "playbook.before.bids": {
        "en": "Lower core keyword bids 5–10 % and keep the core keywords' base rank",
        "zh": "核心关键词竞价下调 5–10%，同时守住核心词的基础排名",
    },
    "playbook.before.bids_cpc": {
        "en": "Lower core keyword bids 5–10 % (average CPC {cpc} → {low}–{high}) and keep the core keywords' base rank",
        "zh": "核心关键词竞价下调 5–10%（平均点击单价 {cpc} → {low}–{high}），同时守住核心词的基础排名",
    },
    "playbook.before.never_off": {
        "en": "Never switch all ads off (Amazon reads it as a weak listing and recovery gets harder), and run no off-Amazon ads now",
        "zh": "不要直接关掉所有广告（系统会判定链接表现差，影响之后恢复权重），这时也不要投站外广告",
    },
    "playbook.before.rank_baseline": {
        "en": "Record the keyword-rank baseline now: core and long-tail keywords, yours and the neighbouring competitors' (screenshot it)",
        "zh": "现在就记录关键词排名基线：核心词和长尾词，自己和前后竞品的排名都要记（最好截图）",
    },
    # --- during --------------------------------------------------------------------------------
    "playbook.during.arrival": {
        "en": "Out of stock: next arrival in {days} days{date}; track the shipment daily and time price and ad changes to the arrival",
        "zh": "已断货：下一批货预计 {days} 天后入仓{date}；每天跟进物流，价格和广告调整都围绕入仓时间安排",
    },
    "playbook.during.no_arrival": {
        "en": "Out of stock with no shipment on the way: send an extra shipment now, by air/express if you can",
        "zh": "已断货，且没有在途货件：马上再补一票货，能走空运/快递就走空运",
    },
    "playbook.during.price": {
        "en": "Keep the price at {price} while out of stock (keep an earlier small rise)",
        "zh": "断货期间价格不动，保持 {price}（断货前小幅涨过价的，维持涨后的价格）",
    },
    "playbook.during.sp": {
        "en": "SP ads pause themselves while out of stock and restart on restock: leave them alone",
        "zh": "SP 广告断货后会自动暂停、不再扣点击费，补货恢复可售后自动重启，不用手动操作",
    },
    "playbook.during.sbsd_spending": {
        "en": "Pause {n} SB/SD campaigns still spending during the stockout: {names} ({total} in 7 days)",
        "zh": "暂停 {n} 个断货期间仍在花钱的 SB/SD 广告活动：{names}（近 7 天花费 {total}）",
    },
    "playbook.during.sbsd_spending_one": {
        "en": "Pause the SB/SD campaign still spending during the stockout: {names} ({total} in 7 days)",
        "zh": "暂停断货期间仍在花钱的 SB/SD 广告活动：{names}（近 7 天花费 {total}）",
    },
    "playbook.during.sbsd": {
        "en": "Pause SB/SD campaigns: they keep showing and charging for clicks nobody can buy (keep at most a low-budget brand SB)",
        "zh": "主动暂停 SB/SD 广告：断货时它们仍会展示、照样扣点击费，买家点进来也买不了（最多保留低预算的品牌 SB）",
    },
    "playbook.during.sbsd_none": {
        "en": "No SB/SD campaign spent in the last 7 days: keep it that way until restock",
        "zh": "近 7 天 SB/SD 广告没有花费，到货前保持暂停",
    },
    "playbook.during.listing": {
        "en": "Check the listing daily (title, images, bullets, brand): report hijackers and unauthorised edits to Amazon at once",
        "zh": "每天检查链接（标题、图片、五点描述、品牌信息），发现跟卖或被篡改，立即向亚马逊申诉",
    },
    "playbook.during.rank_severe": {
        "en": "Keyword '{keyword}': {baseline} → {trough}, a severe drop; track it daily",
        "zh": "关键词「{keyword}」：{baseline} → {trough}，排名严重下滑，每天跟踪",
    },
    "playbook.during.rank_track": {
        "en": "Track keyword ranks daily; flag core keywords that fall from the top 30 to beyond 100 and note which competitors take the place",
        "zh": "每天追踪关键词排名，标记从前 30 名跌到 100 名以外的核心词，并记下是哪些竞品抢了位置",
    },
    # --- after ---------------------------------------------------------------------------------
    "playbook.after.received": {
        "en": "Confirm the received quantity: {available} units available in Seller Central; check for damaged or missing units",
        "zh": "确认入仓数量：后台可售库存 {available} 件，检查有无破损、丢件",
    },
    "playbook.after.sales": {
        "en": "Sales at {pct} of the pre-stockout level: {now} units/day vs {pre} units/day before",
        "zh": "销量恢复到断货前的 {pct}：近 7 天日均 {now} 件，断货前日均 {pre} 件",
    },
    "playbook.after.discount": {
        "en": "Discount {pct} (within 20–35 %, never 50 % or more), then step back to full price in {steps} steps as conversion and ranks recover: {ladder}",
        "zh": "设置 {pct} 折扣（控制在 20–35%，不要 50% 或更高），随着转化率和排名回升，分 {steps} 步调回原价：{ladder}",
    },
    "playbook.after.coupon": {
        "en": "Combine a coupon or deal with the ads rather than a deeper discount",
        "zh": "搭配优惠券、秒杀一起冲量，不要单靠降价",
    },
    "playbook.after.budget": {
        "en": "Raise the daily budget to 1–2 × the pre-stockout level: {base}/day → {low}–{high}/day",
        "zh": "日预算逐步提到断货前的 1–2 倍：{base}/天 → {low}–{high}/天",
    },
    "playbook.after.budget_plain": {
        "en": "Raise the daily budget step by step to 1–2 × the pre-stockout level",
        "zh": "日预算逐步提到断货前的 1–2 倍",
    },
    "playbook.after.exact": {
        "en": "Exact match first on the keywords that fell most, bids up: {keywords}",
        "zh": "优先开精准匹配，主推断货期间下滑最严重的关键词，并提高竞价：{keywords}",
    },
    "playbook.after.exact_plain": {
        "en": "Exact match first on the core keywords that fell most during the stockout, bids up",
        "zh": "优先开精准匹配，主推断货期间下滑最严重的核心关键词，并适当提高竞价",
    },
    "playbook.after.auto": {
        "en": "Start a low-bid SP auto campaign to harvest new search terms",
        "zh": "开一个低竞价的 SP 自动广告，补充关键词库、挖掘新词",
    },
    "playbook.after.reduce": {
        "en": "Once ranks are back at the pre-stockout level, bring the ad budget back down",
        "zh": "关键词排名回到断货前水平后，逐步把广告预算降回正常",
    },
    "playbook.after.ranks_back": {
        "en": "All {n} tracked keywords are back at their pre-stockout rank: bring the ad budget back down",
        "zh": "跟踪的 {n} 个关键词排名都已回到断货前水平：把广告预算降回正常",
    },
    "playbook.after.rank_progress": {
        "en": "{n} of {m} keywords back at their pre-stockout rank; keep tracking daily",
        "zh": "{m} 个关键词中已有 {n} 个回到断货前排名，继续每天跟踪",
    },
    "playbook.after.listing": {
        "en": "Refresh the listing (title, bullets, images) with buyer feedback and the keywords that fell, and ask buyers for reviews",
        "zh": "结合断货期间的买家反馈和竞品动态优化链接（标题、五点、图片），并邀请买家留评",
    },
    # --- normal and weekly KPI -----------------------------------------------------------------
    "playbook.normal.ok": {"en": "Nothing urgent in the stockout cycle", "zh": "暂无断货风险，无需紧急处理"},
    "playbook.normal.ok_cover": {
        "en": "Nothing urgent in the stockout cycle: {cover} days of cover",
        "zh": "暂无断货风险：可售 {cover} 天",
    },
    "playbook.kpi.conversion_drop": {
        "en": "Conversion fell {drop} week on week ({last} → {now}): check price, reviews and the listing",
        "zh": "转化率环比下降 {drop}（{last} → {now}）：检查价格、评论和链接",
    },
    # --- WOC × ROAS strategies (seed 001) ------------------------------------------------------
    "strategy.action.protect_stock": {
        "en": "WOC {woc} weeks < {risk}: protect stock — throttle ads and follow the stockout playbook",
        "zh": "库存周转周数 WOC {woc} 周 < {risk}：保库存，控制广告，按断货前打法执行",
    },
    "strategy.action.scale": {
        "en": "WOC {woc} weeks (healthy {risk}–{over}) and ROAS {roas} ≥ target {target}: scale — more budget on the winning campaigns",
        "zh": "WOC {woc} 周（健康区间 {risk}–{over} 周），ROAS {roas} ≥ 目标 {target}：放量，给表现好的广告活动加预算",
    },
    "strategy.action.optimise": {
        "en": "WOC {woc} weeks is healthy but ROAS {roas} is below target {target}: optimise bids, add negative keywords, improve the listing",
        "zh": "WOC {woc} 周处于健康区间，但 ROAS {roas} 低于目标 {target}：优化竞价、否定无效词、优化链接",
    },
    "strategy.action.push_traffic": {
        "en": "WOC {woc} weeks > {over} and ROAS {roas} ≥ target {target}: raise traffic to sell through before stock piles up",
        "zh": "WOC {woc} 周 > {over}，ROAS {roas} ≥ 目标 {target}：加大广告流量，加快动销，避免库存积压",
    },
    "strategy.action.raise_conversion": {
        "en": "WOC {woc} weeks > {over} and ROAS {roas} < target {target}: raise conversion — coupon, price, listing — to avoid aged stock",
        "zh": "WOC {woc} 周 > {over}，ROAS {roas} < 目标 {target}：用优惠券、调价、优化链接提升转化，避免变成超龄库存",
    },
    "strategy.action.no_ad_data": {
        "en": "WOC {woc} weeks and no ROAS (no ad spend in the window): no ad data to judge — start a low-budget campaign or import the ads report",
        "zh": "WOC {woc} 周，窗口内没有广告花费，无法计算 ROAS：没有可判断的广告数据——可开一个低预算广告，或导入广告报表",
    },
    "strategy.action.aged": {
        "en": "WOC {woc} weeks (≥ {aged}), stock older than 365 days or stock that will reach the aged-inventory surcharge: aged — clear it, weighing the cost of clearing against what it recovers",
        "zh": "WOC {woc} 周（≥ {aged}）、库龄超过 365 天或库存将进入库龄附加费区间：超龄库存，考虑清仓；先算清清仓成本和能回收的货款",
    },
}
