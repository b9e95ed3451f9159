"""Charts: Fisher-Jenks classes identical to mapclassify; maps carry units and classes."""

import mapclassify
import numpy as np
import pandas as pd
import pytest

from aimaq.geo import registry
from aimaq.report import charts, maps

pytestmark = pytest.mark.filterwarnings("ignore:Numba not installed")


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("k", [3, 5])
def test_fisher_jenks_matches_mapclassify(seed, k):
    y = np.random.default_rng(seed).lognormal(8, 0.7, size=20)
    fj = mapclassify.FisherJenks(y, k=k)
    yb, bins = maps.classify(pd.Series(y, index=[f"r{i}" for i in range(20)]), k=k)
    np.testing.assert_allclose(bins, fj.bins)
    np.testing.assert_array_equal(yb.to_numpy(), fj.yb)


def test_classify_other_scheme_and_few_values():
    s = pd.Series([1.0, 2.0, 3.0, 4.0, 5.0, 6.0])
    yb, bins = maps.classify(s, k=3, scheme="Quantiles")
    np.testing.assert_allclose(bins, mapclassify.Quantiles(s.to_numpy(), k=3).bins)
    yb, bins = maps.classify(pd.Series([2.0, 2.0, 2.0]), k=5)
    assert len(bins) == 1 and (yb == 0).all()


def test_choropleth_legend_has_units_and_classes():
    codes = registry.region_codes(2024)
    v = pd.Series(np.arange(1, len(codes) + 1, dtype=float) * 100, index=codes)
    v.iloc[0] = np.nan
    fig = maps.choropleth(v, title="t", unit="thousand KZT", lang="ru", borders=2024)
    assert fig["layout"]["legend"]["title"]["text"] == "thousand KZT"
    legend = [tr["name"] for tr in fig["data"] if tr["showlegend"]]
    assert "нет данных" in legend
    assert sum("–" in n for n in legend) == 5
    assert sum(tr.get("fill") == "toself" for tr in fig["data"]) == len(codes)
    html = charts.to_div(fig, "m")
    assert 'id="m"' in html and "Plotly.newPlot" in html and "<script src" not in html


def test_figure_dicts_are_valid_plotly():
    """The figure dicts pass plotly.py's validation (they are rendered unvalidated)."""
    import plotly.graph_objects as go

    codes = registry.region_codes(2024)
    v = pd.Series(np.linspace(1, 20, len(codes)), index=codes)
    pop = pd.Series(np.linspace(100, 2000, len(codes)), index=codes)
    panel = pd.DataFrame({2020: v, 2021: v * 1.1, 2022: v * 1.2})
    figs = [
        maps.choropleth(v, title="m", unit="u", borders=2024),
        maps.lisa_map(pd.Series("not significant", index=codes), title="l", borders=2024),
        charts.bar_ranking(v, float(v.mean()), title="b", unit="u"),
        charts.small_multiples(panel.iloc[:6], panel.mean(), title="s", unit="u"),
        charts.lorenz(v, pop, title="z", gini=0.3, gini_w=0.2)[0],
    ]
    for f in figs:
        go.Figure(f)  # raises on any invalid property
    sm = figs[3]
    assert sum(k.startswith("xaxis") for k in sm["layout"]) == 6
    assert [a["text"] for a in sm["layout"]["annotations"]] == [
        registry.name(c, "en") for c in codes[:6]
    ]
