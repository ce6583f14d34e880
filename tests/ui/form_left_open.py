"""A window process with a form being edited, killed by tests/ui/test_drafts.py: it types a
certificate into a staff member's form, waits until the draft is on disk, says so, and waits
for its SIGKILL (no save, no Cancel)."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from app.db import open_database
from app.drafts import draft_path
from ui.app import make_application
from ui.forms.staff_form import StaffForm

TYPED = "物业管理师 WY2026000999"


def main(path: Path, uuid: str) -> None:
    app = make_application()  # with its translators, as the program starts
    db = open_database(path, actor="draft")
    form = StaffForm(db, uuid)
    form.show()
    form.certificate.setText(TYPED)
    draft = draft_path(path, form.draft_form(), uuid)
    deadline = time.monotonic() + 20
    while not draft.exists() and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.02)
    print("draft" if draft.exists() else "none", flush=True)
    time.sleep(120)


if __name__ == "__main__":
    main(Path(sys.argv[1]), sys.argv[2])
