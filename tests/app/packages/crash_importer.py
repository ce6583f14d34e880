"""A process that imports packages until it is killed (tests/app/packages/test_crash_imports.py):
each package named on the command line, in order, into the database; each line it prints
names a package whose import had committed before the line was written."""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

from app.db import open_database
from app.packages.importer import import_package

NOW = datetime(2026, 11, 25, 3, 0)


def main(path: Path, packages: list[Path]) -> None:
    db = open_database(path, actor="crash")
    print("started", flush=True)
    for package in packages:
        report = import_package(db, package, now=NOW)
        assert not report.errors, report.errors
        print(f"imported {package.name}", flush=True)


if __name__ == "__main__":
    main(Path(sys.argv[1]), [Path(p) for p in sys.argv[2:]])
