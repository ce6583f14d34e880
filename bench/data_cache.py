"""Where the benchmarks keep the data they generate: built once, reused by every later run
(of any checkout) until what built it changes.

A file or folder is named by its size and a key: the hash of the sources that built it (the
generator, the app modules whose content it copies) and of every migration (the schema).
Editing any of them names a new file, built on first use; nothing is rebuilt otherwise.
`bench/run.py --quick` took 288 s with the data built during the run (issue 18).

The folder is ~/.cache/wuyedesk-bench/ (or $WUYE_BENCH_CACHE); old versions are left there
for runs of other checkouts, and `rm -rf ~/.cache/wuyedesk-bench` gives the space back.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CACHE_ENV = "WUYE_BENCH_CACHE"
MIGRATIONS = ROOT / "app" / "db" / "migrations" / "versions"


def cache_dir() -> Path:
    folder = Path(os.environ.get(CACHE_ENV) or Path.home() / ".cache" / "wuyedesk-bench")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def content_key(*sources: Path) -> str:
    """The hash of the sources' bytes and of every migration, in a fixed order."""
    digest = hashlib.sha256()
    for source in (*sources, *sorted(MIGRATIONS.glob("*.py"))):
        digest.update(source.name.encode() + b"\0" + source.read_bytes() + b"\0")
    return digest.hexdigest()[:12]


def cached(name: str, *sources: Path, suffix: str = "") -> Path:
    """The path for data called `name` (with its size, e.g. "ledger-100k") built by
    `sources`: build it there when it does not exist yet."""
    return cache_dir() / f"{name}-{content_key(*sources)}{suffix}"


def app_source(module: str) -> Path:
    """An app module's file, e.g. "app/services/demo.py", for a key."""
    return ROOT / module


def package_sources(benchmark: str) -> tuple[Path, ...]:
    """What builds a package benchmark's offices and packages: the benchmark itself, the
    office pair and the package code (a package of an older format is not reused)."""
    here = Path(__file__).resolve().parent
    packages = sorted((ROOT / "app" / "packages").glob("*.py"))
    return (here / benchmark, here / "office_pair.py", app_source("app/services/demo_city.py"),
            *packages)  # fmt: skip
