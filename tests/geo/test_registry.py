import datetime as dt

import pycountry
import pytest

from aimaq.geo import registry


def test_twenty_current_regions_match_iso_3166_2():
    iso = {s.code for s in pycountry.subdivisions.get(country_code="KZ")}
    assert set(registry.region_codes()) == iso
    assert len(iso) == 20


def test_kato_prefix_equals_iso_number():
    for code in registry.region_codes():
        assert registry.get(code).kato.startswith(code.split("-")[1])
        assert len(registry.get(code).kato) == 9


@pytest.mark.parametrize(
    ("year", "n", "present", "absent"),
    [
        (2017, 16, {"KZ-YUZ", "KZ-ALM"}, {"KZ-61", "KZ-79", "KZ-19"}),
        (2018, 17, {"KZ-61", "KZ-79", "KZ-ALM", "KZ-KAR", "KZ-VOS"}, {"KZ-YUZ", "KZ-10"}),
        (2021, 17, {"KZ-ALM"}, {"KZ-33", "KZ-62", "KZ-10"}),
        (2022, 20, {"KZ-10", "KZ-33", "KZ-62", "KZ-19"}, {"KZ-ALM", "KZ-KAR", "KZ-VOS"}),
    ],
)
def test_divisions_by_year(year, n, present, absent):
    codes = set(registry.region_codes(year))
    assert len(codes) == n
    assert present <= codes
    assert not (absent & codes)


def test_successors_and_dates():
    assert registry.get("KZ-YUZ").successors == ("KZ-61", "KZ-79")
    assert registry.get("KZ-ALM").successors == ("KZ-19", "KZ-33")
    assert registry.get("KZ-KAR").successors == ("KZ-35", "KZ-62")
    assert registry.get("KZ-VOS").successors == ("KZ-63", "KZ-10")
    assert registry.get("KZ-10").valid_from == dt.date(2022, 6, 8)
    assert registry.get("KZ-79").valid_from == dt.date(2018, 6, 19)
    assert registry.predecessor("KZ-33") == "KZ-ALM"


def test_three_languages_and_kinds():
    df = registry.regions(2022)
    assert df[["name_en", "name_ru", "name_kk"]].ne("").all().all()
    assert set(df.index[df["kind"] == "city"]) == {"KZ-71", "KZ-75", "KZ-79"}


def test_unknown_code_names_known_ones():
    with pytest.raises(KeyError, match="KZ-11"):
        registry.get("KZ-99")
