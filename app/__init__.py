"""WuyeDesk core: data, rules and services, with no Qt so every feature runs headless."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("wuyedesk")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+source"
