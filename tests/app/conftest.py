"""The small demo city of tests/app/packages, for the services and commands that read what
packages left (conflicts, pending rows, packages sent and received)."""

from tests.app.packages.conftest import city, city_template  # noqa: F401 (fixtures)
