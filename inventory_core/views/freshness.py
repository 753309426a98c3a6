"""What the numbers know: the freshness line and the data-health checks across sources (issue 12).

One line, wherever decisions are made (upload page, weekly review): stock as of, sales through, ads through,
ranks through. It turns red when the sources are more than ``stale_sales_days`` apart or one is older than
:data:`MAX_AGE_DAYS`, and then names the export to download and the days it should cover.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from inventory_core.formatting import date as format_date
from inventory_core.i18n import t
from inventory_core.model.settings import Settings
from inventory_core.store import Store

MAX_AGE_DAYS = 8
SOURCES = ("stock", "sales", "ads", "ranks")
# The source the plan cannot do without are stock and sales; ads and ranks count once the store has them.
REQUIRED = ("stock", "sales")


@dataclass(frozen=True)
class Freshness:
    """The last known day of each source (None: the store has none) and what is wrong with them."""

    today: dt.date
    last: dict[str, dt.date | None]
    stale_days: int
    # per lagging source: (source, first missing day, day to download through)
    downloads: tuple[tuple[str, dt.date | None, dt.date], ...]

    @property
    def red(self) -> bool:
        return bool(self.downloads)


def freshness(store: Store, today: dt.date, settings: Settings | None = None) -> Freshness:
    """The freshness of the store's sources on ``today``.

    A source needs a download when it is empty (stock, sales), older than :data:`MAX_AGE_DAYS` days, or ends
    more than ``stale_sales_days`` before the newest source: the export should cover the day after its last
    day through the newest source's day (through today when it is simply old).
    """
    s = settings or Settings()
    last = store.last_known_days(today)
    known = [d for d in last.values() if d is not None]
    newest = max(known) if known else None
    downloads: list[tuple[str, dt.date | None, dt.date]] = []
    for source in SOURCES:
        day = last[source]
        if day is None:
            if source in REQUIRED:
                downloads.append((source, None, today))
            continue
        nxt = day + dt.timedelta(days=1)
        if (today - day).days > MAX_AGE_DAYS:
            downloads.append((source, nxt, today))
        elif newest is not None and (newest - day).days > s.stale_sales_days:
            downloads.append((source, nxt, newest))
    return Freshness(today, last, s.stale_sales_days, tuple(downloads))


def freshness_line(f: Freshness, lang: str = "en") -> str:
    """``Stock as of Nov 20, 2026 · sales through Nov 6, 2026 · ads through – · ranks through –``."""

    def day(source: str) -> str:
        value = f.last[source]
        return format_date(value, lang) if value is not None else "–"

    return t(
        "freshness.line", lang, stock=day("stock"), sales=day("sales"), ads=day("ads"), ranks=day("ranks")
    )


def freshness_advice(f: Freshness, lang: str = "en") -> list[str]:
    """One line per export to download: its name and the days it should cover."""
    out = []
    for source, start, end in f.downloads:
        export = t(f"freshness.export.{source}", lang)
        if start is None:
            out.append(t("freshness.missing", lang, export=export))
        else:
            out.append(
                t(
                    "freshness.download",
                    lang,
                    export=export,
                    start=format_date(start, lang),
                    end=format_date(max(start, end), lang),
                )
            )
    return out


REPORT_ORDERS_TOLERANCE = (
    0.2  # a Business Report and All Orders for the same days differ by more: check the period
)


def health_checks(
    store: Store, as_of: dt.date, settings: Settings | None = None, lang: str = "en"
) -> list[str]:
    """Cross-source warnings, one line each: daily units over ``spike_factor`` × the SKU's known median of
    the 28 days before, and a Business Report whose units differ from the orders of the same days by more
    than :data:`REPORT_ORDERS_TOLERANCE`."""
    s = settings or Settings()
    out = []
    for r in store.sales_spikes(as_of, s.spike_factor).itertuples(index=False):
        out.append(
            t(
                "health.spike",
                lang,
                sku=r.sku,
                marketplace=r.marketplace,
                units=f"{r.units:,.0f}",
                day=format_date(r.day, lang),
                factor=f"{s.spike_factor:g}",
                median=f"{r.median_28:,.1f}",
            )
        )
    for r in store.report_vs_orders().itertuples(index=False):
        orders = float(r.orders_units)
        report = float(r.report_units)
        diff = (report - orders) / orders if orders > 0 else (1.0 if report > 0 else 0.0)
        if abs(diff) > REPORT_ORDERS_TOLERANCE:
            out.append(
                t(
                    "health.report_vs_orders",
                    lang,
                    file=r.file_name,
                    start=format_date(r.period_start, lang),
                    end=format_date(r.period_end, lang),
                    report=f"{report:,.0f}",
                    orders=f"{orders:,.0f}",
                    diff=diff,
                )
            )
    return out
