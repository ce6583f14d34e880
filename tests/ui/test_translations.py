"""The zh_CN translation is complete and its compiled .qm matches the .ts."""

from __future__ import annotations

import importlib.util
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
spec = importlib.util.spec_from_file_location("i18n_script", ROOT / "scripts" / "i18n.py")
assert spec and spec.loader
i18n = importlib.util.module_from_spec(spec)
spec.loader.exec_module(i18n)


def test_every_string_in_the_source_is_translated(tmp_path: Path) -> None:
    ts = tmp_path / "check.ts"
    shutil.copy(i18n.TS, ts)
    i18n.update(ts)  # lupdate adds any new source string as unfinished
    unfinished = [
        m.findtext("source")
        for m in ET.parse(ts).getroot().iter("message")
        if m.find("translation").get("type") in ("unfinished", "vanished", "obsolete")
        or not "".join(m.find("translation").itertext()).strip()
    ]
    assert unfinished == []


def test_the_compiled_qm_is_up_to_date(tmp_path: Path) -> None:
    qm = tmp_path / "check.qm"
    i18n.release(i18n.TS, qm)
    assert qm.read_bytes() == i18n.QM.read_bytes()
