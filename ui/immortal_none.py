"""PySide6 6.12.0 on Python 3.11: every call of a method that returns nothing (`setText`,
`setItem`, `setForeground`…) takes away one reference to `None` (shiboken hands `None` back
without adding a reference, as if it were immortal, which it is only from Python 3.12 on).
After a few thousand such calls more than Python itself holds, `None` is freed and the process
aborts with “Fatal Python error: none_dealloc”: the overview of a 100,000-estate database
(17,000 rows of committee terms) did, every time, and so would any long session.

`keep_none_alive` gives `None` the references that 3.12's immortality stands for: 2**40 of
them, more than any session can take away. Measured: each call lowers `sys.getrefcount(None)`
by exactly one (tests/ui/test_immortal_none.py).
"""

from __future__ import annotations

import ctypes
import sys

RESERVE = 1 << 40


def keep_none_alive() -> None:
    if sys.version_info >= (3, 12) or sys.getrefcount(None) > RESERVE // 2:
        return  # immortal already, or given its reserve by an earlier call
    # ob_refcnt is the first field of every object; the GIL is held, so this is atomic.
    ctypes.c_ssize_t.from_address(id(None)).value += RESERVE
