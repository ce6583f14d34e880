"""Money and area as integers (分, 0.01 m²): thresholds and sums never meet a float."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation


def hundredths(value: Decimal | str | float | int) -> int:
    """'1200.5' m² -> 120050 dm²; '0.85' 元 -> 85 分. Raises ValueError on non-numbers."""
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation as exc:
        raise ValueError(f"不是数字：{value}") from exc
    if not number.is_finite():
        raise ValueError(f"不是数字：{value}")
    return int((number * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def hundredths_text(value: int | None) -> str:
    """120050 -> '1200.50'; None -> ''."""
    if value is None:
        return ""
    sign = "-" if value < 0 else ""
    whole, part = divmod(abs(value), 100)
    return f"{sign}{whole}.{part:02d}"
