"""Write every finished zh_CN translation of a .ts file as JSON {context: {source: text}}.

For merging two branches that both added strings: dump each side's .ts, take either file,
run scripts/i18n.py (lupdate marks the other side's strings unfinished), then fill them back
with `scripts/ts_fill.py` from the dumps. `python scripts/ts_dump.py FILE.ts > out.json`
"""

from __future__ import annotations

import json
import sys
import xml.etree.ElementTree as ET


def dump(path: str) -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {}
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            if translation is None or translation.get("type") in ("unfinished", "obsolete"):
                continue
            if translation.text:
                out.setdefault(name, {})[message.findtext("source") or ""] = translation.text
    return out


if __name__ == "__main__":
    json.dump(dump(sys.argv[1]), sys.stdout, ensure_ascii=False, indent=1)
