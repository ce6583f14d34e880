"""Fill unfinished zh_CN translations from a small JSON of {context: {source: translation}}.

For a batch of new strings: `python scripts/ts_fill.py new.json`, then `scripts/i18n.py`.
Qt Linguist does the same by hand; this keeps a reviewed list in one diff.
"""

from __future__ import annotations

import json
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

TS = Path(__file__).resolve().parent.parent / "resources" / "i18n" / "wuyedesk_zh_CN.ts"


def fill(mapping: dict[str, dict[str, str]], ts: Path = TS) -> list[str]:
    tree = ET.parse(ts)
    missing = []
    for context in tree.getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            if translation is None or translation.get("type") != "unfinished":
                continue
            source = message.findtext("source") or ""
            text = mapping.get(name, {}).get(source) or mapping.get("*", {}).get(source)
            if text is None:
                missing.append(f"{name}: {source}")
                continue
            translation.text = text
            del translation.attrib["type"]
    tree.write(ts, encoding="utf-8", xml_declaration=True)
    return missing


if __name__ == "__main__":
    left = fill(json.loads(Path(sys.argv[1]).read_text(encoding="utf-8")))
    print("\n".join(left) if left else "all filled")
