"""The window paints before it loads what only its pages need (issue 18).

A fresh interpreter starts the window the way `wuye gui` does and lists `sys.modules` at the
main window's first paint. Whatever the window comes to import (menus, dialogs, pages added
later), a heavy library on the deny-list loaded before that paint fails here, not silently in
`bench/ledger.py` (a).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DENIED = ("sqlalchemy", "alembic", "reportlab", "openpyxl", "cryptography", "psycopg")

# Runs `wuye --db FILE gui --quit-after-paint`; an application-wide event filter, installed
# before the program builds anything, notes every module loaded when the first paint arrives.
# Extra arguments are modules imported first, to show that the check sees them.
AT_FIRST_PAINT = """
import json, sys
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QMainWindow

db, preloaded = sys.argv[1], sys.argv[2:]
for name in preloaded:
    __import__(name)
application = QApplication(sys.argv[:1])
loaded = []

class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if not loaded and event.type() == QEvent.Type.Paint and isinstance(watched, QMainWindow):
            loaded.extend(sorted(sys.modules))
        return False

first_paint = FirstPaint()
application.installEventFilter(first_paint)
from app.cli import main
sys.argv = ["wuye", "--db", db, "gui", "--quit-after-paint"]
try:
    main()
except SystemExit:
    pass
print(json.dumps(loaded))
"""


def modules_at_first_paint(db: Path, *preloaded: str) -> list[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    result = subprocess.run(
        [sys.executable, "-c", AT_FIRST_PAINT, str(db), *preloaded],
        capture_output=True, text=True, env=env, cwd=ROOT, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    loaded = json.loads(result.stdout.splitlines()[-1])
    assert loaded, "the main window never painted"
    return loaded


def denied(modules: list[str]) -> list[str]:
    """The denied packages among the modules, by top-level name."""
    return sorted({m.split(".")[0] for m in modules} & set(DENIED))


@pytest.fixture
def office_file(demo_template: Path, tmp_path: Path) -> Path:
    path = tmp_path / "office.sqlite"
    shutil.copy(demo_template, path)
    return path


@pytest.mark.slow
def test_no_denied_module_is_loaded_before_the_first_paint(office_file: Path) -> None:
    loaded = modules_at_first_paint(office_file)
    assert "ui.main_window" in loaded  # the window itself was measured
    assert denied(loaded) == []


@pytest.mark.slow
@pytest.mark.parametrize("module", ["sqlalchemy.orm", "openpyxl"])
def test_a_denied_module_loaded_at_start_is_caught(office_file: Path, module: str) -> None:
    assert denied(modules_at_first_paint(office_file, module)) == [module.split(".")[0]]
