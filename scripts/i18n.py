"""Refresh the zh_CN translation: extract strings from ui/ (lupdate), compile the .qm (lrelease).

Run after changing any user-visible string: `python scripts/i18n.py`, then translate the
entries lupdate marks unfinished (Qt Linguist, or by editing the .ts), and run it again.
tests/ui/test_translations.py fails while any string is unfinished or the .qm is stale.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TS = ROOT / "resources" / "i18n" / "wuyedesk_zh_CN.ts"
QM = TS.with_suffix(".qm")


def tool(name: str) -> str:
    found = shutil.which(name) or str(Path(sys.executable).with_name(name))
    return found


def sources() -> list[str]:
    return sorted(str(p.relative_to(ROOT)) for p in (ROOT / "ui").rglob("*.py"))


def update(ts: Path = TS) -> None:
    subprocess.run(
        [tool("pyside6-lupdate"), "-no-obsolete", "-locations", "none", *sources(), "-ts", str(ts)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )


def release(ts: Path = TS, qm: Path = QM) -> None:
    subprocess.run(
        [tool("pyside6-lrelease"), str(ts), "-qm", str(qm)], check=True, capture_output=True
    )


if __name__ == "__main__":
    update()
    release()
    print(f"updated {TS.relative_to(ROOT)} and {QM.relative_to(ROOT)}")
