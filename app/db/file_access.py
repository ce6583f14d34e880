"""Files and folders readable by the current user only (issue 14, files at rest): the
database file, backups, the key folder, drafts, the account's secret file.

POSIX: files are created 0600 and folders 0700.

Windows: `os.chmod` only sets or clears the read-only attribute there and ignores every
other bit (Python's `os.chmod` documentation; the C runtime's `_wchmod` touches only
FILE_ATTRIBUTE_READONLY), so a 0600 means nothing to another account on the PC. The owner-only
ACL is set with `icacls PATH /inheritance:r /grant:r DOMAIN\\user:(F)` (`/inheritance:r` drops
the inherited entries such as Users and Everyone; `/grant:r` replaces the explicit ones),
a folder's entry marked `(OI)(CI)` so that files made in it inherit "this user only". icacls
ships with every supported Windows; the Win32 API route (`SetNamedSecurityInfo`, through
pywin32) would add a dependency for the same result. It runs through `subprocess` with an
argument list (no shell), once per folder per process, and for a file only when its folder
was not made private here (a file in such a folder already inherits the ACL). A failure is
logged, never fatal: the personal fields and keys are encrypted anyway (app/db/field_crypto.py,
app/packages/key_vault.py); the ACL keeps the rest (row counts, names of offices) private.
Administrators and SYSTEM lose their inherited access too, as 0600 does on POSIX.

Limits: on Windows SQLite makes `-wal` and `-shm` itself; they inherit the database folder's
ACL, and that folder is the user's choice (not made private here). Only `command` and
`windows_user` are tested on Linux CI; the Windows branch is not exercised there.
"""

from __future__ import annotations

import logging
import os
import subprocess
from collections.abc import Mapping
from pathlib import Path

from app.logfile import LOGGER

FILE_MODE = 0o600
FOLDER_MODE = 0o700
ON_WINDOWS = os.name == "nt"

_private_folders: set[Path] = set()  # Windows: folders given the owner-only ACL this run


def private_folder(folder: Path) -> Path:
    """`folder` (and its parents) made if needed, readable by this user only."""
    folder.mkdir(parents=True, exist_ok=True)
    if ON_WINDOWS:
        resolved = folder.resolve()
        if resolved not in _private_folders and _grant_only_me(folder, folder=True):
            _private_folders.add(resolved)
    else:
        _chmod(folder, FOLDER_MODE)
    return folder


def create_private(path: Path, flags: int) -> int:
    """`os.open(path, flags)` of a file created readable by this user only; the descriptor."""
    fd = os.open(path, flags, FILE_MODE)
    if ON_WINDOWS and path.parent.resolve() not in _private_folders:
        _grant_only_me(path, folder=False)
    return fd


def private_file(path: Path) -> None:
    """An existing file (written by someone else, as SQLite writes a backup) made private."""
    if ON_WINDOWS:
        _grant_only_me(path, folder=False)
    else:
        _chmod(path, FILE_MODE)


def windows_user(environ: Mapping[str, str]) -> str | None:
    """`DOMAIN\\user` (or the bare user name off a domain) of the session's own account, as
    icacls names it; None when the environment does not say."""
    user = environ.get("USERNAME", "").strip()
    if not user:
        return None
    domain = environ.get("USERDOMAIN", "").strip()
    return f"{domain}\\{user}" if domain else user


def command(path: Path, user: str, *, folder: bool) -> list[str]:
    """The icacls call giving `user` alone full control of `path` (no shell: a list)."""
    grant = f"{user}:(OI)(CI)(F)" if folder else f"{user}:(F)"
    return ["icacls", str(path), "/inheritance:r", "/grant:r", grant]


def _grant_only_me(path: Path, *, folder: bool) -> bool:
    """Windows only (see the module's docstring); whether the ACL was set."""
    user = windows_user(os.environ)
    if user is None:
        _log(path, "USERNAME 未设置")
        return False
    try:
        done = subprocess.run(
            command(path, user, folder=folder),
            capture_output=True,
            check=False,
            timeout=60,
            creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0),
        )
    except (OSError, subprocess.SubprocessError) as exc:
        _log(path, str(exc))
        return False
    if done.returncode != 0:
        _log(path, (done.stderr or done.stdout).decode(errors="replace").strip())
        return False
    return True


def _chmod(path: Path, mode: int) -> None:
    try:
        os.chmod(path, mode)
    except OSError as exc:  # a folder of another owner (a USB stick's root), a FAT stick
        _log(path, exc.strerror or str(exc))


def _log(path: Path, why: str) -> None:
    logging.getLogger(f"{LOGGER}.files").warning("未能设为仅本用户可读：%s（%s）", path, why)
