"""Every spelling of the crosswalk in ../shared/data/kz/INDICATORS.md resolves to its code."""

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from aimaq.geo import AmbiguousRegionError, UnknownRegionError, registry, resolve, resolve_many

ENGLISH = {
    "National": "KZ",
    "Abai": "KZ-10",
    "Akmola": "KZ-11",
    "Aktobe": "KZ-15",
    "Almaty oblast": "KZ-19",
    "Atyrau": "KZ-23",
    "West Kazakhstan": "KZ-27",
    "Zhambyl": "KZ-31",
    "Zhetisu": "KZ-33",
    "Karaganda": "KZ-35",
    "Kostanay": "KZ-39",
    "Kyzylorda": "KZ-43",
    "Mangystau": "KZ-47",
    "Pavlodar": "KZ-55",
    "North Kazakhstan": "KZ-59",
    "Turkistan": "KZ-61",
    "Ulytau": "KZ-62",
    "East Kazakhstan": "KZ-63",
    "Astana": "KZ-71",
    "Almaty city": "KZ-75",
    "Shymkent": "KZ-79",
}


def _crosswalk(shared_dir):
    text = (shared_dir / "data" / "kz" / "INDICATORS.md").read_text(encoding="utf-8")
    block = text.split("## Region crosswalk")[1].split("\n\n")[0]
    rows = [r for r in block.splitlines() if r.startswith("|")][2:]
    return [[c.strip() for c in r.strip("|").split("|")] for r in rows]


def test_crosswalk_columns_resolve(shared_dir):
    rows = _crosswalk(shared_dir)
    assert len(rows) == 21
    for col in range(1, len(rows[0])):
        cells = []
        for r in rows:
            for name in re.split(r"\s*/\s*", r[col]):
                if name and name != "–":
                    cells.append((ENGLISH[r[0]], name))
        # one source's column is one context: "Алматы" beside "Алматы қаласы" is the oblast
        got = resolve_many([n for _, n in cells])
        assert got == [c for c, _ in cells], col


def test_kato_names_of_demography_files(shared_dir):
    text = (shared_dir / "data" / "kz" / "INDICATORS.md").read_text(encoding="utf-8")
    pairs = re.findall(r"([А-ЯӘҒҚҢӨҰҮІЁ.\s-]+?) \((?:KATO )?(\d{9})\)", text)
    assert len(pairs) == 20  # the 20 regions; the republic has no KATO there
    for name, kato in pairs:
        code = resolve(name.strip())
        assert registry.get(code).kato == kato, name


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("АКМОЛИНСКАЯ ОБЛАСТЬ", "KZ-11"),
        ("Восточно-Казахстанская", "KZ-63"),
        ("Батыс Қазақстан", "KZ-27"),
        ("Астана қаласы", "KZ-71"),
        ("Akmolinskaya", "KZ-11"),
        ("Shimkent city", "KZ-79"),
        ("Jetisu", "KZ-33"),
        ("Zhetysu", "KZ-33"),
        ("Abay Region", "KZ-10"),
        ("Nur-Sultan", "KZ-71"),
        ("г. Нур-Султан", "KZ-71"),
        ("Ontustik Kazakhstan", "KZ-YUZ"),
        ("South Kazakhstan", "KZ-YUZ"),
        ("г.Астана", "KZ-71"),
        ("г. Алматы", "KZ-75"),
        ("Туркестанская1)", "KZ-61"),
        ("2) Павлодарская", "KZ-55"),
        ("  Павлодарская  ", "KZ-55"),
        ("Aкмoлинская", "KZ-11"),  # Latin A and o inside
        ("Almaty Region", "KZ-19"),
        ("Алматинская область", "KZ-19"),
        ("Almaty city", "KZ-75"),
        ("Алматы облысы", "KZ-19"),
        ("Shymkent\u00a0city", "KZ-79"),
        ("ОБЛАСТЬ ҰЛЫТАУ", "KZ-62"),
        ("гоpoд Acтaнa", "KZ-71"),  # more Latin look-alikes than Cyrillic letters
    ],
)
def test_spellings(name, code):
    if code is None:
        with pytest.raises(UnknownRegionError):
            resolve(name)
    else:
        assert resolve(name) == code


def test_almaty_alone_is_refused_not_guessed():
    with pytest.raises(AmbiguousRegionError, match="KZ-19.*KZ-75"):
        resolve("Almaty")
    with pytest.raises(AmbiguousRegionError):
        resolve_many(["Алматы", "Астана"])
    assert resolve("Almaty", prefer="city") == "KZ-75"


def test_almaty_by_context():
    assert resolve_many(["Алматы", "Алматы қаласы"]) == ["KZ-19", "KZ-75"]
    assert resolve_many(["Алматинская", "Алматы"]) == ["KZ-19", "KZ-75"]


def test_unknown_lists_candidates():
    with pytest.raises(UnknownRegionError, match="closest: KZ-11") as e:
        resolve("Акмолинскя")
    assert e.value.candidates


def test_districts_skipped_on_request():
    assert resolve_many(["Акмолинская", "Аршалынский район"], unknown="none") == ["KZ-11", None]


_CANON = [
    (c, n)
    for c in registry.region_codes(2022)
    for n in (registry.get(c).name_en, registry.get(c).name_ru, registry.get(c).name_kk)
]


@given(
    item=st.sampled_from(_CANON),
    upper=st.booleans(),
    pad=st.text(alphabet=" \u00a0\t", max_size=3),
    foot=st.sampled_from(["", "1)", " 2)", "*", "3"]),
)
def test_resolver_is_robust_to_case_space_footnotes(item, upper, pad, foot):
    code, name = item
    s = pad + (name.upper() if upper else name) + foot + pad
    assert resolve(s) == code


_LOOKALIKE = str.maketrans("аеорсАЕОРСК", "aeopcAEOPCK")


@given(
    item=st.sampled_from([(c, registry.get(c).name_ru) for c in registry.region_codes(2022)]),
    mask=st.lists(st.booleans(), min_size=40, max_size=40),
)
def test_resolver_survives_latin_lookalikes(item, mask):
    code, name = item
    mixed = "".join(
        ch.translate(_LOOKALIKE) if m else ch for ch, m in zip(name, mask, strict=False)
    )
    mixed += name[len(mask) :]
    assert resolve(mixed) == code
