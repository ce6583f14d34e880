"""The small demo city of tests/app/packages, for the 数据同步 page."""

from tests.app.packages.conftest import city, city_template  # noqa: F401 (fixtures)
