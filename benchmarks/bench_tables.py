"""Reading indicator tables: the sample's CSV, a 100,000-row CSV and a 100,000-row SQLite table.

Run from the repository root:

    .venv/bin/python benchmarks/bench_tables.py                      # this tree
    .venv/bin/python benchmarks/bench_tables.py --baseline REV       # and REV's, alternately, as ratios

The tables are made in a temporary folder: the sample's 8 rows repeated with distinct names up to 100,000
rows, as a tidy CSV and as a SQLite table (with limits.table_rows raised to let them through). Each
measurement is the median of --runs readings in one process, after one untimed reading; with --baseline,
REV is exported with `git archive` and the two trees are measured in alternating processes, round after
round, so that the load of the machine falls on both alike. Figures are seconds; the ratios are
this tree / REV.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ROWS = 100_000


def make_tables(folder: Path) -> tuple[Path, Path]:
    sample = (ROOT / "data" / "indicators" / "western-region.csv").read_text(encoding="utf-8").splitlines()
    header, rows = sample[0], [line.split(",") for line in sample[1:]]
    big = [header]
    for n in range(ROWS):
        name, period, value, unit, region, source = rows[n % len(rows)]
        big.append(",".join((f"{name}{n // len(rows)}", period, value, unit, region, source)))
    csv = folder / "big.csv"
    csv.write_text("\n".join(big) + "\n", encoding="utf-8")
    database = folder / "big.sqlite"
    with sqlite3.connect(database) as db:
        db.execute("CREATE TABLE figures (indicator TEXT, period INTEGER, value REAL, unit TEXT, region TEXT, "
                   "source TEXT)")
        db.executemany("INSERT INTO figures VALUES (?, ?, ?, ?, ?, ?)",
                       [line.split(",") for line in big[1:]])
    return csv, database


def measure(tree: Path, folder: Path, runs: int) -> dict[str, float]:
    """In this process, with `tree` first on the path: the median seconds of each reading."""
    sys.path.insert(0, str(tree))
    from briefing.ingest import tables
    from briefing.model import InputLimits

    limits = InputLimits(table_rows=ROWS * 2, source_mb=500)
    readings = {"sample csv": lambda: tables.read_table(tree / "data" / "indicators" / "western-region.csv"),
                "100,000-row csv": lambda: tables.read_table(folder / "big.csv", limits=limits)}
    if hasattr(tables, "read_spec"):
        from briefing.model import Query, TableSpec

        spec = TableSpec(folder / "big.sqlite", query=Query("SELECT * FROM figures"))
        readings["100,000-row sqlite"] = lambda: tables.read_spec(spec, limits)
    found = {}
    for name, read in readings.items():
        read()  # imports and caches once, untimed
        times = []
        for _ in range(runs if name == "sample csv" else max(1, runs // 4)):
            start = time.perf_counter()
            read()
            times.append(time.perf_counter() - start)
        found[name] = statistics.median(times)
    return found


def _one(tree: Path, folder: Path, runs: int) -> dict[str, float]:
    result = subprocess.run([sys.executable, __file__, "--measure", str(tree), "--folder", str(folder),
                             "--runs", str(runs)], capture_output=True, text=True, check=True)
    return json.loads(result.stdout)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=12)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--baseline", help="a git revision to compare with, alternately")
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--folder", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(args.measure, args.folder, args.runs)))
        return
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        make_tables(folder)
        trees = {"this tree": ROOT}
        if args.baseline:
            base = folder / "baseline"
            base.mkdir()
            archive = subprocess.run(["git", "-C", str(ROOT), "archive", args.baseline], capture_output=True,
                                     check=True).stdout
            subprocess.run(["tar", "-x", "-C", str(base)], input=archive, check=True)
            trees[args.baseline] = base
        rounds: dict[str, list[dict[str, float]]] = {name: [] for name in trees}
        for n in range(args.rounds):
            for name, tree in trees.items():
                rounds[name].append(_one(tree, folder, args.runs))
                print(f"round {n + 1}, {name}: " + ", ".join(f"{k} {v:.4f} s" for k, v in rounds[name][-1].items()),
                      flush=True)
        for name, found in rounds.items():
            medians = {k: statistics.median(r[k] for r in found) for k in found[0]}
            print(f"{name}: " + ", ".join(f"{k} {v:.4f} s" for k, v in medians.items()))
        if args.baseline:
            ours, theirs = rounds["this tree"], rounds[args.baseline]
            for key in theirs[0]:
                ratio = statistics.median(o[key] / t[key] for o, t in zip(ours, theirs))
                print(f"{key}: this tree / {args.baseline} = {ratio:.2f}×")


if __name__ == "__main__":
    main()
