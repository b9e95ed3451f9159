"""Tests for aimaq.datasets.monotowns: the bundled registry and matching towns to settlements."""

import pandas as pd
import pytest

from aimaq.datasets import load_monotowns, match_settlements


@pytest.fixture
def settlements():
    """A small injected settlements table (GeoNames spellings, as the real one uses)."""
    return pd.DataFrame(
        [
            (1, "Karagandy", 49.80187, 73.10211, 497777, "KZ-35"),
            (2, "Balqash", 46.84546, 74.98213, 81364, "KZ-35"),
            (3, "Qulsary", 46.95307, 54.01978, 51216, "KZ-23"),
            (4, "Rudnyy", 52.97244, 63.11055, 124000, "KZ-39"),
            (5, "Abay", 49.63539, 72.86523, 35454, "KZ-35"),
            (6, "Abay", 41.34682, 68.9504, 24047, "KZ-61"),
            (7, "Aksu", 52.04023, 76.92748, 44808, "KZ-55"),
            (8, "Aksu", 42.42193, 69.82709, 26115, "KZ-61"),
            (9, "Pavlodar", 52.27601, 76.96881, 329002, "KZ-55"),
            (10, "Kostanay", 53.21435, 63.62463, 210000, "KZ-39"),
            (11, "Atyrau", 47.1048, 51.88427, 290700, "KZ-23"),
            (12, "Altay", 49.73626, 84.25416, 44929, "KZ-63"),
            (13, "Ust-Kamenogorsk", 49.97143, 82.60586, 319067, "KZ-63"),
        ],
        columns=["geonameid", "name", "lat", "lon", "population", "region"],
    )


def test_bundled_registry_is_the_sourced_list():
    reg = load_monotowns()
    allr = load_monotowns(include_withdrawn=True)
    assert len(allr) == 21 and len(reg) == 19
    assert {"Saran", "Tekeli"} == set(allr["town"]) - set(reg["town"])
    r = reg.set_index("town")
    # figures exactly as in the source table
    assert r.loc["Balkhash", "population"] == 73450 and r.loc["Balkhash", "year"] == "2024-01-01"
    assert r.loc["Serebryansk", "population"] == 8791
    assert pd.isna(r.loc["Zhanatas", "population"])  # not in any source: left missing
    assert r.loc["Aksu (Pavlodar region)", "name"] == "Aksu"
    assert r.loc["Satpayev", "region_code"] == "KZ-62"
    assert r.loc["Kurchatov", "region_code"] == "KZ-10"
    assert reg["region_code"].notna().all()


def test_bundled_sources_cover_every_key():
    from importlib import resources

    with resources.files("aimaq").joinpath("data", "monotowns_sources.tsv").open("rb") as fh:
        src = pd.read_csv(fh, sep="\t")
    keys = set(src["key"])
    reg = load_monotowns(include_withdrawn=True)
    used = set()
    for c in ("status_source", "region_source", "population_source", "industry_source"):
        for v in reg[c].dropna():
            used |= set(str(v).split(";"))
    assert used and used <= keys


def test_matching_transliteration_and_region(settlements):
    towns = pd.DataFrame(
        {
            "town": [
                "Balkhash",
                "Kulsary",
                "Rudny",
                "Abai (Karaganda region)",
                "Aksu (Pavlodar region)",
                "Altai",
                "Zhanatas",
                "Abai (Jetisu)",
            ],
            "region_code": ["KZ-35", "KZ-23", "KZ-39", "KZ-35", "KZ-55", "KZ-63", "KZ-31", "KZ-33"],
        }
    )
    m = match_settlements(towns, settlements)
    got = m.matched["settlement"].to_dict()
    assert got == {
        "Balkhash": "Balqash",
        "Kulsary": "Qulsary",
        "Rudny": "Rudnyy",
        "Abai (Karaganda region)": "Abay",
        "Aksu (Pavlodar region)": "Aksu",
        "Altai": "Altay",
    }
    # the right Abay / Aksu among the namesakes: by region
    assert m.matched.loc["Abai (Karaganda region)", "geonameid"] == 5
    assert m.matched.loc["Aksu (Pavlodar region)", "lat"] == pytest.approx(52.04023)
    assert set(m.unmatched) == {"Zhanatas", "Abai (Jetisu)"}
    assert "only in other region" in m.unmatched["Abai (Jetisu)"]
    # Cyrillic spelling folds onto the same key
    cyr = match_settlements(
        pd.DataFrame({"town": ["Рудный"], "region_code": ["KZ-39"]}), settlements
    )
    assert cyr.matched.loc["Рудный", "settlement"] == "Rudnyy"
