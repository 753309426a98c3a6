"""``python -m inventory_core backtest``: replay the store's history under each policy, one row per policy."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Callable

from inventory_core.model.backtest import POLICIES, run_backtest
from inventory_core.store import Store, StoreError


def add_parser(sub: argparse._SubParsersAction, date: Callable[[str], dt.date]) -> None:
    p = sub.add_parser(
        "backtest", help="replay the history under each replenishment policy (one row per policy)"
    )
    p.add_argument(
        "--db", default=None, help="database path or connection string (default: $STOCKOUT_RADAR_DB)"
    )
    p.add_argument(
        "--start", type=date, default=None, help="first day replayed (default: 120 days into the history)"
    )
    p.add_argument(
        "--end", type=date, default=None, help="last day replayed (default: the last day with data)"
    )
    p.add_argument("--every-days", type=int, default=7, help="days between two reviews (default 7)")
    p.add_argument("--policy", nargs="+", choices=POLICIES, default=list(POLICIES), help="policies to replay")
    p.add_argument("--format", choices=("csv", "json"), default="csv")


def run(args: argparse.Namespace) -> int:
    if args.every_days < 1:
        print("backtest: --every-days must be at least 1", file=sys.stderr)
        return 2
    try:
        with Store(args.db) as store:
            if store.is_empty():
                print(
                    f"{store.path}: the database is empty; import files first (or run `demo`)",
                    file=sys.stderr,
                )
                return 2
            result = run_backtest(
                store, start=args.start, end=args.end, every_days=args.every_days, policies=args.policy
            )
    except (StoreError, ValueError) as exc:
        print(f"backtest: {exc}", file=sys.stderr)
        return 2
    frame = result.summary
    if args.format == "json":
        payload = {
            "start": result.start.isoformat(),
            "end": result.end.isoformat(),
            "every_days": args.every_days,
            "policies": frame.to_dict(orient="records"),
        }
        sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=1) + "\n")
    else:
        sys.stdout.write(frame.to_csv(index=False))
    return 0
