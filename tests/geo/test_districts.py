"""District registry, 2018->2024 succession, district name resolver."""

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from aimaq.geo import districts as D
from aimaq.geo import registry
from aimaq.geo.names import AmbiguousDistrictError, UnknownDistrictError, resolve_district


def test_counts_and_kinds_of_both_divisions():
    d24, d18 = D.districts(2024), D.districts(2018)
    assert len(d24) == 224 and len(d18) == 216  # geokz adm2 editions (MORE.md)
    assert set(d24["region"]) == set(registry.region_codes(2024))
    assert set(d18["region"]) == set(registry.region_codes(2018))
    assert d24.groupby("kind").size().to_dict() == {
        "city": 39,
        "city_district": 18,
        "district": 167,
    }
    # Astana's five districts in 2024 (Nura is new), four in 2018
    assert D.districts(2024, "KZ-71")["name_en"].tolist() == [
        "Almaty",
        "Esil",
        "Saryarka",
        "Baykonyr",
        "Nura",
    ]
    assert len(D.districts(2018, "KZ-71")) == 4


def test_same_kato_can_name_different_units_in_the_two_divisions():
    assert D.get("191000000", 2018).name_ru == "Талдықорған"
    assert D.get("191000000", 2024).name_ru == "Конаев"
    assert D.parent("331000000") == "KZ-33"


def test_succession_accounts_for_every_district_of_both_divisions():
    s = D.succession()
    cont = s[~s["event"].isin(["created", "absorbed", "transfer"])]
    # every unit of each division appears, and continues at most once
    assert set(s["kato_2018"]) == set(D.districts(2018).index)
    assert set(s["kato_2024"]) == set(D.districts(2024).index)
    assert cont["kato_2018"].is_unique and cont["kato_2024"].is_unique
    # each 2018 unit is continued or absorbed; each 2024 unit continues one or was created
    new24 = set(D.districts(2024).index) - set(cont["kato_2024"])
    gone18 = set(D.districts(2018).index) - set(cont["kato_2018"])
    assert new24 == set(s.loc[s["event"] == "created", "kato_2024"])
    assert gone18 == set(s.loc[s["event"] == "absorbed", "kato_2018"])
    assert {D.get(k, 2024).name_en for k in new24} == {
        "Kosshy",
        "Alatau",
        "Zharasemey",
        "Aqsuat",
        "Maqanshy",
        "Samar",
        "Nura",
        "Turan",
    }


def test_succession_events_have_their_evidence():
    s = D.succession().set_index(["kato_2018", "kato_2024"])
    # Kapchagay (2018) lies wholly in Konaev (2024): renamed, recoded, enlarged
    r = s.loc[("191600000", "191000000")]
    assert r["event"] == "renamed+parent_split+recoded+resized" and r["share_of_2018"] == 1.0
    # Taldykorgan moved from the old Almaty Region to Zhetisu with a new code, same territory
    r = s.loc[("191000000", "331000000")]
    assert r["event"] == "moved+recoded" and r["share_of_2024"] == 1.0
    # districts that moved to the regions created on 2022-06-08 carry that date
    assert D.get("331000000", 2024).valid_from == "2022-06-08"
    assert D.get("191000000", 2018).valid_to == "2022-06-08"
    assert D.get("113200000", 2024).valid_from == ""  # not in the sources: left empty


@pytest.mark.parametrize(
    ("name", "region", "kato"),
    [
        ("Аккольский район", "KZ-11", "113200000"),
        ("Аккольский р-н", "KZ-11", "113200000"),
        ("Ақкөл ауданы", "KZ-11", "113200000"),
        ("Akkol district", "KZ-11", "113200000"),
        ("Буландынский район", "KZ-11", "114000000"),
        ("Бұланды ауданы", "KZ-11", "114000000"),
        ("Семей қ.ә.", "KZ-10", "101000000"),
        ("Семей г.а.", "KZ-10", "101000000"),
        ("г. Семей", "KZ-10", "101000000"),
        ("Көкшетау қаласы", "KZ-11", "111000000"),
        ("Қонаев қ.ә.", "KZ-19", "191000000"),
        # the same name in different regions
        ("Абай ауданы", "KZ-10", "103200000"),
        ("Абайский район", "KZ-35", "353200000"),
        ("Абай ауданы", "KZ-79", "791110000"),
        ("Есіл ауданы", "KZ-11", "114800000"),
        ("Есильский район", "KZ-59", "594200000"),
        ("Есіл ауданы", "KZ-71", "711210000"),
        ("Жамбыл ауданы", "KZ-19", "194200000"),
        ("Жамбылский район", "KZ-31", "314000000"),
        ("Жамбыл ауданы", "KZ-59", "594600000"),
    ],
)
def test_resolve_district_spellings(name, region, kato):
    got = resolve_district(name, region)
    assert got == kato, (name, region, D.get(got).name_ru)


def test_resolve_district_city_or_district_of_the_same_name():
    assert D.get(resolve_district("Қостанай қ.ә.", "KZ-39")).kind == "city"
    assert D.get(resolve_district("Костанайский район", "KZ-39")).kind == "district"
    with pytest.raises(AmbiguousDistrictError, match="Костанай"):
        resolve_district("Костанай", "KZ-39")


def test_resolve_district_unknown_names_the_region_and_closest():
    with pytest.raises(UnknownDistrictError, match=r"in region KZ-11.*closest"):
        resolve_district("Акколь-Сити", "KZ-11")
    with pytest.raises(UnknownDistrictError):
        resolve_district("Абай ауданы", "KZ-11")  # no Abai district in Akmola


def test_resolve_district_2018_division():
    assert resolve_district("Капчагай г.а.", "KZ-ALM", division=2018) == "191600000"


@pytest.mark.parametrize("division", [2024, 2018])
def test_every_unit_resolves_from_its_own_kk_and_ru_names(division):
    kk = {"district": " ауданы", "city": " қ.ә.", "city_district": " ауданы"}
    ru = {"district": " район", "city": " г.а.", "city_district": " район"}
    homonyms = []
    for kato, r in D.districts(division).iterrows():
        assert resolve_district(r["name_kk"] + kk[r["kind"]], r["region"], division) == kato
        assert resolve_district(r["name_ru"] + ru[r["kind"]], r["region"], division) == kato
        try:
            assert resolve_district(r["name_ru"], r["region"], division) == kato
        except AmbiguousDistrictError:
            homonyms.append(r["name_ru"])
    # a bare city name is ambiguous only where a district of the region bears its name
    assert sorted(homonyms) == ["Костанай", "Павлодар"]


_FORMS = st.sampled_from(
    [
        ("{kk} ауданы", "district"),
        ("{ru} район", "district"),
        ("{ru} р-н", "district"),
        ("{kk} қ.ә.", "city"),
        ("{ru} г.а.", "city"),
        ("г. {ru}", "city"),
        ("{kk} қаласы", "city"),
    ]
)


@settings(deadline=None, max_examples=150)
@given(
    i=st.integers(min_value=0, max_value=223),
    form=_FORMS,
    upper=st.booleans(),
    pad=st.sampled_from(["", " ", "  ", "\u00a0"]),
)
def test_resolve_district_ignores_case_spacing_and_kind_word_form(i, form, upper, pad):
    d = D.districts(2024)
    kato, r = d.index[i], d.iloc[i]
    want = "city" if r["kind"] == "city" else "district"
    text, kind = form
    assume(kind == want)
    name = pad + text.format(kk=r["name_kk"], ru=r["name_ru"]) + pad
    assert resolve_district(name.upper() if upper else name, r["region"]) == kato
