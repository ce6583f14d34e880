"""What a page does with a PDF it built: choose a printer and print it, choose a file and save
a copy; the one place 通知公告, 公示栏 and the minutes dialog do this, each failure said in
one Chinese line (a printer that will not start, a folder that cannot be written).

Printing stays on the GUI thread: QPrinter and QPainter belong to it.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QPageSize
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QWidget

from app.failures import describe_os_error
from ui.ops import show_failure
from ui.widgets.pdf_preview import print_pdf, save_copy

PAPER = {"A3": QPageSize.PageSizeId.A3, "A4": QPageSize.PageSizeId.A4}

# Strings use an explicit context, literally, so lupdate finds them.


def ask_printer(
    parent: QWidget, *, paper: str = "A4", title: str = "", pages: int = 0
) -> QPrinter | None:
    """The system print dialog, on `paper`; the printer, or None if the worker cancelled."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageSize(QPageSize(PAPER[paper]))
    if title:
        printer.setDocName(title)
    dialog = QPrintDialog(printer, parent)
    if pages:
        dialog.setMinMax(1, max(1, pages))
    return printer if dialog.exec() == QDialog.DialogCode.Accepted else None


def ask_pdf_path(parent: QWidget, suggested: str) -> Path | None:
    """Where to save a PDF; ".pdf" is added when the name lacks it."""
    target, _ = QFileDialog.getSaveFileName(
        parent,
        QCoreApplication.translate("PdfOutput", "Save as PDF"),
        suggested,
        QCoreApplication.translate("PdfOutput", "PDF files (*.pdf)"),
    )
    if not target:
        return None
    path = Path(target)
    return path if path.suffix.lower() == ".pdf" else path.with_name(path.name + ".pdf")


def print_file(parent: QWidget, path: Path, printer: QPrinter) -> int:
    """Print `path` on `printer`; the pages printed, or 0 with the reason shown."""
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        return print_pdf(path, printer)
    except OSError as exc:
        title = QCoreApplication.translate("PdfOutput", "Cannot print")
        show_failure(parent, title, describe_os_error(exc) if exc.errno else str(exc))
        return 0
    finally:
        QApplication.restoreOverrideCursor()


def save_file(parent: QWidget, source: Path, target: Path) -> bool:
    """Copy `source` to `target`, whole or not at all; False with the reason shown."""
    try:
        save_copy(source, target)
    except OSError as exc:
        title = QCoreApplication.translate("PdfOutput", "Cannot save")
        show_failure(parent, title, describe_os_error(exc))
        return False
    return True
