"""Numbers as the statistics bureau prints them.

The bureau's tables hold figures either as spreadsheet numbers or as text with a space or a
no-break space between thousands and a comma before decimals ("332 720", "1 234,5"). A few
signs stand for a figure that is not given (the bureau's "Условные обозначения"):

====== ===============================================
sign   meaning
====== ===============================================
``-``  phenomenon absent (явление отсутствует)
``x``  confidential (данные конфиденциальны)
``...`` no data (данные отсутствуют)
====== ===============================================

:func:`parse_number` returns ``None`` for these gaps (never a filled-in value) and raises
:class:`NumberFormatError` on anything else that is not a number.
"""

from __future__ import annotations

import math
import re

__all__ = ["GAP_MARKERS", "NumberFormatError", "gap_reason", "parse_number"]

#: gap sign (after stripping) → what it means
GAP_MARKERS: dict[str, str] = {
    "-": "phenomenon absent ('-')",
    "–": "phenomenon absent ('-')",
    "—": "phenomenon absent ('-')",
    "x": "confidential ('x')",
    "х": "confidential ('x')",  # Cyrillic ha, as the bureau types it
    "...": "no data ('...')",
    "…": "no data ('...')",
    "..": "no data ('...')",
}

_SPACES = dict.fromkeys(map(ord, " \u00a0\u202f\u2009\u2007\t"), None)
_MINUS = str.maketrans({"\u2212": "-", "\u2013": "-", "\u2014": "-"})
# optional sign; digits with optional thousands groups; optional comma or point decimals
_GROUPED = re.compile(r"[+-]?\d{1,3}(?:[ \u00a0\u202f\u2009\u2007]\d{3})+(?:[.,]\d+)?")
_PLAIN = re.compile(r"[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)(?:[eE][+-]?\d+)?")


class NumberFormatError(ValueError):
    """Text where a number (or a gap sign) should be."""


def gap_reason(value: object) -> str | None:
    """Why ``value`` is a gap: the meaning of the gap sign, "empty", or ``None`` if not a gap."""
    if value is None:
        return "empty"
    if isinstance(value, float) and math.isnan(value):
        return "empty"
    if not isinstance(value, str):
        return None
    s = value.strip().lower()
    if s == "":
        return "empty"
    return GAP_MARKERS.get(s)


def parse_number(value: object) -> float | None:
    """The number in a bureau cell, or ``None`` for a gap.

    Parameters
    ----------
    value : str, int, float or None
        A cell value. Text may use spaces, no-break spaces or thin spaces between groups of
        three digits, a comma or a point before decimals, and a hyphen, en dash or minus sign
        for negatives.

    Returns
    -------
    float or None
        ``None`` for an empty cell and the gap signs of :data:`GAP_MARKERS`.

    Raises
    ------
    NumberFormatError
        Anything else: words, footnote marks, badly grouped digits ("3 32"), infinities.

    Examples
    --------
    >>> parse_number("332 720"), parse_number("1 234,5"), parse_number("-1,5"), parse_number("x")
    (332720.0, 1234.5, -1.5, None)
    """
    if isinstance(value, bool):
        raise NumberFormatError(f"{value!r} is not a number")
    if isinstance(value, int | float):
        v = float(value)
        if math.isnan(v):
            return None
        if math.isinf(v):
            raise NumberFormatError(f"{value!r} is not a finite number")
        return v
    if gap_reason(value) is not None:
        return None
    if not isinstance(value, str):
        raise NumberFormatError(f"{value!r} is not a number")
    s = value.strip().translate(_MINUS)
    if _GROUPED.fullmatch(s) or _PLAIN.fullmatch(s):
        v = float(s.translate(_SPACES).replace(",", "."))
        if math.isinf(v):
            raise NumberFormatError(f"{value!r} is not a finite number")
        return v
    raise NumberFormatError(f"{value!r} is not a number")
