"""A PDF shown inside the window (every page in one scrolling column, fitted to the width),
printed through a QPrinter, or copied elsewhere.

Generic on purpose: it knows files and pages, nothing of notices or panels. The document is
read from disk once per `load`, so whoever wrote the file may replace or delete it afterwards
(a new file each time on Windows, where an open file cannot be replaced).
"""

from __future__ import annotations

import os
import secrets
import shutil
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QPoint, QPointF, QRect, QSize, Qt, Signal
from PySide6.QtGui import QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QStackedLayout,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

# Strings use an explicit context, literally (lupdate reads only literals), so a subclass, whose
# name PySide's self.tr() would look them up under, still finds them.


class PdfPreview(QWidget):
    loaded = Signal(int)  # page count, after a successful load

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path: Path | None = None
        self.document = QPdfDocument(self)
        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setPageSpacing(8)
        self.view.setStyleSheet("QPdfView { background: #8a8f96; }")
        self.placeholder = QLabel()
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)
        self.placeholder.setStyleSheet("color: #666; background: #e6e7e9;")

        self.fit_width = QToolButton()
        self.fit_width.setText(QCoreApplication.translate("PdfPreview", "Fit width"))
        self.whole_page = QToolButton()
        self.whole_page.setText(QCoreApplication.translate("PdfPreview", "Whole page"))
        zoom = QButtonGroup(self)
        for button in (self.fit_width, self.whole_page):
            button.setCheckable(True)
            button.setAutoRaise(True)
            zoom.addButton(button)
        self.fit_width.setChecked(True)
        self.pages_label = QLabel()
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(self.pages_label)
        bar.addStretch(1)
        bar.addWidget(self.fit_width)
        bar.addWidget(self.whole_page)

        self.stack = QStackedLayout()
        self.stack.addWidget(self.placeholder)
        self.stack.addWidget(self.view)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(bar)
        layout.addLayout(self.stack, 1)

        self.fit_width.toggled.connect(self._zoom_changed)
        self.clear()

    def load(self, path: Path | str) -> int:
        """Show the PDF at `path`; the number of pages, or 0 with the reason shown instead."""
        path = Path(path)
        error = self.document.load(str(path))
        if error != QPdfDocument.Error.None_ or self.document.pageCount() == 0:
            self.clear(_error_text(error).replace("%1", path.name))
            return 0
        self.path = path
        self.stack.setCurrentWidget(self.view)
        self.view.pageNavigator().jump(0, QPointF(), 0)  # a new document opens at its top
        count = self.page_count()
        self.pages_label.setText(
            QCoreApplication.translate("PdfPreview", "Pages: %1").replace("%1", str(count))
        )
        self.loaded.emit(count)
        return count

    def clear(self, message: str | None = None) -> None:
        """Show nothing, or `message` where the pages would be."""
        self.document.close()
        self.path = None
        self.pages_label.clear()
        self.placeholder.setText(message or QCoreApplication.translate("PdfPreview", "No preview"))
        self.stack.setCurrentWidget(self.placeholder)

    def page_count(self) -> int:
        return self.document.pageCount() if self.path is not None else 0

    def _zoom_changed(self) -> None:
        fit = QPdfView.ZoomMode.FitToWidth, QPdfView.ZoomMode.FitInView
        self.view.setZoomMode(fit[0] if self.fit_width.isChecked() else fit[1])


def _error_text(error: QPdfDocument.Error) -> str:
    if error == QPdfDocument.Error.FileNotFound:
        return QCoreApplication.translate("PdfPreview", "%1 was not found.")
    if error in (
        QPdfDocument.Error.IncorrectPassword,
        QPdfDocument.Error.UnsupportedSecurityScheme,
    ):
        return QCoreApplication.translate("PdfPreview", "%1 is protected by a password.")
    if error == QPdfDocument.Error.None_:  # opened, but without a single page
        return QCoreApplication.translate("PdfPreview", "%1 has no pages.")
    return QCoreApplication.translate("PdfPreview", "%1 is not a PDF file that can be shown.")


PRINT_DPI = 300  # pages go to the printer as images; 300 dpi keeps an A4 page near 35 MB


def print_pdf(path: Path, printer: QPrinter) -> int:
    """Print the PDF at `path` on `printer`, honouring its page range; the pages printed.

    Qt cannot draw a PDF's pages as vectors, so each page is rendered to an image at up to
    300 dpi and placed on the paper at its own size. A printer that writes a PDF file ("Print
    to File") gets a copy of the PDF itself instead, text and all, when it asks for every page.
    """
    document = QPdfDocument()
    if document.load(str(path)) != QPdfDocument.Error.None_:
        raise OSError(_error_text(document.error()).replace("%1", Path(path).name))
    count = document.pageCount()
    first, last = 1, count
    if printer.printRange() == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
        first, last = max(1, printer.fromPage()), min(count, printer.toPage() or count)
    elif printer.outputFormat() == QPrinter.OutputFormat.PdfFormat and printer.outputFileName():
        save_copy(Path(path), Path(printer.outputFileName()))
        return count
    printer.setFullPage(True)  # the PDF carries its own margins: lay each page on the paper
    painter = QPainter()
    if not painter.begin(printer):
        raise OSError(QCoreApplication.translate("PdfPreview", "The printer could not start."))
    try:
        paper = printer.pageLayout().fullRectPixels(printer.resolution())
        dpi = min(printer.resolution(), PRINT_DPI)
        for n, index in enumerate(range(first - 1, last)):
            if n:
                printer.newPage()
            points = document.pagePointSize(index)
            image = document.render(
                index, QSize(round(points.width() * dpi / 72), round(points.height() * dpi / 72))
            )
            size = QSize(
                round(points.width() * printer.resolution() / 72),
                round(points.height() * printer.resolution() / 72),
            )
            if size.width() > paper.width() or size.height() > paper.height():
                size = size.scaled(paper.size(), Qt.AspectRatioMode.KeepAspectRatio)  # shrink
            corner = QPoint(
                paper.x() + (paper.width() - size.width()) // 2,
                paper.y() + (paper.height() - size.height()) // 2,
            )
            target = QRect(corner, size)
            painter.fillRect(target, Qt.GlobalColor.white)  # pages render on transparency
            painter.drawImage(target, image)
    finally:
        painter.end()
    return max(0, last - first + 1)


def save_copy(source: Path, target: Path) -> Path:
    """Copy `source` onto `target` whole: written beside it under a temporary name, then
    renamed, so a failure leaves neither a half-written file nor a damaged earlier copy."""
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{target.stem}.{secrets.token_hex(4)}.part")
    try:
        shutil.copyfile(source, temporary)
        os.replace(temporary, target)
    finally:
        temporary.unlink(missing_ok=True)
    return target
