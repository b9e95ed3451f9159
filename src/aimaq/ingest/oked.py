"""OKED (КАТО/NACE-like) section names as the bureau writes them: letter, Russian, Kazakh, English.

:func:`classify` turns a header or row label of a table by kind of economic activity into a
section letter (A–U) or a group ("industry_construction", "services", "grp", ...); used by
:mod:`aimaq.ingest.activity`.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from aimaq import catalogue
from aimaq.ingest.grid import SUPERSCRIPTS

__all__ = ["SECTIONS", "SectionConflict", "classify"]

#: OKED sections the bureau publishes by region
SECTIONS = tuple("ABCDEFGHIJKLMNOPQRSTU")

# -- section names --------------------------------------------------------------------------------
_LOOKALIKE = {
    "А": "A",
    "В": "B",
    "С": "C",
    "Е": "E",
    "Н": "H",
    "К": "K",
    "М": "M",
    "О": "O",
    "Р": "P",
    "Т": "T",
}
_LETTER = r"([A-UАВСЕНКМОРТ])"
_SECTION_WORD = r"(?:раздел|секция|section|бөлім|окэд|эқжж|oked|nace)"
_ONLY_LETTER = re.compile(rf"\(?\s*(?:{_SECTION_WORD}\s*)?{_LETTER}\s*\)?\.?", re.I)
_PREFIX_LETTER = re.compile(
    rf"^(?:{_SECTION_WORD}\s*)?\(?{_LETTER}\)?(?:\s*[.:\-–—)]\s*|\s+)(?=\S)"
)
_SUFFIX_LETTER = re.compile(rf"\(\s*(?:{_SECTION_WORD}\s*)?{_LETTER}\s*\)\s*$")
_NOTE_MARK = re.compile(r"(\s*(\d{1,2}\)|\*+|\(\d{1,2}\)|[¹²³⁴⁵⁶⁷⁸⁹⁰]+))+\s*$")
_LEAD = re.compile(
    r"^\s*((в том числе|из них|из него|из нее|соның ішінде|оның ішінде|including|of which)"
    r"\s*[:,]?\s*|[-–—•·]\s*)+",
    re.I,
)

_KEYWORDS: dict[str, str] = {
    "A": r"сельск|сельхоз|с/х|с\.-х|ауыл,? орман|ауыл шаруашылы|agricultur|forestry|fishing"
    r"|лесное и рыбное",
    "B": r"горнодоб|тау-кен|mining|quarrying|разработк\w* карьер|карьерлерді",
    "C": r"обрабатыв|өңдеу|manufactur",
    "D": r"электр|electricity",
    "E": r"водоснабж|водоотвед|сумен жабд|кәріз|water supply|sewerage|отход|waste",
    "F": r"строит|құрылыс|construction",
    "G": r"торговл|сауда|(?<!\w)trade|ремонт автомоб|motor vehicles",
    "H": r"транспорт|(?<!\w)көлік|transport|складир|қоймала|storage",
    "I": r"проживан|питани|тұру|тамақтан|accommodation|food serv",
    "J": r"информац|(?<!\w)связ[ьи]|ақпарат|байланыс|information|communication",
    "K": r"финанс|страхов|қаржы|сақтандыру|financ|insurance",
    "L": r"недвиж|жылжымайтын|real estate",
    "M": r"профессиональн|научн|кәсіби|ғылыми|professional|scientific",
    "N": r"вспомогат|вспом\.|қосалқы|administrative and support",
    "O": r"государствен\w* управл|гос\.? ?управл|оборон|мемлекеттік басқару|қорғаныс"
    r"|public administration|defen[cs]e|социальн\w* обеспеч|әлеуметтік қамсыз",
    "P": r"образован|білім беру|education",
    "Q": r"здравоохр|социальн\w* услуг|денсаулық|health|social work",
    "R": r"искусств|развлеч|(?<!\w)отдых|(?<!\w)өнер(?!\w)|ойын|(?<!\w)arts|entertainment|recreation",
    "S": r"прочи\w* (вид\w* )?услуг|өзге де қызмет|other service",
    "T": r"домашн\w* хозяйств|үй шаруашылықтар|households",
    "U": r"экстерритор|extraterritorial|exterritorial",
}
_KEYWORD_RE = {k: re.compile(v) for k, v in _KEYWORDS.items()}
_T_U_NAMES = {
    "T": (
        "Деятельность домашних хозяйств, являющихся работодателями",
        "Жұмыс берушілер ретіндегі үй шаруашылықтарының қызметі",
        "Activities of households as employers",
    ),
    "U": (
        "Деятельность экстерриториальных организаций и органов",
        "Экстерриториялық ұйымдар мен органдардың қызметі",
        "Activities of extraterritorial organisations and bodies",
    ),
}

# whole-label groups, matched on the cleaned label (after letters, footnotes, «в том числе»)
_GROUPS: list[tuple[str, re.Pattern[str]]] = [
    (
        "industry_construction",
        re.compile(
            r"(промышленность и строительство|индустрия и строительство|industry and construction"
            r"|өнеркәсіп (және|пен) құрылыс)"
        ),
    ),
    ("industry", re.compile(r"(промышленность|индустрия|industry|өнеркәсіп)")),
    (
        "services",
        re.compile(
            r"(услуги|сфера услуг|производство услуг|services|service sector"
            r"|production of services|қызметтер|қызмет көрсету( саласы)?"
            r"|қызметтер өндірісі)"
        ),
    ),
    ("goods", re.compile(r"(производство товаров|production of goods|goods|тауарлар өндірісі)")),
    (
        "net_taxes",
        re.compile(
            r"(чистые налоги на продукты|налоги на продукты|net taxes on products"
            r"|өнімдерге таза салықтар)"
        ),
    ),
    ("fisim", re.compile(r".*(косвенно измеряем|fisim|жанама өлшенетін).*")),
    (
        "grp",
        re.compile(
            r"(валовой (региональный|внутренний) продукт|врп|ввп|grp|gdp"
            r"|gross (regional|domestic) product|жалпы өңірлік өнім|жалпы ішкі өнім"
            r"|жөө|жіө)( в текущих ценах| current prices)?"
        ),
    ),
    (
        "gva_total",
        re.compile(
            r"(валовая добавленная стоимость|вдс|gross value added|gva"
            r"|жалпы қосылған құн|жққ)( всего| total| барлығы)?"
        ),
    ),
    (
        "total",
        re.compile(
            r"(всего|итого|total|барлығы|занятое население([\s,\-–]+всего)?"
            r"|все(го)? занят\w*"
            r"|численность занятого населения|employed( population)?( total)?"
            r"|жұмыспен қамтылған халық( барлығы)?|жұмыспен қамтылғандар)"
        ),
    ),
]


class SectionConflict(ValueError):
    """A label naming two different sections."""


def _fold(s: str) -> str:
    s = unicodedata.normalize("NFKC", s).replace("\u00a0", " ").lower().replace("ё", "е")
    s = re.sub(r"[«»\"“”]", "", s)
    s = re.sub(r"\s*[,;]\s*", ", ", s)
    return re.sub(r"\s+", " ", s).strip(" .,:;")


@cache
def _catalogue_names() -> dict[str, str]:
    """Folded section name (ru, kk, en, from the catalogue) → letter."""
    out = {}
    for ind in catalogue.indicators():
        m = re.fullmatch(r"gva_([A-U])_mln_kzt", ind.id)
        if not m:
            continue
        for name in (ind.name_ru, ind.name_kk, ind.name_en):
            name = re.sub(r"^[^:]{1,6}:\s*", "", name)  # "ВДС: ", "ЖҚҚ: ", "GVA: "
            name = re.sub(r"\s*\([^()]*\b[A-U]\)\s*$", "", name)  # " (ОКЭД A)"
            out[_fold(name)] = m.group(1)
    for letter, names in _T_U_NAMES.items():
        for name in names:
            out[_fold(name)] = letter
    return out


def _clean(value: object) -> tuple[str, str | None]:
    """(label without footnote marks, «в том числе» and section letter; the letter or None)."""
    s = unicodedata.normalize("NFKC", str(value).translate(SUPERSCRIPTS)).replace("\u00a0", " ")
    s = _NOTE_MARK.sub("", s.strip())
    s = _LEAD.sub("", s).strip()
    letter = None
    m = _ONLY_LETTER.fullmatch(s)
    if m and (m.group(1).isupper()):
        return "", _LOOKALIKE.get(m.group(1), m.group(1))
    m = _PREFIX_LETTER.match(s)
    if m and m.group(1).isupper() and s[m.end() :][:1].isupper():
        letter, s = _LOOKALIKE.get(m.group(1), m.group(1)), s[m.end() :]
    m = _SUFFIX_LETTER.search(s)
    if m and m.group(1).isupper():
        other = _LOOKALIKE.get(m.group(1), m.group(1))
        if letter is not None and other != letter:
            raise SectionConflict(f"letters {letter} and {other}")
        letter, s = other, s[: m.start()]
    return _fold(_NOTE_MARK.sub("", s)), letter


def classify(value: object) -> str | None:
    """What a header cell or row label names: a section letter ``"A"``..``"U"``, a group
    (``"industry"``, ``"industry_construction"``, ``"services"``, ``"goods"``, ``"total"``,
    ``"gva_total"``, ``"grp"``, ``"net_taxes"``, ``"fisim"``) or ``None``.

    Raises
    ------
    SectionConflict
        The label names two different sections (by letter and name, or by two names).
    """
    if value is None or isinstance(value, bool | int | float):
        return None
    text, letter = _clean(value)
    if not text:
        return letter
    by_name = _catalogue_names().get(text)
    if by_name is None:
        for role, pat in _GROUPS:
            if pat.fullmatch(text):
                by_name = role
                break
    if by_name is None:
        hits = [k for k, pat in _KEYWORD_RE.items() if pat.search(text)]
        if len(hits) > 1:
            raise SectionConflict(f"names sections {', '.join(hits)}")
        by_name = hits[0] if hits else None
    if letter is not None and by_name is not None and by_name != letter:
        raise SectionConflict(
            f"letter {letter} but the name of "
            f"{'section ' + by_name if len(by_name) == 1 else by_name}"
        )
    return by_name or letter
