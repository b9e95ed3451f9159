"""Resolve the spellings real sources use for regions to registry codes.

Handles Russian adjective forms, upper case, Kazakh, transliterations, old names, city
prefixes ("г.Астана"), footnote markers ("Туркестанская1)"), stray spaces and Cyrillic/Latin
look-alike letters. "Almaty"/"Алматы" without a kind word is ambiguous (city or oblast) and is
resolved only by the other names of the same source (:func:`resolve_many`) or an explicit
``prefer``; it is never guessed.
"""

from __future__ import annotations

import difflib
import re
import tomllib
import unicodedata
from collections.abc import Iterable
from functools import cache
from importlib import resources

from aimaq.geo import registry

__all__ = [
    "AmbiguousDistrictError",
    "AmbiguousRegionError",
    "UnknownDistrictError",
    "UnknownRegionError",
    "normalise",
    "resolve",
    "resolve_district",
    "resolve_many",
]


class UnknownRegionError(ValueError):
    """A name that matches no region; the message lists the closest candidates."""

    def __init__(self, name: str, candidates: list[str]):
        self.name = name
        self.candidates = candidates
        hint = f"; closest: {', '.join(candidates)}" if candidates else ""
        super().__init__(f"unknown region name {name!r}{hint}")


class AmbiguousRegionError(ValueError):
    """A name that fits several regions (e.g. "Almaty": city or oblast)."""

    def __init__(self, name: str, codes: list[str]):
        self.name = name
        self.codes = codes
        opts = ", ".join(f"{c} ({registry.name(c)})" for c in codes)
        super().__init__(
            f"ambiguous region name {name!r}: could be {opts}; "
            "add a kind word (city / oblast, г. / область) or pass prefer='city'|'oblast'"
        )


_LAT2CYR = str.maketrans("AaBCcEeHKkMOoPpTXxyYIi", "АаВСсЕеНКкМОоРрТХхуУІі")
_CYR2LAT = str.maketrans("АаВСсЕеНКкМОоРрТХхуУІі", "AaBCcEeHKkMOoPpTXxyYIi")
_CYR_FOLD = str.maketrans("ёіыйұүқғңөәһ", "еиииуукгноах")

_CITY = re.compile(
    r"(^|\s)(г|гор|город|city|c|k|қ|к|kalasy|qalasy|каласи)(\s|$)|\bcity of\b", re.UNICODE
)
_OBLAST = re.compile(
    r"(^|\s)(обл|область|облиси|oblast|oblysy|oblisi|oblysi|region|province|obl)(\s|$)"
)
_ADJ = re.compile(r"(ская|цкая|ская обл|skaya|skaia|skaja)$")
_FOOTNOTE = re.compile(r"(\s*[\d*]+\)?)+$|\s*\(\d+\)$|\s*\d+\)")


def _script_fix(s: str, script: str | None = None) -> str:
    """Replace look-alike letters of a name that mixes Cyrillic and Latin.

    ``script=None`` converts to the script of most letters; ``"cyr"`` / ``"lat"`` force one.
    """
    cyr = sum("\u0400" <= ch <= "\u04ff" for ch in s)
    lat = sum(ch.isascii() and ch.isalpha() for ch in s)
    if cyr and lat:
        if script is None:
            script = "cyr" if cyr >= lat else "lat"
        return s.translate(_LAT2CYR) if script == "cyr" else s.translate(_CYR2LAT)
    return s


def _fold_latin(s: str) -> str:
    s = "".join(ch for ch in unicodedata.normalize("NFKD", s) if not unicodedata.combining(ch))
    for a, b in (("dzh", "zh"), ("j", "zh"), ("gh", "g"), ("q", "k"), ("kh", "h"), ("y", "i")):
        s = s.replace(a, b)
    return s


def normalise(name: str, script: str | None = None) -> tuple[str, str | None]:
    """Fold ``name`` to a matching key and detect its kind word.

    ``script`` forces the look-alike letters of a mixed-script name to ``"cyr"`` or ``"lat"``
    (default: the script of most of its letters).

    Returns
    -------
    (key, kind)
        ``kind`` is ``"city"``, ``"oblast"`` or ``None`` when the name carries no kind word.
    """
    s = unicodedata.normalize("NFKC", str(name)).replace("\u00a0", " ").strip()
    s = _FOOTNOTE.sub("", s)
    s = _script_fix(s, script).lower()
    s = s.translate(_CYR_FOLD)
    s = re.sub(r"[\"'«»“”()\[\],;:]", " ", s)
    s = re.sub(r"\.", ". ", s)
    s = s.replace("-", " ").replace("–", " ")
    s = s.replace(".", " ")
    s = re.sub(r"\s+", " ", s).strip()
    kind = None
    if _CITY.search(s):
        kind = "city"
    elif _OBLAST.search(s) or _ADJ.search(s):
        kind = "oblast"
    s = _CITY.sub(" ", s)
    s = _CITY.sub(" ", s)
    s = _OBLAST.sub(" ", s)
    s = _OBLAST.sub(" ", s)
    s = re.sub(r"^the\s+", "", s)
    s = _fold_latin(re.sub(r"\s+", " ", s).strip())
    return s, kind


@cache
def _aliases() -> dict[str, frozenset[str]]:
    with resources.files("aimaq.geo").joinpath("aliases.toml").open("rb") as fh:
        data = tomllib.load(fh)
    table: dict[str, set[str]] = {}
    for code, names in data.items():
        unit = registry.get(code)
        own = [unit.name_en, unit.name_ru, unit.name_kk]
        if unit.valid_to is None:
            own.append(unit.short)  # letter codes used by data repositories (AKM, VKO, ...)
        for n in [*names, *own]:
            key, _ = normalise(n)
            if key:
                table.setdefault(key, set()).add(code)
    return {k: frozenset(v) for k, v in table.items()}


def _candidates(name: str, key: str) -> list[str]:
    keys = difflib.get_close_matches(key, list(_aliases()), n=3, cutoff=0.5)
    codes = []
    for k in keys:
        for c in sorted(_aliases()[k]):
            label = f"{c} ({registry.name(c)})"
            if label not in codes:
                codes.append(label)
    return codes


def _lookup(name: str, suggest: bool = True) -> tuple[frozenset[str], str | None]:
    key, kind = normalise(name)
    codes = _aliases().get(key)
    for script in ("cyr", "lat"):  # a mixed name whose majority script is the wrong guess
        if codes:
            break
        k2, kind2 = normalise(name, script)
        if k2 != key and _aliases().get(k2):
            codes, kind = _aliases()[k2], kind2
    if not codes:
        raise UnknownRegionError(name, _candidates(name, key) if suggest else [])
    return codes, kind


def _pick(name: str, codes: frozenset[str], kind: str | None, prefer: str | None) -> str:
    if len(codes) == 1:
        return next(iter(codes))
    for want in (kind, prefer):
        if want:
            hit = [c for c in codes if registry.get(c).kind == want]
            if len(hit) == 1:
                return hit[0]
    raise AmbiguousRegionError(name, sorted(codes))


def resolve(name: str, prefer: str | None = None) -> str:
    """Code of the region called ``name``.

    Parameters
    ----------
    name : str
        A region name as printed in a source.
    prefer : {"city", "oblast"}, optional
        How to read a name that fits both a city and an oblast and carries no kind word.

    Raises
    ------
    UnknownRegionError
        No region has this name; the message lists the closest candidates.
    AmbiguousRegionError
        The name fits several regions and nothing says which.
    """
    codes, kind = _lookup(name)
    return _pick(name, codes, kind, prefer)


def resolve_many(
    names: Iterable[str], prefer: str | None = None, unknown: str = "raise"
) -> list[str | None]:
    """Resolve the region names of one source, using the whole list as context.

    A bare "Алматы" is the oblast when the same source also names the city with a kind word
    ("Алматы қаласы", "г.Алматы"), and the city when the source also names the oblast
    ("Алматинская", "Almaty Region").

    Parameters
    ----------
    names : iterable of str
    prefer : {"city", "oblast"}, optional
        Fallback for names the context does not settle.
    unknown : {"raise", "none"}
        Raise :class:`UnknownRegionError` on a name that matches nothing, or return ``None``
        for it (readers use this to skip district rows).
    """
    names = list(names)
    looked: list[tuple[frozenset[str], str | None] | None] = []
    for n in names:
        try:
            looked.append(_lookup(n, suggest=unknown == "raise"))
        except UnknownRegionError:
            if unknown == "raise":
                raise
            looked.append(None)
    # codes already claimed by unambiguous or kind-marked names
    claimed: set[str] = set()
    for item, n in zip(looked, names, strict=True):
        if item is None:
            continue
        codes, kind = item
        try:
            claimed.add(_pick(n, codes, kind, None))
        except AmbiguousRegionError:
            pass
    out: list[str | None] = []
    for item, n in zip(looked, names, strict=True):
        if item is None:
            out.append(None)
            continue
        codes, kind = item
        try:
            out.append(_pick(n, codes, kind, None))
            continue
        except AmbiguousRegionError:
            pass
        free = frozenset(c for c in codes if c not in claimed)
        out.append(_pick(n, free if free else codes, None, prefer))
    return out


# -- districts ------------------------------------------------------------------------------


class UnknownDistrictError(ValueError):
    """A district name that matches no unit of the given region; lists the closest names."""

    def __init__(self, name: str, region: str, candidates: list[str]):
        self.name, self.region, self.candidates = name, region, candidates
        hint = f"; closest in {region}: {', '.join(candidates)}" if candidates else ""
        super().__init__(
            f"unknown district name {name!r} in region {region}{hint} "
            "(add the spelling to aimaq/geo/district_aliases.toml if it is a real variant)"
        )


class AmbiguousDistrictError(ValueError):
    """A district name fitting several units of one region (e.g. a city and a district)."""

    def __init__(self, name: str, region: str, katos: list[str]):
        self.name, self.region, self.katos = name, region, katos
        super().__init__(
            f"ambiguous district name {name!r} in region {region}: could be {', '.join(katos)}; "
            "add a kind word (ауданы / район for a district, қ.ә. / г.а. / қаласы for a city)"
        )


# kind words of second-level units, matched on the folded name (see _district_keys)
_D_CITY = re.compile(r"(^|\s)(к а|г а|каласи|г|гор|город|к|city|kalasy|qalasy|ga|ka)(\s|$)")
_D_DISTRICT = re.compile(r"(^|\s)(аудани|аудан|раион|р н|рн|district|rayon|raion|audany)(\s|$)")
_RU_ADJ = re.compile(r"(ский|цкий|скии|цкии)$")


def _district_fold(name: str) -> str:
    s = unicodedata.normalize("NFKC", str(name)).replace("\u00a0", " ").strip()
    s = _FOOTNOTE.sub("", s)
    s = _script_fix(s, "cyr" if re.search("[\u0400-\u04ff]", s) else None).lower()
    s = s.translate(_CYR_FOLD)
    s = re.sub(r"[\"'«»“”()\[\],;:]", " ", s).replace("-", " ").replace("–", " ")
    s = s.replace(".", " ")
    return re.sub(r"\s+", " ", s).strip()


def _district_keys(name: str) -> tuple[set[str], str | None]:
    """Matching keys of a district name and its kind (``city``/``district``/``None``).

    Kind words are removed; a Russian adjective ("Аккольский", "Буландынский") also yields
    its stems ("аккол", "буланди"), which meet the Kazakh noun form ("Ақкөл", "Бұланды").
    """
    s = _district_fold(name)
    kind = None
    if _D_DISTRICT.search(s):
        kind = "district"
    elif _D_CITY.search(s):
        kind = "city"
    for pat in (_D_DISTRICT, _D_CITY):
        s = pat.sub(" ", s)
        s = pat.sub(" ", s)
    s = re.sub(r"\s+", " ", s).strip()
    keys = {s, s.replace("ь", "").replace("ъ", "")}
    m = _RU_ADJ.search(s)
    if m:
        kind = kind or "district"
        stem = s[: m.start()]  # Буландынский -> буландин; the noun may lack the н / ин
        keys.add(stem)
        keys |= {stem[: -len(c)] for c in ("н", "ин", "ен", "ан") if stem.endswith(c)}
        keys |= {k.replace("ь", "") for k in list(keys)}
        keys |= {k + "а" for k in list(keys)} | {k + "и" for k in list(keys)}
    return {k for k in keys if k}, kind


def _district_kind(kind: str) -> str:
    return "city" if kind == "city" else "district"  # city districts are called "аудан"


@cache
def _district_table(division: int) -> dict[str, dict[str, frozenset[str]]]:
    """region -> key -> KATO codes, from the registry's names and district_aliases.toml."""
    from aimaq.geo import districts as D

    with resources.files("aimaq.geo").joinpath("district_aliases.toml").open("rb") as fh:
        extra = tomllib.load(fh)
    table: dict[str, dict[str, set[str]]] = {}
    df = D.districts(division)
    for kato, r in df.iterrows():
        names = [r["name_ru"], r["name_kk"], r["name_en"], *extra.get(kato, [])]
        for n in names:
            for k in _district_keys(n)[0]:
                table.setdefault(r["region"], {}).setdefault(k, set()).add(kato)
    return {reg: {k: frozenset(v) for k, v in t.items()} for reg, t in table.items()}


def resolve_district(name: str, region: str, division: int = 2024) -> str:
    """KATO code of the district or city called ``name`` inside ``region``.

    Names repeat across regions ("Абай ауданы" is in Abai and Karaganda regions and in
    Shymkent; "Есіл ауданы" in Akmola, North Kazakhstan and Astana), so the parent region is
    required. Kazakh and Russian forms and the bureau's kind words are understood: "Семей қ.ә."
    and "Семей г.а." (city administration), "Абай ауданы", "Аккольский район", "Аккольский
    р-н", "г. Кокшетау", "Көкшетау қаласы".

    Parameters
    ----------
    name : str
        The unit's name as printed.
    region : str
        Registry code of the parent region (e.g. ``"KZ-11"``).
    division : {2024, 2018}
        Division whose units are searched.

    Raises
    ------
    UnknownDistrictError, AmbiguousDistrictError

    Examples
    --------
    >>> resolve_district("Аккольский район", "KZ-11")
    '113200000'
    >>> resolve_district("Ақкөл ауданы", "KZ-11")
    '113200000'
    """
    from aimaq.geo import districts as D

    table = _district_table(division).get(region)
    if table is None:
        raise UnknownDistrictError(name, region, [])
    keys, kind = _district_keys(name)
    hits: set[str] = set()
    for k in keys:
        hits |= table.get(k, frozenset())
    if not hits:
        close = difflib.get_close_matches(_district_fold(name), list(table), n=3, cutoff=0.6)
        raise UnknownDistrictError(name, region, close)
    if len(hits) > 1 and kind is not None:
        want = {k for k in hits if _district_kind(D.get(k, division).kind) == kind}
        hits = want or hits
    if len(hits) > 1:
        raise AmbiguousDistrictError(name, region, sorted(hits))
    return next(iter(hits))
