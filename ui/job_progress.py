"""Show a Job's progress with a cancel button, the way every long task in the window does.

The dialog appears only if the work takes longer than half a second (Qt's default is 4 s,
long enough for a worker to think the program hung).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from ui.jobs import Job, start

SHOW_AFTER_MS = 500


def run_with_progress(
    parent: QWidget,
    job: Job,
    label: str,
    on_done: Callable[[Any], None],
    on_cancelled: Callable[[], None] | None = None,
) -> QProgressDialog:
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

    def finished(result: Any) -> None:
        dialog.close()
        on_done(result)

    def failed(message: str) -> None:
        dialog.close()
        QMessageBox.warning(parent, label, message)

    def cancelled() -> None:
        dialog.close()
        if on_cancelled:
            on_cancelled()

    job.signals.progress.connect(progress)
    job.signals.finished.connect(finished)
    job.signals.failed.connect(failed)
    job.signals.cancelled.connect(cancelled)
    parent.setProperty("wuye_running_job", job)  # keep it alive while it runs
    start(job)
    return dialog
