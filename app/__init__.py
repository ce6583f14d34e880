"""WuyeDesk core: data, rules and services, with no Qt so every feature runs headless.

`__version__` is looked up on first use: `importlib.metadata` costs tens of milliseconds, and
the window's first paint does not need it.
"""

from __future__ import annotations

from functools import cache
from typing import Any


@cache
def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("wuyedesk")
    except PackageNotFoundError:  # running from a source tree that was never installed
        return "0.0.0+source"


def __getattr__(name: str) -> Any:
    if name == "__version__":
        return _version()
    raise AttributeError(f"module 'app' has no attribute {name!r}")
