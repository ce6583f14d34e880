"""Names sort by pinyin, as a Chinese reader looks them up, not by code point.

By code point 丽水嘉园 comes before 华家园 and 和平新村 (U+4E3D < U+534E < U+548C); a worker
looking for 和平 under H finds it among the L's. The key is the name's pinyin, syllables
separated by spaces (so “hua yuan” sorts before “huang”), then the name itself so homophones
keep one order. pypinyin reads a word's characters together (长安 chang an, 重庆 chong qing).

The key is stored next to the name where the name is written (Estate.name_key), so a sorted
page of 100,000 estates is an index walk; pypinyin is imported on the first name written.

pypinyin's phrase dictionary (~47,000 words, ~43 MB once loaded) is left out: only the words
it reads otherwise than character by character are loaded, from
resources/codes/pinyin_phrases.json (scripts/pinyin_phrases.py writes it), ~3,400 words.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from functools import cache, lru_cache

from app.paths import resource

_DIGITS = re.compile(r"\d+")  # numbers compare by value: 2号楼 before 10号楼
SEPARATOR = "\x1f"  # below every printable character: “hua yuan” + name sorts before “hua yuan1”


_RUNS = re.compile(r"\d+|\D+")  # digits apart: 3号楼 and 5号楼 read their words once


@lru_cache(maxsize=4096)
def pinyin_key(name: str) -> str:
    """“和平新村” → “he ping xin cun\\x1f和平新村”; letters lower-cased, numbers zero-padded."""
    text = name.strip()
    spoken = " ".join(s for run in _RUNS.findall(text) for s in _syllables(run))
    return _DIGITS.sub(lambda m: m.group().zfill(10), spoken) + SEPARATOR + text


@lru_cache(maxsize=16384)
def _syllables(run: str) -> tuple[str, ...]:
    """A run of digits as it is; words through pypinyin, cached: an import of 100,000
    estates repeats its words (花园, 小区) far more than its names."""
    if run.isdigit():
        return (run,)
    syllables = _reader()(run)
    return tuple(s.strip().lower() for s in syllables if s.strip())


@cache
def _reader() -> Callable[[str], list[str]]:
    """pypinyin without its phrase dictionary, then given ours: the words whose reading
    differs from their characters'. The environment switches are read once, at pypinyin's
    import, and are put back as they were."""
    saved = {k: os.environ.get(k) for k in ("PYPINYIN_NO_PHRASES", "PYPINYIN_NO_DICT_COPY")}
    os.environ.update(dict.fromkeys(saved, "1"))
    try:
        from pypinyin import Style, lazy_pinyin, load_phrases_dict
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    words = json.loads(resource("codes", "pinyin_phrases.json").read_text(encoding="utf-8"))
    load_phrases_dict({word: [[s] for s in spoken.split()] for word, spoken in words.items()})
    return lambda run: lazy_pinyin(run, style=Style.NORMAL, errors="default")
