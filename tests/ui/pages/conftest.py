"""The small demo city of tests/app/packages, for the 数据同步 page."""

from tests.app.packages.conftest import (  # noqa: F401 (fixtures)
    city,
    city_template,
    known_city,
    known_template,
)
