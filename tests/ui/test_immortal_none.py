"""Void Qt methods cannot use up `None` (ui/immortal_none.py)."""

from __future__ import annotations

import subprocess
import sys

# In a fresh interpreter: 50,000 void calls, far more than None's own references on 3.11.
MANY_VOID_CALLS = """
import sys
from PySide6.QtWidgets import QApplication, QLabel
from ui.app import make_application
application = make_application(sys.argv[:1])
label = QLabel()
for _ in range(50_000):
    label.setText("小区")
print("alive")
"""


def test_many_void_calls_leave_none_alive() -> None:
    result = subprocess.run(
        [sys.executable, "-c", MANY_VOID_CALLS], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0 and result.stdout.strip() == "alive", result.stderr[-500:]


def test_the_reserve_is_given_once(qapp) -> None:  # type: ignore[no-untyped-def]
    from ui.immortal_none import RESERVE, keep_none_alive

    before = sys.getrefcount(None)
    keep_none_alive()
    assert sys.getrefcount(None) - before < RESERVE // 2
