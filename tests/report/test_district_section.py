"""District section content: maps with region outlines, decomposition, profiles, languages."""

import re

import pytest

from aimaq.datasets import district_table
from aimaq.ingest.districts import read_district_sheet
from aimaq.report.districts import district_section, render_html
from aimaq.report.maps import NO_DATA
from aimaq.store import Store

FILE = "bns_population_sex_urban_rural_2023-01-01.xlsx"


@pytest.fixture(scope="module")
def table(shared_dir, tmp_path_factory):
    st = Store(tmp_path_factory.mktemp("s") / "s.sqlite")
    st.load(read_district_sheet(shared_dir / "data/kz/raw" / FILE).frame, file=FILE)
    yield district_table(st)
    st.dispose()


@pytest.fixture(scope="module")
def sections(table):
    return {lang: district_section(table, lang, permutations=99) for lang in ("en", "ru", "kk")}


def test_maps_draw_every_district_and_the_region_outlines(sections):
    m = sections["en"].maps["density"]
    fills = [d for d in m["data"] if d.get("fill") == "toself"]
    assert len(fills) == 224
    outlines = [d for d in m["data"] if d.get("mode") == "lines" and not d.get("fill")]
    assert len(outlines) == 1 and outlines[0]["line"]["width"] > fills[0]["line"]["width"]
    # the five 2024 units without 2023 figures (and Talgar, Ile: density left out) are grey
    grey = [d for d in fills if d["fillcolor"] == NO_DATA]
    assert len(grey) == 5 + 2
    assert "no data" in [d["name"] for d in m["data"] if d.get("mode") == "markers"]


def test_decomposition_identity(sections):
    s = sections["en"]
    th, dec = s.theil, s.decomposition
    assert th.T == pytest.approx(th.T_between + th.T_within, rel=1e-12)
    regions = dec.iloc[:-3]
    assert len(regions) == 20
    # region contributions s_g T_g / T add up to the within-region share
    assert regions.iloc[:, 3].sum() == pytest.approx(dec.iloc[-2, 3], rel=1e-9)
    assert dec.iloc[-1, 1] == 217


def test_summary_states_significance_and_exclusions(sections):
    s = sections["en"]
    assert s.moran.p_sim < 0.05 and "(significant at 0.05)" in s.summary[0]
    assert "Talgar" in s.summary[2] and "Ile" in s.summary[2]


def test_region_profile_lists_its_districts(sections):
    p = sections["en"].profiles["KZ-71"]
    assert list(p.iloc[:, 0]) == ["Esil", "Almaty", "Saryarka", "Baykonyr"]  # by population
    assert p.iloc[0, 1] == 409282


@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_no_english_in_kk_ru(sections, lang):
    s = sections[lang]
    texts = [*s.summary, *s.decomposition.columns, *s.decomposition.iloc[:, 0]]
    texts += [f["layout"]["title"]["text"] for f in s.maps.values()]
    texts += [d["name"] for f in s.maps.values() for d in f["data"] if d.get("name")]
    for x in texts:
        assert not re.search(r"[A-Za-z]{3,}", re.sub(r"\bp\b|I\b|T\b", "", str(x))), x


def test_html_cites_bulletin_and_geokz(sections):
    html = render_html(sections["en"])
    assert "лист &#x27;02&#x27;" in html and "CC BY 4.0" in html
    assert html.count('<div id="districts-') == 3
