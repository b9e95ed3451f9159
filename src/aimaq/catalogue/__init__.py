"""Indicator catalogue: definitions of every indicator aimaq stores or derives.

The definitions live in ``indicators.toml`` (data, not code): id, names in Kazakh, Russian and
English, unit and scale, whether the indicator is additive over regions, its direction, its
periodicity, the bureau's own code of the series where known (``bureau_code``, e.g.
``"taldau 704447"``) and, for derived indicators, the formula from components.
"""

from __future__ import annotations

import difflib
import tomllib
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

__all__ = ["Indicator", "UnknownIndicatorError", "get", "indicators"]

_SCALE_WORDS = {
    "en": {1.0: "", 1e3: "thousand ", 1e6: "million ", 1e9: "billion "},
    "ru": {1.0: "", 1e3: "тыс. ", 1e6: "млн ", 1e9: "млрд "},
    "kk": {1.0: "", 1e3: "мың ", 1e6: "млн ", 1e9: "млрд "},
}
_UNIT_WORDS = {
    "ru": {
        "KZT": "тенге",
        "persons": "человек",
        "USD": "долл. США",
        "KZT per month": "тенге в месяц",
    },
    "kk": {"KZT": "теңге", "persons": "адам", "USD": "АҚШ доллары", "KZT per month": "теңге/ай"},
}


class UnknownIndicatorError(KeyError):
    def __init__(self, name: str, candidates: list[str]):
        hint = f"; did you mean {', '.join(candidates)}?" if candidates else ""
        super().__init__(f"unknown indicator {name!r}{hint} (list them with `aimaq indicators`)")

    def __str__(self) -> str:
        return self.args[0]


@dataclass(frozen=True)
class Indicator:
    """One catalogue entry."""

    id: str
    name_en: str
    name_ru: str
    name_kk: str
    unit: str
    scale: float
    additive: bool
    direction: str
    periodicity: str
    group: str
    aliases: tuple[str, ...] = ()
    formula: str | None = None
    note: str | None = None
    numerator: str | None = None
    denominator: tuple[str, ...] = field(default_factory=tuple)
    factor: float = 1.0
    denominator_average: str | None = None
    bureau_code: str | None = None
    unit_text: str | None = None
    lower: float | None = None
    upper: float | None = None

    @property
    def derived(self) -> bool:
        return self.numerator is not None

    def name(self, lang: str = "en") -> str:
        return getattr(self, f"name_{lang}")

    def unit_label(self, lang: str = "en") -> str:
        """Human unit with its scale, e.g. "million KZT", "тыс. тенге"."""
        unit = _UNIT_WORDS.get(lang, {}).get(self.unit, self.unit)
        return f"{_SCALE_WORDS[lang].get(self.scale, f'×{self.scale:g} ')}{unit}"

    def plausible(self, value: float) -> bool:
        """Whether ``value`` lies within the indicator's plausibility bounds (inclusive)."""
        return (self.lower is None or value >= self.lower) and (
            self.upper is None or value <= self.upper
        )

    @property
    def stored_unit(self) -> str:
        """The unit string figures are stored with: ``unit_text`` when given, else the label."""
        return self.unit_text or self.unit_label()

    @property
    def components(self) -> tuple[str, ...]:
        """Indicators the formula needs (national references such as ``x@KZ`` included)."""
        if not self.derived:
            return ()
        return tuple(dict.fromkeys([self.numerator, *(d.split("@")[0] for d in self.denominator)]))


@cache
def _load() -> dict[str, Indicator]:
    with resources.files("aimaq.catalogue").joinpath("indicators.toml").open("rb") as fh:
        raw = tomllib.load(fh)["indicator"]
    out = {}
    for d in raw:
        d = dict(d)
        d["aliases"] = tuple(d.get("aliases", ()))
        d["denominator"] = tuple(d.get("denominator", ()))
        out[d["id"]] = Indicator(**d)
    return out


@cache
def _index() -> dict[str, str]:
    idx = {}
    for ind in _load().values():
        idx[ind.id] = ind.id
        for a in ind.aliases:
            idx[a] = ind.id
    return idx


def indicators() -> list[Indicator]:
    """All catalogue entries, in file order."""
    return list(_load().values())


def get(name: str) -> Indicator:
    """The indicator with id or alias ``name``."""
    try:
        return _load()[_index()[name]]
    except KeyError:
        raise UnknownIndicatorError(
            name, difflib.get_close_matches(name, list(_index()), n=3, cutoff=0.5)
        ) from None
