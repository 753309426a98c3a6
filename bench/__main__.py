"""``make bench``: import, plan and page-rerun times at catalogue scale, as ratios to a bare DuckDB read.

Absolute seconds are noise on a shared 2-core machine; every figure is also given as a ratio to a bare
``read_csv`` of the same All Orders file measured in the same run, in a fresh process. Each step runs in its
own process so that its peak memory (``VmHWM``) is its own. The bare read, the import and ``plan`` run
``--repeat`` times (3) and the median is kept: on a virtual machine a single run of either can be off by a
third; the page reruns are the median of three widget changes.

    python -m bench                 # 200, 2,000 and 10,000 SKUs x 730 days
    python -m bench --skus 200 2000 # a subset
    python -m bench --backtest-only # the back-test on the demo store, as a ratio to plan
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

STEP_PRELUDE = """
import json, sys, time
sys.path.insert(0, {root!r})
def done(seconds, **extra):
    # VmHWM is this process's own peak (ru_maxrss would carry the parent's peak across fork + exec).
    with open("/proc/self/status") as fh:
        hwm = next(int(line.split()[1]) for line in fh if line.startswith("VmHWM"))
    print(json.dumps({{"seconds": seconds, "peak_mb": hwm / 1024, **extra}}))
"""

BARE = """
import duckdb
t = time.perf_counter()
con = duckdb.connect()
con.execute("CREATE TABLE t AS SELECT * FROM read_csv(?, delim='\\t', \
header=true, all_varchar=true)", [{orders!r}])
done(time.perf_counter() - t)
"""

SETUP = """
from inventory_core.ingest.importer import ImportOptions, import_file
from inventory_core.store import Store
store = Store({db!r})
opts = ImportOptions(snapshot_date=__import__("datetime").date.fromisoformat({as_of!r}))
import_file(store, {inventory!r}, options=opts)
import_file(store, {shipments!r}, options=opts)
store.close()
done(0.0)
"""

IMPORT = """
from inventory_core.ingest.importer import ImportOptions, import_file
from inventory_core.store import Store
store = Store({db!r})
opts = ImportOptions(snapshot_date=__import__("datetime").date.fromisoformat({as_of!r}))
t = time.perf_counter()
result = import_file(store, {orders!r}, options=opts)
seconds = time.perf_counter() - t
store.close()
done(seconds, rows=result.rows_loaded)
"""

PLAN = """
from inventory_core.model.plan import compute_plan
from inventory_core.store import Store
store = Store({db!r}, read_only=True)
t = time.perf_counter()
plan = compute_plan(store)
done(time.perf_counter() - t, skus=len(plan.skus))
"""

DEMO = """
from inventory_core.demo import build_demo_db
build_demo_db({db!r})
done(0.0)
"""

BACKTEST = """
from inventory_core.model.backtest import run_backtest
from inventory_core.store import Store
store = Store({db!r}, read_only=True)
t = time.perf_counter()
result = run_backtest(store)
done(time.perf_counter() - t, reviews=len(range(0, (result.end - result.start).days + 1, result.every_days)))
"""

PAGES = """
import os
os.environ["STOCKOUT_RADAR_DB"] = {db!r}
from streamlit.testing.v1 import AppTest
out = {{}}
# One widget change per page, as a user would make it in the meeting.
changes = {{
    "pages/replenishment.py": lambda at: at.multiselect(key="repl_alerts").set_value(["urgent", "reorder"]),
    "pages/matrix.py": lambda at: at.toggle(key="matrix_global").set_value(True),
}}
undo = {{
    "pages/replenishment.py": lambda at: at.multiselect(key="repl_alerts").set_value(["urgent"]),
    "pages/matrix.py": lambda at: at.toggle(key="matrix_global").set_value(False),
}}
for page, change in changes.items():
    at = AppTest.from_file({app!r}, default_timeout=600)
    at.session_state["lang"] = "en"
    at.run()
    at.switch_page(page)
    t = time.perf_counter(); at.run(); first = time.perf_counter() - t
    assert not at.exception, at.exception
    reruns = []
    for step in (change, undo[page], change):
        step(at)
        t = time.perf_counter(); at.run(); reruns.append(time.perf_counter() - t)
        assert not at.exception, at.exception
    out[page] = {{"first": first, "rerun": sorted(reruns)[1]}}
done(0.0, pages=out)
"""


def _step(code: str, **values: object) -> dict:
    script = textwrap.dedent(STEP_PRELUDE.format(root=str(ROOT))) + textwrap.dedent(code.format(**values))
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, cwd=ROOT)
    if out.returncode != 0:
        raise SystemExit(f"bench step failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def _median(runs: list[dict]) -> dict:
    """The run with the median time, with the highest peak memory of all runs."""
    mid = sorted(runs, key=lambda r: r["seconds"])[len(runs) // 2]
    return {**mid, "peak_mb": max(r["peak_mb"] for r in runs)}


def run(sizes: list[int], days: int, workdir: Path, repeat: int = 3) -> list[dict]:
    from bench.generate import generate

    rows = []
    for n in sizes:
        print(f"-- {n} SKUs x {days} days: generating ...", file=sys.stderr, flush=True)
        data = generate(workdir / f"s{n}", n, days)
        base, db = workdir / f"s{n}" / "base.duckdb", str(workdir / f"s{n}" / "bench.duckdb")
        base.unlink(missing_ok=True)
        _step(
            SETUP,
            db=str(base),
            inventory=str(data.inventory),
            shipments=str(data.shipments),
            as_of=data.as_of.isoformat(),
        )
        bare = _median([_step(BARE, orders=str(data.orders)) for _ in range(repeat)])
        imports = []
        for _ in range(repeat):  # each into a fresh copy of the store with stock and shipments
            Path(db).unlink(missing_ok=True)
            shutil.copyfile(base, db)
            imports.append(_step(IMPORT, db=db, orders=str(data.orders), as_of=data.as_of.isoformat()))
        imp = _median(imports)
        plan = _median([_step(PLAN, db=db) for _ in range(repeat)])
        pages = _step(PAGES, db=db, app=str(ROOT / "app.py"))["pages"]
        size_mb = data.orders.stat().st_size / 1e6
        rows.append(
            {
                "skus": n,
                "order_lines": data.order_lines,
                "file_mb": size_mb,
                "bare_s": bare["seconds"],
                "import_s": imp["seconds"],
                "import_ratio": imp["seconds"] / bare["seconds"],
                "import_peak_mb": imp["peak_mb"],
                "plan_s": plan["seconds"],
                "plan_ratio": plan["seconds"] / bare["seconds"],
                "plan_peak_mb": plan["peak_mb"],
                "repl_rerun_s": pages["pages/replenishment.py"]["rerun"],
                "matrix_rerun_s": pages["pages/matrix.py"]["rerun"],
            }
        )
        print(json.dumps(rows[-1]), file=sys.stderr, flush=True)
    return rows


def backtest_demo(workdir: Path, repeat: int = 3) -> dict:
    """The back-test on the demo store (30 SKUs, 14½ months, weekly reviews) against ``plan`` on it."""
    db = str(workdir / "demo.duckdb")
    print("-- demo store: back-test ...", file=sys.stderr, flush=True)
    _step(DEMO, db=db)
    plan = _median([_step(PLAN, db=db) for _ in range(repeat)])
    bt = _median([_step(BACKTEST, db=db) for _ in range(repeat)])
    row = {
        "plan_s": plan["seconds"],
        "backtest_s": bt["seconds"],
        "reviews": bt["reviews"],
        "ratio": bt["seconds"] / plan["seconds"],
        "peak_mb": bt["peak_mb"],
    }
    print(json.dumps(row), file=sys.stderr, flush=True)
    return row


def backtest_table(row: dict) -> str:
    return (
        "| store | reviews | plan s | backtest s | backtest ÷ plan | backtest peak MB |\n"
        "| --- | --- | --- | --- | --- | --- |\n"
        f"| demo (30 SKUs, 14½ months) | {row['reviews']} | {row['plan_s']:.2f} | {row['backtest_s']:.1f} | "
        f"{row['ratio']:.0f} | {row['peak_mb']:.0f} |"
    )


def table(rows: list[dict]) -> str:
    head = (
        "| SKUs | order lines | file MB | bare read s | import s | import ÷ bare | import peak MB | plan s | "
        "plan ÷ bare | plan peak MB | replenishment rerun s | matrix rerun s |"
    )
    lines = [head, "|" + " --- |" * (head.count("|") - 1)]
    for r in rows:
        lines.append(
            f"| {r['skus']:,} | {r['order_lines']:,} | {r['file_mb']:.0f} | {r['bare_s']:.2f} | "
            f"{r['import_s']:.2f} | {r['import_ratio']:.2f} | {r['import_peak_mb']:.0f} | "
            f"{r['plan_s']:.2f} | {r['plan_ratio']:.2f} | {r['plan_peak_mb']:.0f} | "
            f"{r['repl_rerun_s']:.3f} | {r['matrix_rerun_s']:.3f} |"
        )
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench")
    parser.add_argument("--skus", type=int, nargs="+", default=[200, 2000, 10000])
    parser.add_argument("--days", type=int, default=730)
    parser.add_argument("--workdir", type=Path, default=None)
    parser.add_argument(
        "--repeat", type=int, default=3, help="runs of the bare read, import and plan (median)"
    )
    parser.add_argument("--backtest-only", action="store_true", help="only the back-test on the demo store")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="radar-bench-") as tmp:
        work = args.workdir or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        rows = [] if args.backtest_only else run(args.skus, args.days, work, max(1, args.repeat))
        bt = backtest_demo(work, max(1, args.repeat))
    if rows:
        print(table(rows))
        print()
    print(backtest_table(bt))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
