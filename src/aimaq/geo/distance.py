"""Great-circle distances on the mean Earth sphere (haversine).

One implementation for every module that measures distance between points given in degrees.
"""

from __future__ import annotations

import numpy as np

__all__ = ["EARTH_RADIUS_KM", "great_circle_km", "haversine_km"]

EARTH_RADIUS_KM = 6371.0088
"""Mean Earth radius (IUGG), km."""


def haversine_km(lat1, lon1, lat2, lon2) -> np.ndarray:
    """Great-circle distance in km between points 1 and points 2, element by element.

    .. math:: d = 2R \\arcsin\\sqrt{\\sin^2\\frac{\\Delta\\phi}2 + \\cos\\phi_1\\cos\\phi_2
              \\sin^2\\frac{\\Delta\\lambda}2}

    with :math:`R` = 6371.0088 km (IUGG mean radius). The arguments broadcast like numpy arrays.

    References
    ----------
    Sinnott, R. W. (1984). Virtues of the haversine. *Sky and Telescope* 68(2), 159.

    Examples
    --------
    >>> round(float(haversine_km(0, 0, 1, 0)), 3)
    111.195
    """
    p1, p2 = np.radians(lat1), np.radians(lat2)
    dphi = p2 - p1
    dlam = np.radians(lon2) - np.radians(lon1)
    a = np.sin(dphi / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dlam / 2) ** 2
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(a, 0.0, 1.0)))


def great_circle_km(lat1, lon1, lat2, lon2, detour_factor: float = 1.0) -> np.ndarray:
    """Distance matrix (km) between points 1 (rows) and points 2 (columns).

    Parameters
    ----------
    lat1, lon1 : array_like
        Degrees, shape ``(a,)``.
    lat2, lon2 : array_like
        Degrees, shape ``(b,)``.
    detour_factor : float
        Multiplier for road circuity (> 0; 1 = straight line).

    Returns
    -------
    numpy.ndarray
        ``(a, b)`` haversine distances times ``detour_factor``.

    Examples
    --------
    >>> great_circle_km([0, 1], [0, 0], [0], [0]).round(3).tolist()
    [[0.0], [111.195]]
    """
    if detour_factor <= 0:
        raise ValueError(f"detour_factor must be positive, got {detour_factor}")
    lat1 = np.asarray(lat1, float)[:, None]
    lon1 = np.asarray(lon1, float)[:, None]
    lat2 = np.asarray(lat2, float)[None, :]
    lon2 = np.asarray(lon2, float)[None, :]
    return haversine_km(lat1, lon1, lat2, lon2) * detour_factor
