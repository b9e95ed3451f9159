"""The region-level analyses on district-indexed series (KATO codes), against the peers."""

import numpy as np
import pandas as pd
import pytest

from aimaq.analysis import disparity, spatial
from aimaq.datasets import district_table
from aimaq.geo import district_polygons as P
from aimaq.ingest.districts import read_district_sheet
from aimaq.store import Store

FILE = "bns_population_sex_urban_rural_2023-01-01.xlsx"


@pytest.fixture(scope="module")
def table(shared_dir, tmp_path_factory):
    st = Store(tmp_path_factory.mktemp("d") / "d.sqlite")
    st.load(read_district_sheet(shared_dir / "data/kz/raw" / FILE).frame, file=FILE)
    yield district_table(st)
    st.dispose()


@pytest.fixture(scope="module")
def logdens(table):
    return np.log(table.frame["density"].dropna())


def test_district_table_adjusts_for_units_created_after_the_figures(table):
    f = table.frame
    assert len(f) == 219 and table.year == 2023
    assert sorted(table.missing) == [
        "101010000",
        "104500000",
        "191800000",
        "711510000",
        "791910000",
    ]
    # Esil (Astana) on 1 Jan 2023 still included Nura: its area is Esil + Nura of 2024
    assert f.at["711210000", "area_km2"] == pytest.approx(
        P.load_district_polygons(2024).loc[["711210000", "711510000"], "area_km2"].sum()
    )
    # Alatau was carved from Ile and Talgar: their densities are left out, not guessed
    assert set(table.excluded) == {"196200000", "196800000"}
    assert f.at["113200000", "urban_share"] == pytest.approx(15879 / 24338 * 100)
    assert any("geokz" in s for s in table.sources)


def test_dispersion_on_districts_matches_pysal_gini(table):
    from inequality.gini import Gini

    y = table.frame["density"].dropna()
    d = disparity.dispersion(y)
    assert d.Gini == pytest.approx(Gini(y.to_numpy()).g, rel=1e-12)
    dw = disparity.dispersion(y, population=table.frame["population"])
    assert dw.n == len(y)


def test_theil_within_between_regions_matches_pysal(table):
    from inequality.theil import Theil, TheilD

    f = table.frame.dropna(subset=["density"])
    y, g = f["density"], f["region"]
    t = disparity.theil(y, groups=g)
    assert t.T == pytest.approx(Theil(y.to_numpy()).T, rel=1e-12)
    codes = pd.factorize(g)[0]
    assert t.T_between == pytest.approx(TheilD(y.to_numpy(), codes).bg[0], rel=1e-10)
    assert t.T == pytest.approx(t.T_between + t.T_within, rel=1e-12)
    assert set(t.T_g.index) == set(g)  # within-region inequality of every region
    assert 0 < t.T_between_share < 1


def test_hoover_population_vs_area_by_hand(table):
    f = table.frame.dropna(subset=["density"])
    h = disparity.hoover(f["population"], f["area_km2"])
    a, b = f["population"] / f["population"].sum(), f["area_km2"] / f["area_km2"].sum()
    assert h.H == pytest.approx(0.5 * (a - b).abs().sum(), rel=1e-12)
    assert h.n == len(f)


@pytest.mark.parametrize("criterion", ["queen", "rook"])
def test_moran_on_districts_matches_esda(logdens, criterion):
    from esda.moran import Moran
    from libpysal.weights import w_subset

    c = P.contiguity(2024, criterion)
    got = spatial.moran(logdens, c.w, permutations=999, seed=7)
    ids = [k for k in c.w.id_order if k in logdens.index]
    w = w_subset(c.w, ids, silence_warnings=True)
    w.transform = "r"
    np.random.seed(7)  # noqa: NPY002 - esda.Moran draws from the legacy global generator
    ref = Moran(logdens.loc[ids].to_numpy(), w, permutations=999)
    assert got.n == len(ids) == 217
    assert got.I == pytest.approx(ref.I, rel=1e-12)
    assert got.p_sim == pytest.approx(ref.p_sim)
    assert got.p_sim < 0.01  # density is clustered (significant at 1%)


def test_lisa_on_districts_matches_esda(logdens):
    from esda.moran import Moran_Local
    from libpysal.weights import w_subset

    c = P.contiguity(2024, "queen")
    got = spatial.lisa(logdens, c.w, permutations=999, seed=7)
    ids = list(got.Is.index)
    w = w_subset(c.w, ids, silence_warnings=True)
    w.transform = "r"
    with np.errstate(invalid="ignore", divide="ignore"):
        ref = Moran_Local(logdens.loc[ids].to_numpy(), w, permutations=999, seed=7, n_jobs=1)
    np.testing.assert_allclose(got.Is.to_numpy(), ref.Is, rtol=1e-12)
    np.testing.assert_array_equal(got.q.to_numpy(), ref.q)
    np.testing.assert_allclose(got.p_sim.to_numpy(), ref.p_sim)
    # Almaty city's districts form a High-High cluster of density
    assert (got.cluster[[k for k in ids if k.startswith("75")]] == "High-High").sum() >= 4
