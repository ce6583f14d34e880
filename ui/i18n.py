"""Translators: Simplified Chinese by default, for our strings and Qt's standard buttons."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from app.paths import resource

DEFAULT_LOCALE = "zh_CN"


def install_translators(app: QCoreApplication, locale: str = DEFAULT_LOCALE) -> list[QTranslator]:
    """Returns the translators so the caller keeps them alive (Qt does not own them)."""
    QLocale.setDefault(QLocale(locale))
    installed = []
    ours = QTranslator(app)
    if ours.load(str(resource("i18n", f"wuyedesk_{locale}.qm"))):
        app.installTranslator(ours)
        installed.append(ours)
    qt = QTranslator(app)
    if qt.load(f"qtbase_{locale}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
        installed.append(qt)
    return installed
