"""Fixed text of the report in Kazakh, Russian and English, and number formatting.

The strings, unit labels, finding templates and number rules of each language are data:
``report/i18n/<lang>.toml`` (sections ``[number]``, ``[text]``, ``[units]``, ``[findings]``).
Numbers follow each language's convention through one :class:`NumberFormat` per language:
English ``5,284.7``; Russian and Kazakh ``1 234,5`` with a no-break space (U+00A0) between
thousands and a decimal comma.
"""

from __future__ import annotations

import math
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources

__all__ = [
    "LANGS",
    "NBSP",
    "NumberFormat",
    "fmt_int",
    "fmt_number",
    "fmt_pct",
    "fmt_signed",
    "number_format",
    "t",
    "t_all",
    "template",
    "unit_label",
]

LANGS = ("kk", "ru", "en")
NBSP = "\u00a0"


@cache
def _catalogue(lang: str) -> dict:
    """The parsed ``i18n/<lang>.toml``."""
    if lang not in LANGS:
        raise ValueError(f"language must be one of {', '.join(LANGS)}, got {lang!r}")
    path = resources.files("aimaq.report").joinpath("i18n", f"{lang}.toml")
    with path.open("rb") as fh:
        return tomllib.load(fh)


@dataclass(frozen=True)
class NumberFormat:
    """How one language writes numbers: thousands separator, decimal mark, percent suffix.

    Examples
    --------
    >>> NumberFormat(thousands=",", decimal=".", percent="%").number(-1234.56, 1)
    '-1,234.6'
    """

    thousands: str
    decimal: str
    percent: str

    def number(self, x: float | None, digits: int = 1) -> str:
        """``x`` with thousands separators and ``digits`` decimals (``–`` for a gap)."""
        if x is None:
            return "–"
        try:
            xf = float(x)
        except (TypeError, ValueError):
            return str(x)
        if not math.isfinite(xf):
            return "–"
        s = f"{xf:,.{digits}f}"
        if s.startswith("-") and float(s.replace(",", "")) == 0:
            s = s[1:]
        return s.replace(",", "\0").replace(".", self.decimal).replace("\0", self.thousands)

    def pct(self, x: float | None, digits: int = 1) -> str:
        s = self.number(x, digits)
        return s if s == "–" else s + self.percent

    def signed(self, x: float | None, digits: int = 1) -> str:
        """Number with an explicit sign (``+1.2``, ``−0.4``)."""
        s = self.number(x, digits)
        if s == "–":
            return s
        if s.startswith("-"):
            return "−" + s[1:]
        return "+" + s if float(x) != 0 else s


@cache
def number_format(lang: str = "en") -> NumberFormat:
    """The :class:`NumberFormat` of ``lang`` (from its ``[number]`` table)."""
    return NumberFormat(**_catalogue(lang)["number"])


def fmt_number(x: float | None, lang: str = "en", digits: int = 1) -> str:
    """Format ``x`` with thousands separators and ``digits`` decimals in ``lang``.

    Examples
    --------
    >>> fmt_number(1234.5, "en")
    '1,234.5'
    >>> fmt_number(1234.5, "ru") == "1\\u00a0234,5"
    True
    """
    return number_format(lang).number(x, digits)


def fmt_int(x: float | int | None, lang: str = "en") -> str:
    """Whole number (counts, persons)."""
    return fmt_number(x, lang, 0)


def fmt_pct(x: float | None, lang: str = "en", digits: int = 1) -> str:
    """Percentage: ``12.3%`` (en), ``12,3 %`` (ru, kk)."""
    return number_format(lang).pct(x, digits)


def fmt_signed(x: float | None, lang: str = "en", digits: int = 1) -> str:
    """Number with an explicit sign (``+1.2``, ``−0.4``)."""
    return number_format(lang).signed(x, digits)


def t(key: str, lang: str = "en", **kw) -> str:
    """The fixed string ``key`` in ``lang`` (English when missing), formatted with ``kw``.

    An unknown key is returned as it is (formatted with ``kw``): labels such as ``CV`` pass.
    """
    s = _catalogue(lang)["text"].get(key) or _catalogue("en")["text"].get(key)
    if s is None:
        return key.format(**kw) if kw else key
    return s.format(**kw) if kw else s


def t_all(key: str, **kw) -> dict[str, str]:
    """``key`` in every language: ``{lang: text}`` (a finding's ``text`` figure)."""
    return {lg: t(key, lg, **kw) for lg in LANGS}


def template(fid: str, lang: str) -> str:
    """The statement template of finding ``fid`` in ``lang``."""
    return _catalogue(lang)["findings"].get(fid) or _catalogue("en")["findings"][fid]


def unit_label(label: str, lang: str) -> str:
    """A unit the catalogue labels only in English, in ``lang`` (unchanged when not listed)."""
    return _catalogue(lang).get("units", {}).get(label, label)
