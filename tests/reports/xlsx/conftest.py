"""The small demo city of tests/app/packages, for the package import report."""

from tests.app.packages.conftest import city, city_template  # noqa: F401 (fixtures)
