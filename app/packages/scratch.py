"""Private scratch folders for decrypted package payloads (issue 14).

A decrypted payload holds every row of a package, personal data included: it lives in the
user's own cache folder (0700), never the shared system temp folder, and a folder left by a
killed run is removed at the next start of the program, not a day later. Each folder is named
for the process that made it, so a sweep never removes one a running import still uses.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
import time
from pathlib import Path

from app.db.file_access import private_folder

LEGACY_MAX_AGE_S = 86_400  # folders of older versions in the system temp folder


def scratch_root() -> Path:
    from platformdirs import user_cache_path

    root = user_cache_path("WuyeDesk", appauthor=False) / "scratch"
    return private_folder(root)


def new_folder(prefix: str) -> Path:
    return Path(tempfile.mkdtemp(prefix=f"{prefix}{os.getpid()}-", dir=scratch_root()))


def sweep(prefix: str = "wuye-") -> int:
    """Remove the scratch folders of runs that have ended; returns how many."""
    removed = 0
    for folder in scratch_root().glob(prefix + "*"):
        pid = _pid_of(folder.name.removeprefix(prefix))
        if pid is not None and pid != os.getpid() and not _alive(pid):
            shutil.rmtree(folder, ignore_errors=True)
            removed += 1
    cutoff = time.time() - LEGACY_MAX_AGE_S
    for folder in Path(tempfile.gettempdir()).glob(prefix + "*"):
        with contextlib.suppress(OSError):
            if folder.is_dir() and folder.stat().st_mtime < cutoff:
                shutil.rmtree(folder, ignore_errors=True)
                removed += 1
    return removed


def _pid_of(rest: str) -> int | None:
    """The first all-digit part of a folder name (`import-1234-ab12cd` → 1234)."""
    return next((int(part) for part in rest.split("-") if part.isdigit()), None)


def _alive(pid: int) -> bool:
    if os.name == "nt":  # no signal 0 on Windows: ask for the process handle instead
        import ctypes

        handle = ctypes.windll.kernel32.OpenProcess(0x1000, False, pid)  # type: ignore[attr-defined]
        if handle:
            ctypes.windll.kernel32.CloseHandle(handle)  # type: ignore[attr-defined]
        return bool(handle)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
