"""Citable sources: the short label for the main text and the full citation for the appendix.

The sources are data (``aimaq/data/sources.toml``), keyed by the exact ``source`` string the
bundled figures carry. A label names the publisher, the table or publication, its code and its
date (``BNS, «Валовой региональный продукт за 2022 год», publication 5002``); a citation adds the
publisher's full name and the intermediate copy aimaq read (``…; read from github:… @ commit :
path``). Figures quoted by the press say so (``BNS as quoted by Kazinform, 2025-09-13``).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources

__all__ = ["Source", "UnknownSourceError", "citation", "label", "lookup", "sources"]

_WORDS = {
    "en": {"via": "as quoted by", "read": "read from", "also": "also"},
    "ru": {"via": "по сообщению", "read": "копия", "also": "также"},
    "kk": {"via": "хабарлауы бойынша:", "read": "көшірмесі", "also": "сондай-ақ"},
}


class UnknownSourceError(KeyError):
    """A ``source`` string that ``sources.toml`` does not hold."""

    def __str__(self) -> str:
        return self.args[0]


@dataclass(frozen=True)
class Source:
    """One citable source.

    Attributes
    ----------
    key : str
        The ``source`` string of the figures.
    publisher : dict
        ``{"short": {lang: text}, "full": {lang: text}}``.
    title : str
        The table or publication (printed title when ``printed``, else a description).
    printed : bool
        Whether ``title`` is the title as printed.
    code : str or None
        The publisher's identifier, ``"<scheme> <id>"`` (e.g. ``"taldau 704447"``).
    date : str or None
        Issue date or period covered, where known.
    via : str or None
        Outlet (and date) that quoted the figures, for press figures.
    copy : str
        The intermediate copy aimaq read.
    copy_note : dict
        Language → what to know about the copy (empty when nothing).
    local : str or None
        The same file under ``../shared``, where aimaq's tests read it.
    """

    key: str
    publisher: dict
    title: str
    printed: bool
    code: str | None
    date: str | None
    via: str | None
    copy: str
    copy_note: dict
    local: str | None
    _schemes: dict

    def _code(self, lang: str) -> str | None:
        if not self.code:
            return None
        scheme, _, ident = self.code.partition(" ")
        return f"{self._schemes.get(scheme, {}).get(lang, scheme)} {ident}".strip()

    def label(self, lang: str = "en") -> str:
        """Main-text label: publisher, title, code, date (and the outlet for press figures)."""
        pub = self.publisher["short"][lang]
        if self.via:
            pub = f"{pub} {_WORDS[lang]['via']} {self.via}"
        parts = [pub, f"«{self.title}»", self._code(lang), self.date]
        return ", ".join(p for p in parts if p)

    def citation(self, lang: str = "en") -> str:
        """Appendix citation: the publisher's full name, the label's parts, then the copy read."""
        pub = self.publisher["full"][lang]
        parts = [pub, f"«{self.title}»", self._code(lang), self.date]
        head = ", ".join(p for p in parts if p)
        if self.via:
            head += f"; {_WORDS[lang]['via']} {self.via}"
        copy = self.copy
        if self.copy_note.get(lang):
            copy += f" ({self.copy_note[lang]})"
        if self.local:
            copy += f"; {_WORDS[lang]['also']} {self.local}"
        return f"{head}; {_WORDS[lang]['read']}: {copy}"


@cache
def sources() -> dict[str, Source]:
    """Every source of ``sources.toml``, key → :class:`Source`, in file order."""
    text = resources.files("aimaq").joinpath("data", "sources.toml").read_text("utf-8")
    data = tomllib.loads(text)
    pubs, schemes = data.get("publishers", {}), data.get("code_schemes", {})
    out = {}
    for i, d in enumerate(data.get("source", []), start=1):
        missing = {"key", "publisher", "title", "copy"} - set(d)
        if missing:
            raise ValueError(f"sources.toml, source {i}: missing {', '.join(sorted(missing))}")
        if d["publisher"] not in pubs:
            raise ValueError(f"sources.toml, source {i}: unknown publisher {d['publisher']!r}")
        if d["key"] in out:
            raise ValueError(f"sources.toml, source {i}: key listed twice: {d['key']!r}")
        out[d["key"]] = Source(
            key=d["key"],
            publisher=pubs[d["publisher"]],
            title=d["title"],
            printed=bool(d.get("printed", False)),
            code=d.get("code"),
            date=d.get("date"),
            via=d.get("via"),
            copy=d["copy"],
            copy_note=dict(d.get("copy_note", {})),
            local=d.get("local"),
            _schemes=schemes,
        )
    return out


def lookup(key: str) -> Source:
    """The :class:`Source` of a ``source`` string.

    Raises
    ------
    UnknownSourceError
        The string is not in ``sources.toml`` (e.g. a user's own file): cite it as it stands.

    Examples
    --------
    >>> s = lookup("https://stat.gov.kz/industries/economy/national-accounts/publications/5002/")
    >>> s.label("en")
    'BNS, «Валовой региональный продукт за 2022 год», publication 5002'
    >>> s.label("ru")
    'БНС, «Валовой региональный продукт за 2022 год», публикация 5002'
    """
    try:
        return sources()[key]
    except KeyError:
        raise UnknownSourceError(
            f"source {key[:80]!r} is not in aimaq/data/sources.toml; add a [[source]] entry "
            "(publisher, title, code, date, copy) or cite the string as it stands"
        ) from None


def label(key: str, lang: str = "en") -> str:
    """Main-text label of ``key``; the string itself when ``sources.toml`` does not hold it."""
    try:
        return lookup(key).label(lang)
    except UnknownSourceError:
        return key


def citation(key: str, lang: str = "en") -> str:
    """Appendix citation of ``key``; the string itself when ``sources.toml`` does not hold it."""
    try:
        return lookup(key).citation(lang)
    except UnknownSourceError:
        return key
