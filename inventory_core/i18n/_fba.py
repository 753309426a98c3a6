"""Amazon's limits and fees (``inventory_core.model.fba_limits``): storage types, the plan's columns, the capacity
table, the settings inputs and the playbook lines. Chinese uses Seller Central China's words: 低库存水平费,
库龄附加费, 库容 (FBA 库容限制), 仓储类型, 标准尺寸, 大件."""

MESSAGES: dict[str, dict[str, str]] = {
    # --- storage types ----------------------------------------------------------------------------------
    "fba.storage.standard": {"en": "Standard-size", "zh": "标准尺寸"},
    "fba.storage.oversize": {"en": "Oversize", "zh": "大件"},
    "fba.storage.extra_large": {"en": "Extra-large", "zh": "超大件"},
    "fba.storage.apparel": {"en": "Apparel", "zh": "服装"},
    "fba.storage.footwear": {"en": "Footwear", "zh": "鞋靴"},
    "fba.storage.flammable": {"en": "Flammable", "zh": "易燃物"},
    "fba.storage.aerosol": {"en": "Aerosol", "zh": "气雾剂"},
    # --- plan columns (restock sheet, export) ---------------------------------------------------------
    "replenishment.col.reorder_qty_before_limits": {
        "en": "Need before Amazon's limits",
        "zh": "未受亚马逊限制的补货需求",
    },
    "replenishment.col.low_inventory_fee_date": {"en": "Low-inventory fee from", "zh": "低库存水平费起始日"},
    "replenishment.col.aged_surcharge_units": {
        "en": "Units into aged surcharge",
        "zh": "将产生库龄附加费的数量",
    },
    "replenishment.col.aged_cut_units": {"en": "Cut by aged band", "zh": "因库龄上限削减"},
    "replenishment.col.capacity_cut_units": {"en": "Cut by capacity", "zh": "因库容削减"},
    "replenishment.col.storage_type": {"en": "Storage type", "zh": "仓储类型"},
    # --- explanation on the replenishment page ---------------------------------------------------------
    "replenishment.explain.limits": {
        "en": "Amazon's limits: need {need} − {aged} (stock past the {band}-day aged-surcharge band) − {capacity} "
        "(FBA capacity full) = order {qty}",
        "zh": "亚马逊限制：需求 {need} − {aged}（超过 {band} 天库龄附加费起点的部分）− {capacity}（FBA 库容不足）= 补货 {qty}",
    },
    # --- canonical columns (upload preview, column mapping) --------------------------------------------
    "upload.col.storage_type": {"en": "Storage type", "zh": "仓储类型"},
    "upload.col.unit_volume": {"en": "Unit volume (ft³)", "zh": "单件体积（立方英尺）"},
    "upload.col.aged_override": {"en": "Order past the aged band", "zh": "忽略库龄上限"},
    # --- capacity table -----------------------------------------------------------------------------------
    "fba.capacity.title": {"en": "FBA capacity per storage type", "zh": "各仓储类型的 FBA 库容"},
    "fba.capacity.help": {
        "en": "Held = on hand + inbound; ordered = this plan's orders before the capacity cut; left = limit − held − "
        "planned. Orders are served by stockout risk, then unit margin. Limits: setting capacity_limits "
        "(from Seller Central's Capacity Monitor)",
        "zh": "已占用 = 在库 + 在途；计划补货 = 本计划削减前的补货量；剩余 = 上限 − 已占用 − 计划发货。"
        "按断货风险、再按单件毛利的顺序分配库容。上限见设置 capacity_limits（来自卖家后台的库容监控）",
    },
    "fba.capacity.none": {
        "en": "No capacity limit set: orders are not checked against FBA capacity",
        "zh": "未设置库容上限：补货量未按 FBA 库容检查",
    },
    "fba.capacity.col.marketplace": {"en": "Marketplace", "zh": "站点"},
    "fba.capacity.col.storage_type": {"en": "Storage type", "zh": "仓储类型"},
    "fba.capacity.col.capacity_unit": {"en": "Unit", "zh": "单位"},
    "fba.capacity.col.capacity_limit": {"en": "Limit", "zh": "上限"},
    "fba.capacity.col.used": {"en": "Held", "zh": "已占用"},
    "fba.capacity.col.ordered": {"en": "Ordered", "zh": "计划补货"},
    "fba.capacity.col.cut_units": {"en": "Units cut", "zh": "削减数量"},
    "fba.capacity.col.planned": {"en": "Planned", "zh": "计划发货"},
    "fba.capacity.col.left": {"en": "Left after plan", "zh": "计划后剩余"},
    "fba.capacity.col.skus": {"en": "SKUs", "zh": "SKU 数"},
    "fba.capacity.col.skus_volume_unknown": {"en": "SKUs without volume", "zh": "缺体积的 SKU"},
    "fba.capacity.unit.cuft": {"en": "ft³", "zh": "立方英尺"},
    "fba.capacity.unit.units": {"en": "units", "zh": "件"},
    # --- settings inputs --------------------------------------------------------------------------------
    "fba.settings.title": {"en": "Amazon's limits and fees", "zh": "亚马逊限制与费用"},
    "fba.settings.low_inventory_days": {
        "en": "Low-inventory fee under (days of supply)",
        "zh": "低库存水平费阈值（供应天数）",
    },
    "fba.settings.low_inventory_min_units_7d": {
        "en": "Exempt under (units / 7 days)",
        "zh": "豁免：7 天销量低于",
    },
    "fba.settings.aged_surcharge_days": {
        "en": "First aged-surcharge band (days)",
        "zh": "库龄附加费起始库龄（天）",
    },
    "fba.settings.aged_surcharge_days_apparel": {
        "en": "… apparel and footwear (days)",
        "zh": "… 服装和鞋靴（天）",
    },
    "fba.settings.capacity_limits": {"en": "Capacity limits", "zh": "库容上限"},
    "fba.settings.capacity_limits_help": {
        "en": "One entry per marketplace and storage type, separated by ';': `US standard 1200; US oversize 300 units; "
        "DE standard 10 m3` (cubic feet unless 'units' or 'm3'). Empty: no limit",
        "zh": "每个站点和仓储类型一条，用 ';' 分隔：`US standard 1200; US oversize 300 units; DE standard 10 m3`"
        "（默认立方英尺，或写 'units' 件数、'm3' 立方米）。留空：不限制",
    },
    "fba.settings.marketplace_rules": {"en": "Per-marketplace rules", "zh": "分站点规则"},
    "fba.settings.marketplace_rules_help": {
        "en": "Changes to the four rules for one marketplace: `UK low_inventory_days=0; JP aged_surcharge_days=181`",
        "zh": "某站点不同的四项规则：`UK low_inventory_days=0; JP aged_surcharge_days=181`",
    },
    "settings.bad_entry": {
        "en": "Setting {name} is refused: cannot read “{entry}”.",
        "zh": "设置 {name} 无效：无法识别“{entry}”。",
    },
    "fba.settings.saved": {"en": "Saved; the plan is recomputed", "zh": "已保存，计划已重新计算"},
    # --- weekly review -------------------------------------------------------------------------------------
    "fba.review.title": {"en": "Amazon's limits and fees", "zh": "亚马逊限制与费用"},
    "fba.review.low_inventory": {"en": "Low-inventory fee ahead", "zh": "将触发低库存水平费"},
    "fba.review.aged": {"en": "Stock into aged surcharge", "zh": "将产生库龄附加费"},
    "fba.review.capacity_cut": {"en": "Orders cut by capacity", "zh": "因库容削减的补货"},
    "fba.review.none": {
        "en": "No SKU is near a low-inventory fee, an aged surcharge or a capacity cut",
        "zh": "没有 SKU 临近低库存水平费、库龄附加费或库容削减",
    },
    # --- playbook ------------------------------------------------------------------------------------------
    "playbook.fba.low_inventory": {
        "en": "Low-inventory-level fee from {date}: supply falls under {days} days of sales. Send a smaller shipment "
        "now by the fastest route so it lands before then, and a second one later, rather than one large "
        "late shipment",
        "zh": "预计 {date} 起触发低库存水平费：供应低于 {days} 天的销量。现在先用最快的渠道发一小批赶在此前入仓，"
        "之后再发第二批，不要等一大批晚到的货",
    },
    "playbook.fba.aged_cut": {
        "en": "Order capped at {qty} units ({cut} fewer): more would still be on hand after {band} days at "
        "{velocity}/day and pay the aged-inventory surcharge. Send {qty} now and the rest in a later shipment",
        "zh": "补货量上限 {qty} 件（少补 {cut} 件）：按每天 {velocity} 件的销量，多出的货入仓 {band} 天后仍卖不完，"
        "会产生库龄附加费。现在先发 {qty} 件，其余下一批再发",
    },
    "playbook.fba.aged": {
        "en": "{units} units will be older than {band} days at the current sales rate (aged-inventory surcharge, "
        "assessed on the 15th of each month): run a deal (coupon, Lightning Deal, Outlet) or plan a removal",
        "zh": "按当前销量，{units} 件库存的库龄将超过 {band} 天（库龄附加费，每月 15 日评估）："
        "做一次促销（优惠券、秒杀、Outlet）或安排移除",
    },
    "playbook.fba.capacity_cut": {
        "en": "FBA capacity for {storage} is full: {cut} units cut from this order (higher-risk SKUs first). Ship "
        "them next month, free space by clearing aged stock, or ask for more in Capacity Manager",
        "zh": "{storage}的 FBA 库容已满：本次补货削减 {cut} 件（断货风险高的 SKU 优先）。"
        "下个月再发，或清理库龄长的库存腾出库容，或在库容管理器中申请更多库容",
    },
    "playbook.fba.capacity_unknown": {
        "en": "No unit volume for this SKU: it cannot be checked against the {storage} capacity limit (add "
        "unit_volume in the settings sheet)",
        "zh": "此 SKU 没有单件体积，无法按{storage}库容上限检查（请在 SKU 设置表中填写 unit_volume）",
    },
}
