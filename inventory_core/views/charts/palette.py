"""One set of colours for phases, alert levels, WOC bands and strategies, used by every chart and export."""

PHASE = {"before": "#f59e0b", "during": "#dc2626", "after": "#2563eb", "normal": "#16a34a"}
# The seller's sheet (seed 000): red when cover <= 75 days (reorder), yellow when <= 20 (urgent, air).
ALERT = {
    "urgent": "#facc15",
    "reorder": "#ef4444",
    "watch": "#fb923c",
    "ok": "#22c55e",
    "check_data": "#a855f7",
    "stock_unknown": "#9ca3af",
    "sales_unknown": "#9ca3af",
}
ALERT_FILL = {"urgent": "#FFF2A8", "reorder": "#F8B4B4", "watch": "#FED7AA", "ok": "#FFFFFF"}
# The same sheet colours on the days-of-cover cells (formulas.cover_colour_many): a colour, not an order.
COVER_FILL = {"red": ALERT_FILL["reorder"], "yellow": ALERT_FILL["urgent"]}
WOC_BAND = {"stockout_risk": "#dc2626", "healthy": "#16a34a", "overstock": "#f59e0b", "aged": "#6b7280"}
STRATEGY = {
    "protect_stock": "#dc2626",
    "scale": "#16a34a",
    "optimise": "#a3a3a3",
    "push_traffic": "#2563eb",
    "raise_conversion": "#f59e0b",
    "aged": "#6b7280",
    "no_ad_data": "#d4d4d4",
}
OWN = "#2563eb"
COMPETITOR = "#9ca3af"
STOCKOUT_SHADE = "rgba(220, 38, 38, 0.12)"
