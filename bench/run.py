"""Every benchmark in turn with its defaults, then one table of every figure with a target:
ours, the baseline measured in the same run, their ratio, the target, and whether it is met.

    .venv/bin/python bench/run.py [--quick] [--only NAME ...]

`--quick` runs small sizes (under two minutes once the data is built; the first run builds it
into the benchmarks' cache, bench/data_cache.py, where later runs find it). Run it on a quiet
machine, under `nice` if others share it; the table ends with the machine, its load and the
date. Exit 0 when every target is met, else 1.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from report import RESULTS_ENV, Figure  # noqa: E402

RESULTS = HERE.parent / "build" / "bench" / "figures.jsonl"  # one JSON line per figure

# name: (script, arguments for --quick). Defaults are each script's own. Quick sizes are
# smallest where a target does not depend on size (a ratio, a memory bound independent of
# the package): fewer repeats of the start-up, one run of the sheet (at 2,000 rows our
# import's fixed start cost lowered its ratio to 0.87), a smaller city and PostgreSQL merge.
BENCHMARKS: dict[str, tuple[str, list[str]]] = {
    "ledger": ("ledger.py", ["--estates", "20000", "--repeat", "3"]),
    "casework": ("casework.py", ["--problems", "60000", "--complaints", "40000", "--repeat", "3"]),
    "pdf_panels": ("pdf_panels.py", ["--pages", "40", "--repeat", "2"]),
    "pdf_notices": ("pdf_notices.py", ["--pages", "40", "--repeat", "2"]),
    "completeness": ("completeness.py", ["--repeat", "3"]),
    "xlsx_import": ("xlsx_import.py", ["--rows", "5000", "--repeat", "1"]),
    "packages": ("packages.py", ["--rows", "10000", "--base", "100000"]),
    "packages_city": ("packages_city.py", ["--communities", "20"]),
    "packages_pg": ("packages_pg.py", ["--rows", "20000"]),
    "voting": ("voting.py", ["--units", "4000", "--ballots", "3800", "--entries", "50"]),
}


def children_cpu() -> float:
    """CPU seconds used so far by the benchmarks this run started (user + system): unlike the
    wall time it hardly moves with the load other processes put on the machine."""
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def run(name: str, quick: bool, results: Path) -> tuple[int, float]:
    script, quick_args = BENCHMARKS[name]
    env = dict(os.environ, **{RESULTS_ENV: str(results)})
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    command = [sys.executable, str(HERE / script), *(quick_args if quick else [])]
    print(f"== {name}: {' '.join(command[1:])}", flush=True)
    start = time.perf_counter()
    code = subprocess.run(command, env=env).returncode
    return code, time.perf_counter() - start


def table(figures: list[Figure]) -> str:
    head = "| figure | ours | baseline | ratio | target | met |\n|---|---:|---:|---:|---|---|"
    lines = [head]
    for f in figures:
        base = "—" if f.baseline is None else f"{f.baseline:,.1f} {f.unit}"
        ratio = "—" if f.ratio is None else f"{f.ratio:.2f}"
        met = "yes" if f.met else "**no**"
        lines.append(
            f"| {f.figure} | {f.ours:,.1f} {f.unit} | {base} | {ratio} | {f.target} | {met} |"
        )
    return "\n".join(lines)


def machine() -> str:
    load = os.getloadavg()
    cpus = os.cpu_count()
    when = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    return (f"{platform.platform()}, Python {platform.python_version()}, {cpus} cores, "
            f"load {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}, {when}")  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes")
    parser.add_argument("--only", nargs="+", choices=sorted(BENCHMARKS), help="these only")
    args = parser.parse_args()
    names = args.only or list(BENCHMARKS)
    failed: list[str] = []
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text("", "utf-8")  # this run's figures only; kept for a look afterwards
    total = 0.0
    for name in names:
        cpu = children_cpu()
        code, seconds = run(name, args.quick, RESULTS)
        total += seconds
        print(f"   {name} took {seconds:.0f} s, {children_cpu() - cpu:.0f} s of CPU"
              + ("" if code == 0 else f", exit {code}"))  # fmt: skip
        if code != 0:
            failed.append(name)
    figures = [Figure(**json.loads(line)) for line in RESULTS.read_text("utf-8").splitlines()]
    if args.quick and not args.only:  # issue 18: the quick run stays under two minutes
        figures.append(Figure("run.py --quick, every benchmark, wall time", total,
                              None, "s", "< 120 s", total < 120))  # fmt: skip
    print()
    print(table(figures))
    print(f"\n{machine()}" + (" — quick sizes" if args.quick else ""))
    print(f"wall time {total:.0f} s, CPU time {children_cpu():.0f} s")
    if failed:
        print(f"did not finish: {', '.join(failed)}")
    return 0 if figures and all(f.met for f in figures) and not failed else 1


if __name__ == "__main__":
    sys.exit(main())
