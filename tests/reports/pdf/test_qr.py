"""QR symbols (reports/pdf/qr.py): any text is encoded, in a mode that holds it.

No QR decoder is installed (no zbar, pyzbar or OpenCV), so the data a symbol carries is read
back from its bit stream by the small decoder below (QR's segment format: mode, count,
characters), independently of ReportLab's writers; that the stream is placed, masked and
error-corrected as ReportLab does is tests/reports/pdf/test_panel.py's property test.
"""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st
from reportlab.graphics.barcode.qrencoder import QRCode, QRErrorCorrectLevel

from reports.pdf import qr

ALPHANUMERIC = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:"
COUNT_BITS = {1: (10, 12, 14), 2: (9, 11, 13), 4: (8, 16, 16), 8: (8, 10, 12)}


def stream(text: str) -> tuple[str, int]:
    """The data bits of `text`'s symbol and its version."""
    code = QRCode(None, getattr(QRErrorCorrectLevel, qr.LEVEL))
    code.addData(qr._segment(text))
    number = code.calculate_version()
    return qr._data_bits(code, number, qr._version(number)), number


def decoded(bits: str, number: int) -> tuple[int, str]:
    """The mode and the text of a one-segment stream, as a scanner reads it."""
    mode = int(bits[:4], 2)
    width = COUNT_BITS[mode][0 if number < 10 else 1 if number < 27 else 2]
    count, at = int(bits[4 : 4 + width], 2), 4 + width

    def take(n: int) -> int:
        nonlocal at
        at += n
        return int(bits[at - n : at], 2)

    if mode == 1:
        text = "".join(
            f"{take(10 if count - k >= 3 else 7 if count - k == 2 else 4):0{min(3, count - k)}d}"
            for k in range(0, count, 3)
        )
    elif mode == 2:
        text = ""
        for k in range(0, count, 2):
            if count - k >= 2:
                pair = take(11)
                text += ALPHANUMERIC[pair // 45] + ALPHANUMERIC[pair % 45]
            else:
                text += ALPHANUMERIC[take(6)]
    elif mode == 4:
        text = bytes(take(8) for _ in range(count)).decode("utf-8")
    else:
        assert mode == 8
        chars = []
        for _ in range(count):
            value = take(13)
            word = (value // 0xC0) << 8 | value % 0xC0
            word += 0x8140 if word + 0x8140 <= 0x9FFC else 0xC140
            chars.append(word.to_bytes(2, "big").decode("shift-jis"))
        text = "".join(chars)
    assert set(bits[at : at + 4]) <= {"0"}  # the terminator (or the symbol is full)
    return mode, text


TEXTS = st.one_of(
    st.text(max_size=120),
    st.text(alphabet="0123456789AZ :\r\n", max_size=40),
    st.text(alphabet="公示栏相山花园０１\n", max_size=40),
)


@settings(max_examples=200, deadline=None)
@given(TEXTS)
@example("")
@example("\n")
@example("\r\n")
@example("12\n")
@example("WUYE-BOARD:6F1C:V3\n")
@example("公示栏\n")
@example("相山花园")
def test_every_text_is_encoded_and_reads_back(text: str) -> None:
    symbol = qr.qr_symbol(text)
    assert len(symbol.bits) == symbol.size**2
    bits, number = stream(text)
    assert symbol.size == number * 4 + 17
    assert decoded(bits, number)[1] == text


def test_a_text_ending_in_a_newline_falls_back_to_bytes() -> None:
    # ReportLab's regexes end in "$", which also matches before a final newline: "12\n" passed
    # as numeric and "A\n" as alphanumeric, and writing them failed.
    assert decoded(*stream("12\n"))[0] == 4
    assert decoded(*stream("WUYE-BOARD:6F1C:V3\n"))[0] == 4
    assert decoded(*stream("\n"))[0] == 4
    assert decoded(*stream("12"))[0] == 1
    assert decoded(*stream("WUYE-BOARD:6F1C:V3"))[0] == 2  # as the panels' texts are


def test_a_symbol_is_the_same_every_time() -> None:
    assert qr.qr_symbol("公示栏\n") == qr.qr_symbol("公示栏\n")
