"""Great-circle distance against closed-form arcs."""

from __future__ import annotations

import math

import pytest

from aimaq.geo.distance import great_circle_km


def test_great_circle_one_degree_of_latitude():
    # 1 degree along a meridian = 2*pi*R/360 with R = 6371.0088 km
    d = great_circle_km([0.0], [10.0], [1.0], [10.0])
    assert d[0, 0] == pytest.approx(2 * math.pi * 6371.0088 / 360, rel=1e-12)
    assert great_circle_km([0.0], [0.0], [1.0], [0.0], detour_factor=1.3)[0, 0] == pytest.approx(
        1.3 * 2 * math.pi * 6371.0088 / 360
    )
    # a quarter of the equator
    assert great_circle_km([0], [0], [0], [90])[0, 0] == pytest.approx(math.pi * 6371.0088 / 2)
