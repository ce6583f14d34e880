"""At start, before the database opens: `PRAGMA quick_check`, and if SQLite finds the file
damaged (a power cut on a failing disk), the latest good backup offered in its place
(app/services/backups.py). The damaged file is kept aside, never deleted."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from app.db.backups import quick_problems
from app.db.sync import utc_now
from app.errors import WuyeError
from app.services.backups import latest_good_backup, replace_damaged


def recover_if_damaged(parent: QWidget, path: Path, problems: list[str] | None = None) -> bool:
    """True when the file was damaged and a backup now stands in its place. `problems`: what
    a `QuickCheck` of the file already found (else it is checked here)."""
    if problems is None:
        problems = quick_problems(path) if path.is_file() else []
    if not path.is_file() or not problems:
        return False
    title = QCoreApplication.translate("DamagedFile", "Damaged database file")
    found = "；".join(problems[:2])
    backup = latest_good_backup(path)
    if backup is None:
        QMessageBox.warning(
            parent, title,
            QCoreApplication.translate(
                "DamagedFile",
                "SQLite finds %1 damaged (%2) and there is no good backup beside it. "
                "Copy the file somewhere safe before anything else.",
            )
            .replace("%1", str(path)).replace("%2", found),
        )  # fmt: skip
        return False
    answer = QMessageBox.question(
        parent, title,
        QCoreApplication.translate(
            "DamagedFile",
            "SQLite finds %1 damaged (%2). Put the latest good backup, of %3, in its place? "
            "The damaged file is kept in the backups folder.",
        )
        .replace("%1", str(path)).replace("%2", found)
        .replace("%3", f"{backup.taken_at:%Y-%m-%d %H:%M}"),
    )  # fmt: skip
    if answer != QMessageBox.StandardButton.Yes:
        return False
    try:
        replace_damaged(path, backup.path, now=utc_now())
    except (WuyeError, OSError) as exc:
        QMessageBox.warning(parent, title, str(exc))
        return False
    return True
