"""WOC × ROAS matrix page and chart (seed 001 "库存管理广告分析矩阵").

The Chinese follows the seed's own words: 库存周转周数 (WOC), 广告投入产出比 (ROAS), 象限, 冗余库存,
库存积压, 超龄库存, 清仓, 回款. Strategy names come from ``strategy.label.*`` (``_playbook``).
"""

MESSAGES: dict[str, dict[str, str]] = {
    "matrix.intro": {
        "en": "Each ASIN placed by weeks of cover (WOC) and ad ROAS over the last {window} days: the quadrant says what the ads should do. Move the lines to test other thresholds — the points move at once; the plan itself only changes when you save.",
        "zh": "按库存周转周数（WOC）和近 {window} 天广告投入产出比（ROAS）把每个 ASIN 放进对应象限，象限决定广告怎么打。拖动阈值可以马上看到各 ASIN 落到哪个象限；只有点「保存为默认」才会改动补货计划。",
    },
    # --- controls ----------------------------------------------------------------------------------
    "matrix.bands": {"en": "Healthy WOC band (weeks)", "zh": "健康 WOC 区间（周）"},
    "matrix.bands_help": {
        "en": "Below the lower line: stockout risk, protect stock. Above the upper line: excess stock. Seed 001 suggests 3–6 weeks; raise it for seasonal, volatile or long-lead products.",
        "zh": "低于下限有断货风险，要保库存；高于上限有库存积压风险。文章建议 3–6 周；季节性、销量波动大或生产周期长的产品可适当调高。",
    },
    "matrix.aged_at": {"en": "Aged from (weeks)", "zh": "超龄线（周）"},
    "matrix.aged_at_help": {
        "en": "WOC at or above this (or stock older than 365 days) is aged: outside the matrix, listed below for clearance.",
        "zh": "WOC 达到这个周数（或库龄超过 365 天）即为超龄库存，不进矩阵，单独列在下方考虑清仓。",
    },
    "matrix.global_target": {"en": "One target ROAS for all", "zh": "统一目标 ROAS"},
    "matrix.global_target_help": {
        "en": "Off: each SKU's own target — the one set on the SKU, else break-even 1 ÷ margin where the unit cost is known, else the default. On: one value for every SKU.",
        "zh": "关闭：每个 SKU 用自己的目标 ROAS（单独设置的优先，其次是按毛利算的盈亏平衡 ROAS = 1 ÷ 毛利率，都没有就用默认值）。打开：所有 SKU 用同一个目标值。",
    },
    "matrix.target": {"en": "Target ROAS", "zh": "目标 ROAS"},
    "matrix.size_by": {"en": "Bubble size", "zh": "气泡大小"},
    "matrix.size.spend": {"en": "Ad spend", "zh": "广告花费"},
    "matrix.size.revenue": {"en": "Revenue (30 days)", "zh": "近 30 天销售额"},
    "matrix.save": {"en": "Save as default", "zh": "保存为默认"},
    "matrix.save_help": {
        "en": "Store these WOC lines in the settings: the plan, the weekly review and the playbook then use them. A global target ROAS is not saved; per-SKU targets are set on the replenishment page.",
        "zh": "把这组 WOC 阈值存为默认设置，补货计划、周会总览和行动建议都会按新阈值计算。统一目标 ROAS 不会保存；单个 SKU 的目标 ROAS 请在「补货计划」页设置。",
    },
    "matrix.saved": {
        "en": "Saved: healthy {risk}–{over} weeks, aged from {aged} weeks.",
        "zh": "已保存：健康区间 {risk}–{over} 周，超龄线 {aged} 周。",
    },
    "matrix.moved": {
        "en": "{n} SKUs change quadrant against the saved settings (the small numbers under each count).",
        "zh": "与当前默认设置相比，有 {n} 个 SKU 换了象限（见各数字下方的增减）。",
    },
    # --- chart -------------------------------------------------------------------------------------
    "matrix.chart.title": {"en": "WOC × ROAS matrix", "zh": "库存管理广告分析矩阵（WOC × ROAS）"},
    "matrix.chart.x": {
        "en": "Weeks of cover (WOC) — axis ends at {cap} weeks",
        "zh": "库存周转周数 WOC（周，坐标轴截至 {cap} 周）",
    },
    "matrix.chart.y_ratio": {
        "en": "ROAS ÷ own target (1 = on target)",
        "zh": "ROAS ÷ 各自目标 ROAS（1 = 刚好达标）",
    },
    "matrix.chart.y_roas": {"en": "ROAS (ad sales ÷ ad spend)", "zh": "ROAS（广告销售额 ÷ 广告花费）"},
    "matrix.chart.target_own": {"en": "each SKU's own target", "zh": "各 SKU 自己的目标 ROAS"},
    "matrix.chart.target_global": {"en": "target ROAS {target}", "zh": "目标 ROAS {target}"},
    "matrix.chart.note": {
        "en": "Drag a box or lasso (or click) on the chart to select ASINs. ◆ at an edge: beyond the axis (WOC > {cap} weeks or ROAS off the top) — hover for the real value. ✕ at 0: no ad data in the window. Aged stock is not plotted: {aged} SKUs, listed below.",
        "zh": "在图上框选、套索或点击即可选中 ASIN。◆ 贴在边上：超出坐标轴（WOC 超过 {cap} 周或 ROAS 超出顶部），悬停可看实际数值。✕ 在 0 上：统计期内没有广告数据。超龄库存不画在图上：共 {aged} 个 SKU，见下方列表。",
    },
    "matrix.chart.empty": {
        "en": "No SKU to place in the matrix (every SKU is aged or filtered out).",
        "zh": "没有可放进矩阵的 SKU（全部是超龄库存，或被筛选掉了）。",
    },
    "matrix.hover.strategy": {"en": "Strategy", "zh": "策略"},
    "matrix.hover.woc": {"en": "WOC (weeks)", "zh": "WOC（周）"},
    "matrix.hover.roas": {"en": "ROAS", "zh": "ROAS"},
    "matrix.hover.target": {"en": "Target ROAS", "zh": "目标 ROAS"},
    "matrix.hover.spend": {"en": "Ad spend", "zh": "广告花费"},
    "matrix.hover.no_ads": {"en": "no ad data", "zh": "无广告数据"},
    # --- selection ---------------------------------------------------------------------------------
    "matrix.pick": {"en": "Selected SKUs", "zh": "已选 SKU"},
    "matrix.pick_help": {
        "en": "Filled by a box/lasso selection on the chart; add or remove SKUs here too.",
        "zh": "在图上框选/套索后会自动填入，也可以在这里直接增删 SKU。",
    },
    "matrix.pick_ph": {"en": "Choose SKUs or select points on the chart", "zh": "选择 SKU，或在图上框选"},
    "matrix.selection.title": {"en": "Selected ASINs and what to do", "zh": "选中的 ASIN 及广告策略"},
    "matrix.selection.empty": {
        "en": "Select points on the chart or pick SKUs above to see their strategy and actions.",
        "zh": "在图上框选，或在上方选择 SKU，即可查看对应的策略和操作建议。",
    },
    "matrix.actions_full": {"en": "What to do, in full", "zh": "完整操作建议"},
    "matrix.to_playbook": {
        "en": "Protect-stock SKUs: open the stockout playbook",
        "zh": "保库存的 SKU：查看断货应对打法",
    },
    # --- columns -----------------------------------------------------------------------------------
    "matrix.col.marketplace": {"en": "Marketplace", "zh": "站点"},
    "matrix.col.sku": {"en": "SKU", "zh": "SKU"},
    "matrix.col.asin": {"en": "ASIN", "zh": "ASIN"},
    "matrix.col.product": {"en": "Product", "zh": "商品名称"},
    "matrix.col.strategy": {"en": "Strategy", "zh": "广告策略"},
    "matrix.col.woc": {"en": "WOC (weeks)", "zh": "WOC（周）"},
    "matrix.col.roas": {"en": "ROAS", "zh": "ROAS"},
    "matrix.col.target": {"en": "Target ROAS", "zh": "目标 ROAS"},
    "matrix.col.ratio": {"en": "ROAS ÷ target", "zh": "ROAS ÷ 目标"},
    "matrix.col.ratio_help": {
        "en": "1.00 or more: at or above target. Empty: no ad data (counts as below target).",
        "zh": "≥ 1.00 表示达标；空白表示没有广告数据（按未达标处理）。",
    },
    "matrix.col.spend": {"en": "Ad spend", "zh": "广告花费"},
    "matrix.col.revenue": {"en": "Revenue 30 d", "zh": "近30天销售额"},
    "matrix.col.currency": {"en": "Currency", "zh": "币种"},
    "matrix.col.action": {"en": "What to do", "zh": "操作建议"},
    "matrix.col.available": {"en": "Available units", "zh": "可售库存"},
    "matrix.col.aged_units": {"en": "Units > 365 days", "zh": "库龄超365天"},
    "matrix.col.value_price": {"en": "Value at price", "zh": "按售价货值"},
    "matrix.col.value_cost": {"en": "Value at cost", "zh": "按成本货值"},
    "matrix.col.note": {"en": "Clearance note", "zh": "清仓提示"},
    # --- aged --------------------------------------------------------------------------------------
    "matrix.aged.title": {"en": "Aged stock (outside the matrix)", "zh": "超龄库存（不进矩阵）"},
    "matrix.aged.caption": {
        "en": "Seed 001: before clearing, weigh what clearing costs (discounts, ads, removal fees) against what it brings back; if clearing costs more than it recovers, combine cheaper ways or remove the stock.",
        "zh": "清仓之前先算账：清仓要花的钱（降价、广告、移除费）和能回收的货款比一比；如果投入远大于回款，就别硬清，组合几种方式把亏损降到最低。",
    },
    "matrix.aged.totals": {
        "en": "{skus} SKUs, {units} units: {at_price} at price, {at_cost} at cost",
        "zh": "共 {skus} 个 SKU、{units} 件：按售价 {at_price}，按成本 {at_cost}",
    },
    "matrix.aged.none": {"en": "No aged stock.", "zh": "没有超龄库存。"},
}
