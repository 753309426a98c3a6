"""Command line: ``python -m inventory_core`` (also installed as ``stockout-radar``).

Exit codes: 0 success (a file already imported is skipped with a note), 2 refused input or bad arguments,
with one line per problem on stderr and never a traceback.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from collections.abc import Sequence
from pathlib import Path

# Heavy modules (pandas, duckdb) are imported inside the commands so that `--help` starts instantly.

REPO_ROOT = Path(__file__).resolve().parents[2]
SAMPLES_DIR = REPO_ROOT / "data" / "samples"


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from exc


def _fx_rate(text: str) -> tuple[str, float]:
    currency, _, rate = text.partition("=")
    try:
        value = float(rate)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not a rate (CURRENCY=RATE, e.g. EUR=1.08): {text!r}") from exc
    if not currency.strip().isalpha() or not value > 0:
        raise argparse.ArgumentTypeError(f"not a rate (CURRENCY=RATE, e.g. EUR=1.08): {text!r}")
    return currency.strip().upper(), value


def _lang(args: argparse.Namespace) -> str:
    if args.lang:
        return str(args.lang)
    return "zh" if os.environ.get("LANG", "").lower().startswith("zh") else "en"


def _db_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--db", default=None, help="DuckDB file (default: $STOCKOUT_RADAR_DB or data/stockout_radar.duckdb)"
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="stockout-radar", description="Stockout Radar: imports, plan, demo data"
    )
    parser.add_argument(
        "--lang", choices=("en", "zh"), default=None, help="message language (default from $LANG)"
    )
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("import", help="import export files (CSV, TSV, XLSX) into the database")
    _db_arg(p)
    p.add_argument("files", nargs="+", type=Path)
    p.add_argument(
        "--period",
        nargs=2,
        type=_date,
        metavar=("START", "END"),
        help="period of a report without dates (Business Report)",
    )
    p.add_argument("--marketplace", default="US", help="marketplace when the file does not say (default US)")
    p.add_argument(
        "--snapshot-date",
        type=_date,
        default=None,
        help="day a stock report was taken (default: a date in its name, else the file's modification day)",
    )
    p.add_argument(
        "--allow-partial", action="store_true", help="import the good rows, keep rejected ones for review"
    )
    p.add_argument("--dayfirst", action="store_true", default=None, help="dates are D/M/Y")
    p.add_argument("--kind", default=None, help="force the report kind (see `kinds`)")
    p.add_argument(
        "--fx-rate",
        type=_fx_rate,
        action="append",
        default=[],
        metavar="CUR=RATE",
        help="convert ad amounts in CUR at RATE to the marketplace's currency (e.g. EUR=1.08)",
    )

    p = sub.add_parser("undo", help="undo an import (its rows disappear; what it replaced comes back)")
    _db_arg(p)
    p.add_argument("import_id", type=int)

    p = sub.add_parser("imports", help="list the import log")
    _db_arg(p)

    sub.add_parser("kinds", help="list the report kinds the importer recognises")

    p = sub.add_parser("demo", help="build the demo database from data/samples")
    _db_arg(p)
    p.add_argument("--rebuild", action="store_true", help="delete the database first")
    p.add_argument(
        "--catalog",
        choices=("demo", "volatile"),
        default="demo",
        help="which generated catalogue (volatile: the back-test's harder second store)",
    )

    p = sub.add_parser("samples", help="(re)generate the demo export files deterministically")
    p.add_argument("--out", type=Path, default=SAMPLES_DIR)
    p.add_argument("--catalog", choices=("demo", "volatile"), default="demo")

    p = sub.add_parser("plan", help="the replenishment plan: one row per SKU")
    _db_arg(p)
    p.add_argument("--as-of", type=_date, default=None, help="plan date (default: latest stock snapshot)")
    p.add_argument("--format", choices=("csv", "json", "xlsx"), default="csv")
    p.add_argument("--out", type=Path, default=None, help="output file (default: stdout; required for xlsx)")

    from inventory_core.cli import backtest as backtest_cli

    backtest_cli.add_parser(sub, _date)
    return parser


def _fail(message: str) -> None:
    print(message, file=sys.stderr)


def cmd_import(args: argparse.Namespace) -> int:
    from inventory_core.i18n import t
    from inventory_core.ingest.importer import (
        ImportOptions,
        ImportRefused,
        import_file,
        period_note,
        propose_period,
    )
    from inventory_core.ingest.reports import KINDS_BY_NAME

    period_kinds = {k for k, kind in KINDS_BY_NAME.items() if kind.period == "file"}
    from inventory_core.store import Store, StoreError

    lang = _lang(args)
    if args.period and args.period[0] > args.period[1]:
        start, end = args.period
        for path in args.files:
            _fail(t("import.refused.bad_period", lang, file=path.name, start=start, end=end))
        return 2
    options = ImportOptions(
        marketplace=args.marketplace.upper(),
        period=(args.period[0], args.period[1]) if args.period else None,
        snapshot_date=args.snapshot_date,
        allow_partial=args.allow_partial,
        dayfirst=args.dayfirst,
        kind=args.kind,
        fx_rates=tuple(args.fx_rate),
    )
    try:
        store = Store(args.db)
    except StoreError as exc:
        _fail(exc.message(lang))
        return 2
    refused = 0
    with store:
        for path in args.files:
            try:
                result = import_file(store, path, options=options)
            except ImportRefused as exc:
                refused += 1
                _fail(exc.message(lang))
                continue
            except (
                StoreError
            ) as exc:  # the database itself (disk full, damaged): the next file would fail too
                _fail(exc.message(lang))
                return 2
            except Exception as exc:  # a bug must still give one line per file, never a traceback
                refused += 1
                reason = " ".join(f"{type(exc).__name__}: {exc}".split())[:200]
                _fail(t("import.refused.internal", lang, file=path.name, reason=reason))
                continue
            if result.status == "skipped":
                print(t("import.cli.skipped", lang, file=path.name, id=result.import_id))
                continue
            proposal = propose_period(path.name, options.period) if result.kind in period_kinds else None
            if proposal is not None:  # where the period came from, as the upload page shows it
                print(f"{path.name}: {period_note(proposal, lang)}")
            if result.rows_rejected:
                print(
                    t(
                        "import.cli.imported_partial",
                        lang,
                        file=path.name,
                        kind=result.kind,
                        id=result.import_id,
                        rows=result.rows_loaded,
                        rejected=result.rows_rejected,
                    )
                )
            else:
                print(
                    t(
                        "import.cli.imported",
                        lang,
                        file=path.name,
                        kind=result.kind,
                        id=result.import_id,
                        rows=result.rows_loaded,
                    )
                )
            for line in result.line_texts(lang):
                print(f"{path.name}: {line}")
    return 2 if refused else 0


def cmd_undo(args: argparse.Namespace) -> int:
    from inventory_core.i18n import t
    from inventory_core.store import Store, StoreError

    try:
        with Store(args.db) as store:
            record = store.undo(args.import_id)
    except StoreError as exc:
        _fail(exc.message(_lang(args)))
        return 2
    print(t("import.cli.undone", _lang(args), id=record.import_id, file=record.file_name))
    return 0


def cmd_imports(args: argparse.Namespace) -> int:
    from inventory_core.i18n import t
    from inventory_core.store import Store, StoreError

    try:
        with Store(args.db, read_only=True) as store:  # beside a running app, or another reader
            records = store.imports()
    except StoreError as exc:
        _fail(exc.message(_lang(args)))
        return 2
    print(t("import.cli.log_header", _lang(args)))
    for r in records:
        period = f"{r.period_start or ''}..{r.period_end or ''}"
        print(
            f"{r.import_id}\t{r.status}\t{r.kind}\t{period}\t{r.rows_loaded}\t{r.rows_rejected}\t"
            f"{r.imported_at:%Y-%m-%d %H:%M}\t{r.file_name}"
        )
    return 0


def cmd_kinds(_args: argparse.Namespace) -> int:
    from inventory_core.ingest.reports import REPORT_KINDS

    for kind in REPORT_KINDS:
        print(f"{kind.kind}\t{kind.title}")
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from inventory_core.demo import build_demo_db
    from inventory_core.ingest.importer import ImportRefused
    from inventory_core.store import StoreError, default_db_path

    db = args.db or default_db_path()
    try:
        if getattr(args, "catalog", "demo") != "demo":
            from inventory_core.demo import build_catalog_db

            summary = build_catalog_db(
                db, args.catalog, rebuild=args.rebuild, progress=lambda msg: print(msg)
            )
        else:
            summary = build_demo_db(db, rebuild=args.rebuild, progress=lambda msg: print(msg))
    except (ImportRefused, StoreError) as exc:
        _fail(str(exc))
        return 2
    print(summary)
    return 0


def cmd_samples(args: argparse.Namespace) -> int:
    from inventory_core.demo.data import CATALOGS, write_samples

    files = write_samples(args.out, profile=CATALOGS[getattr(args, "catalog", "demo")])
    print(f"{len(files)} sample files written to {args.out}")
    return 0


def cmd_plan(args: argparse.Namespace) -> int:
    from inventory_core.cli.plan import run_plan

    args.lang = _lang(args)
    return run_plan(args)


def cmd_backtest(args: argparse.Namespace) -> int:
    from inventory_core.cli.backtest import run

    return run(args)


COMMANDS = {
    "import": cmd_import,
    "undo": cmd_undo,
    "imports": cmd_imports,
    "kinds": cmd_kinds,
    "demo": cmd_demo,
    "samples": cmd_samples,
    "plan": cmd_plan,
    "backtest": cmd_backtest,
}


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse prints its own one-line usage error
        return int(exc.code or 0) if exc.code in (0, None) else 2
    try:
        return COMMANDS[args.command](args)
    except KeyboardInterrupt:
        _fail("interrupted")
        return 130


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
