"""QR codes for the disclosure panels: ReportLab's symbol, computed a hundred times faster.

    symbol = qr_symbol("WUYE-BOARD:…:V3")   # QrSymbol(size=29, bits="1111111010…")

The symbol is module for module what ReportLab's `QrCodeWidget(text, barLevel="M").qr` makes
(a property test compares them), so a scanner reads the same code as before. Its encoder is
too slow for a batch of panels: it builds and scores the whole symbol once per mask, computes
the Reed–Solomon remainder with polynomial objects and writes the data bit by bit through
Python objects (15 ms a code). `segno` was measured too: 6.9 ms a code against this module's
0.3 ms on the same texts, so it is not used.

Here everything that depends only on the QR version is computed once per version (the
function patterns, where each data bit goes, each mask's pattern, the format information);
a code is then its data bits (ReportLab's own segment writers, into a string of bits), the
error correction by one table lookup and XOR per codeword, the bits placed in one C-level
gather, and the eight masks scored by ReportLab's rules as bit operations on the symbol as one
binary number. Module (r, c) of an n × n symbol is bit n² − 1 − (r·n + c) of that number: read
row by row, it is the string of "0" and "1" in `QrSymbol.bits`.
"""

from __future__ import annotations

import itertools
import operator
from dataclasses import dataclass

LEVEL = "M"
_FINDER = "10111010000"  # rule 3's pattern; it cannot overlap itself, so matches just count


@dataclass(frozen=True)
class QrSymbol:
    size: int  # modules a side
    bits: str  # size² characters "0"/"1", row by row from the top left; "1" is dark

    def rows(self) -> list[str]:
        n = self.size
        return [self.bits[k : k + n] for k in range(0, n * n, n)]


@dataclass(frozen=True)
class _Version:
    """What every symbol of one QR version shares."""

    size: int
    blocks: list[tuple[int, int]]  # (data, total) codewords of each Reed–Solomon block
    capacity: int  # data bits
    gather: operator.itemgetter  # module index → index into data bits + "0"
    function: int  # finder, timing and alignment patterns; format information left blank
    masks: list[int]  # each mask's pattern over the data modules
    formats: list[int]  # each mask's format (and version) information, dark module included
    row_ends: int  # where the scoring rules' patterns may end, see _score
    col_ends: int
    finders: int
    corners: int


_versions: dict[int, _Version] = {}
_remainders: dict[int, list[int]] = {}  # error correction codewords → remainder per factor


def qr_symbol(text: str) -> QrSymbol:
    """`text`'s QR code at error correction M, as `QrCodeWidget(text).qr.make()` makes it."""
    from reportlab.graphics.barcode.qrencoder import QRCode, QRErrorCorrectLevel

    code = QRCode(None, getattr(QRErrorCorrectLevel, LEVEL))
    code.addData(_segment(text))
    number = code.calculate_version()
    version = _version(number)
    data = _data_bits(code, number, version)
    words = [int(data[k : k + 8], 2) for k in range(0, len(data), 8)]
    bits = "".join(f"{word:08b}" for word in _interleaved(words, version)) + "0"
    placed = int("".join(version.gather(bits)), 2)
    n = version.size
    scores = [_score(version.function | placed ^ mask, version) for mask in version.masks]
    best = scores.index(min(scores))  # the first best, as ReportLab picks
    symbol = version.function | version.formats[best] | placed ^ version.masks[best]
    return QrSymbol(n, format(symbol, f"0{n * n}b"))


def qr_modules(text: str) -> list[list[bool]]:
    """The symbol as rows of booleans, the shape of ReportLab's `QRCode.modules`."""
    return [[ch == "1" for ch in row] for row in qr_symbol(text).rows()]


def _segment(text: str):  # type: ignore[no-untyped-def]
    """The one segment `text` is written in: ReportLab's choice (numeric, alphanumeric, kanji,
    else 8-bit bytes), except that a mode is taken only when it holds every character.

    ReportLab tests numeric and alphanumeric with a regex ending in `$`, which also matches
    before a final newline: "\n" or "12\n" is taken as numeric or alphanumeric, and writing
    it then fails. Here such a text falls back to bytes (UTF-8), which hold any text; every
    text ReportLab can encode gets the same segment, so the same symbol."""
    from reportlab.graphics.barcode.qrencoder import QR8bitByte, QRAlphaNum, QRKanji, QRNumber

    for mode in (QRNumber, QRAlphaNum):
        if all(ch in mode.chars for ch in text):
            return mode(text)
    try:
        return QRKanji(text)  # its own check is exact: a character not in Shift-JIS kanji fails
    except ValueError:
        return QR8bitByte(text)


class _BitString:
    """The part of ReportLab's `QRBitBuffer` its segment writers use, as a string of bits."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0

    def put(self, num: int, length: int) -> None:
        self.parts.append(format(num, f"0{length}b"))
        self.length += length

    def putBit(self, bit: bool) -> None:  # ReportLab's name
        self.put(1 if bit else 0, 1)

    def getLengthInBits(self) -> int:  # ReportLab's name
        return self.length


def _data_bits(code, number: int, version: _Version) -> str:  # type: ignore[no-untyped-def]
    """`QRCode.createData`'s data codewords as bits: segments, terminator, padding."""
    buffer = _BitString()
    for segment in code.dataList:
        segment.write(buffer, number)
    bits = "".join(buffer.parts)
    if len(bits) > version.capacity:  # as ReportLab: longer than QR's largest symbol holds
        raise ValueError(f"QR code length overflow ({len(bits)} > {version.capacity})")
    if len(bits) + 4 <= version.capacity:
        bits += "0000"
    bits += "0" * (-len(bits) % 8)
    pads = itertools.cycle(("11101100", "00010001"))  # 0xEC, 0x11
    missing = (version.capacity - len(bits)) // 8
    return bits + "".join(next(pads) for _ in range(missing))


def _interleaved(words: list[int], version: _Version) -> list[int]:
    """The data codewords and their error correction, interleaved block by block."""
    data_blocks, ec_blocks, offset = [], [], 0
    for data_count, total in version.blocks:
        data = words[offset : offset + data_count]
        offset += data_count
        data_blocks.append(data)
        ec_blocks.append(_remainder(data, total - data_count))
    return [
        word
        for group in itertools.chain(
            itertools.zip_longest(*data_blocks), itertools.zip_longest(*ec_blocks)
        )
        for word in group
        if word is not None
    ]


def _remainder(data: list[int], count: int) -> list[int]:
    """Reed–Solomon error correction codewords of `data` (GF(256), ReportLab's tables): the
    remainder kept as one `count`-byte number, and the generator times each factor looked up."""
    table = _remainders.get(count)
    if table is None:
        from reportlab.graphics.barcode.qrencoder import EXP_TABLE, LOG_TABLE, QRUtil

        poly = QRUtil.getErrorCorrectPolynomial(count)
        logs = [LOG_TABLE[poly.get(i)] for i in range(1, count + 1)]  # never 0: a generator
        table = [0] * 256
        for factor in range(1, 256):
            shift = LOG_TABLE[factor]
            value = 0
            for log in logs:
                value = value << 8 | EXP_TABLE[(log + shift) % 255]
            table[factor] = value
        _remainders[count] = table
    top, keep = 8 * (count - 1), (1 << 8 * (count - 1)) - 1
    rest = 0
    for word in data:
        rest = (rest & keep) << 8 ^ table[word ^ rest >> top]
    return list(rest.to_bytes(count, "big"))


def _version(number: int) -> _Version:
    cached = _versions.get(number)
    if cached is not None:
        return cached
    from reportlab.graphics.barcode.qrencoder import (
        QRCode,
        QRErrorCorrectLevel,
        QRRSBlock,
        QRUtil,
    )

    level = getattr(QRErrorCorrectLevel, LEVEL)
    blocks = [(b.dataCount, b.totalCount) for b in QRRSBlock.getRSBlocks(number, level)]
    n = number * 4 + 17

    def as_number(modules: list[list[bool]]) -> int:
        return int("".join("1" if m else "0" for row in modules for m in row), 2)

    code = QRCode(number, level)
    code.moduleCount = n
    code.modules = [[False] * n for _ in range(n)]
    code.setupPositionProbePattern(0, 0)
    code.setupPositionProbePattern(n - 7, 0)
    code.setupPositionProbePattern(0, n - 7)
    code.setupPositionAdjustPattern()
    code.setupTimingPattern()
    function = as_number(code.modules)
    positions = code.dataPosIterator()  # (col, row) of every data module, in bit order
    source = {row * n + col: k for k, (col, row) in enumerate(positions)}
    capacity = sum(data for data, _ in blocks) * 8
    total_bits = sum(total for _, total in blocks) * 8
    blank = total_bits  # the "0" appended to the bits: remainder modules and non-data ones
    gather = operator.itemgetter(
        *(source[k] if source.get(k, blank) < total_bits else blank for k in range(n * n))
    )
    masks, formats = [], []
    for mask in range(8):
        rule = QRUtil.getMask(mask)
        masks.append(sum(1 << (n * n - 1 - (r * n + c)) for c, r in positions if rule(r, c)))
        code.modules = [[False] * n for _ in range(n)]
        code.setupTypeInfo(False, mask)
        if number >= 7:
            code.setupTypeNumber(False)
        formats.append(as_number(code.modules))

    def where(test) -> int:  # type: ignore[no-untyped-def]
        return sum(1 << (n * n - 1 - (r * n + c)) for r in range(n) for c in range(n) if test(r, c))

    version = _Version(
        size=n, blocks=blocks, capacity=capacity, gather=gather, function=function,
        masks=masks, formats=formats,
        row_ends=where(lambda r, c: c >= 4),
        col_ends=where(lambda r, c: r >= 4),
        finders=where(lambda r, c: 10 <= c <= n - 2),
        corners=where(lambda r, c: r >= 1 and c >= 1),
    )  # fmt: skip
    _versions[number] = version
    return version


def _score(symbol: int, version: _Version) -> int:
    """ReportLab's `QRUtil.getLostPoint` of the symbol (format information blank).

    Rule 1: a run of five or more like modules, in a row or a column, costs its length − 2:
    a run of L has L − 4 windows of five like modules, and one window that starts it.
    Rule 2: 3 for each 2 × 2 block of one colour. Rule 3: 40 for each 1:1:3:1:1 finder-like
    pattern followed by four light modules, in rows only and not ending a row (ReportLab
    compares a column's tuple with a list, which never matches, and its scan stops one short).
    Rule 4: 10 for each full 5 % the dark share is off 50 %.
    Each is counted at the position of a pattern's last module: `symbol >> k` there is the
    module k to the left, `symbol >> k·n` the one k rows up.
    """
    n = version.size
    left_same = ~(symbol ^ symbol >> 1)
    up_same = ~(symbol ^ symbol >> n)
    row_windows = left_same & left_same >> 1 & left_same >> 2 & left_same >> 3
    row_windows &= version.row_ends
    col_windows = up_same & up_same >> n & up_same >> 2 * n & up_same >> 3 * n
    col_windows &= version.col_ends
    starts = (row_windows & ~(row_windows >> 1)).bit_count()
    starts += (col_windows & ~(col_windows >> n)).bit_count()
    lost = row_windows.bit_count() + col_windows.bit_count() + 2 * starts
    lost += 3 * (left_same & left_same >> n & up_same & version.corners).bit_count()
    found = version.finders
    for k, ch in enumerate(reversed(_FINDER)):
        found &= symbol >> k if ch == "1" else ~(symbol >> k)
    lost += 40 * found.bit_count()
    return lost + 10 * (abs(100 * symbol.bit_count() // (n * n) - 50) // 5)
