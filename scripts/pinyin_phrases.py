"""Write resources/codes/pinyin_phrases.json: the words pypinyin reads otherwise than
character by character (重庆 chong qing is kept; 花园 hua yuan, read as its characters, is not).

pypinyin's own phrase dictionary holds ~47,000 words and costs ~43 MB of memory once loaded,
a fifth of a 100,000-row import's budget (bench/xlsx_import.py); a sort key (app/rules/pinyin.py)
needs only the words whose toneless reading differs from their characters' first readings.
Run again after upgrading pypinyin (`--check`: exit 1 if the file is not what it would write;
tests/app/rules/test_pinyin.py runs it):

    .venv/bin/python scripts/pinyin_phrases.py [--check]
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "resources" / "codes" / "pinyin_phrases.json"


def phrases() -> str:
    """The file's text: each word pypinyin reads otherwise than by its characters' first
    readings, with its toneless syllables."""
    os.environ["PYPINYIN_NO_DICT_COPY"] = "1"
    from pypinyin import Style
    from pypinyin.constants import PHRASES_DICT, PINYIN_DICT
    from pypinyin.style import convert

    def plain(syllable: str) -> str:
        return convert(syllable, Style.NORMAL, strict=True)

    kept: dict[str, str] = {}
    for word, readings in sorted(PHRASES_DICT.items()):
        spoken = [plain(r[0]) for r in readings]
        alone = [plain(PINYIN_DICT.get(ord(c), "").split(",")[0]) for c in word]
        if len(word) != len(readings) or spoken != alone:
            kept[word] = " ".join(spoken)
    return json.dumps(kept, ensure_ascii=False, indent=0, sort_keys=True) + "\n"


def main() -> None:
    text = phrases()
    if "--check" in sys.argv:
        if OUT.read_text(encoding="utf-8") != text:
            sys.exit(f"{OUT.name} is out of date: run scripts/pinyin_phrases.py")
        return
    OUT.write_text(text, encoding="utf-8")
    print(f"{text.count(chr(10)) - 2} words -> {OUT}")


if __name__ == "__main__":
    main()
