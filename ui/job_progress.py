"""Show a Job's progress with a cancel button, the way every long task in the window does.

The dialog appears only if the work takes longer than half a second (Qt's default is 4 s,
long enough for a worker to think the program hung).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QProgressDialog, QWidget

from ui.jobs import ALL_TABLES, Job

SHOW_AFTER_MS = 500

__all__ = ["ALL_TABLES", "SHOW_AFTER_MS", "attach_progress", "run_with_progress"]


def attach_progress(parent: QWidget, job: Job, label: str) -> QProgressDialog:
    """A progress dialog that follows `job` and closes itself when the job ends."""
    dialog = QProgressDialog(label, QCoreApplication.translate("Progress", "Cancel"), 0, 0, parent)
    dialog.setWindowTitle(label)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(SHOW_AFTER_MS)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.canceled.connect(job.cancel)

    def progress(done: int, total: int) -> None:
        dialog.setMaximum(max(total, done, 1) if total else 0)
        dialog.setValue(done)

    job.signals.progress.connect(progress)
    for signal in (job.signals.finished, job.signals.failure, job.signals.cancelled):
        signal.connect(dialog.close)
    return dialog


def run_with_progress(
    parent: QWidget,
    job: Job,
    label: str,
    on_done: Callable[[Any], None],
    on_cancelled: Callable[[], None] | None = None,
) -> QProgressDialog:
    """Run `job` through the operation layer (ui/ops.py) with a progress dialog; a failure is
    shown in a message box titled `label`."""
    from ui.ops import Op

    op = Op.of(parent, job, label).success(on_done)
    if on_cancelled is not None:
        op.cancelled(on_cancelled)
    dialog = attach_progress(parent, job, label)
    op.run()
    return dialog
