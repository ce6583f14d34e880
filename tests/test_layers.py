"""The core never loads Qt, and reports never load the window: checked in a fresh interpreter."""

from __future__ import annotations

import json
import subprocess
import sys

PROBE = """
import importlib, json, pkgutil, sys
import app, reports
names = []
for package in (app, reports):
    for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
        if ".migrations." in info.name:
            continue
        importlib.import_module(info.name)
        names.append(info.name)
loaded = sorted(m for m in sys.modules if m.split(".")[0] in ("PySide6", "ui", "shiboken6"))
print(json.dumps({"imported": names, "loaded": loaded}))
"""


def test_app_and_reports_import_without_qt_or_ui() -> None:
    result = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert "app.cli" in report["imported"]
    assert report["loaded"] == []
