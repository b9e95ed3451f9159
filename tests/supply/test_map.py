"""GeoJSON and the offline HTML map of a siting result."""

from __future__ import annotations

from aimaq.supply.siting import solve_siting


def test_geojson_and_offline_html(toy_problem, tmp_path):
    import json

    from aimaq.supply.map import result_geojson, write_geojson, write_html_map

    pr = toy_problem(0)
    r = solve_siting(pr, gap=1e-6)
    g = result_geojson(r)
    sites = [f for f in g["features"] if f["properties"]["feature"] == "site"]
    flows = [f for f in g["features"] if f["properties"]["feature"] == "flow"]
    assert len(sites) == 4 and len(flows) == len(r.flows)
    assert sites[0]["geometry"]["coordinates"] == [pr.sites["lon"].iloc[0], pr.sites["lat"].iloc[0]]
    p = write_geojson(r, tmp_path / "r.geojson")
    assert json.loads(p.read_text())["type"] == "FeatureCollection"
    h = write_html_map(r, tmp_path / "m.html", pr.demand).read_text()
    assert "plotly" in h.lower() and 'src="https://cdn.plot.ly' not in h
    assert len(h) > 1_000_000  # plotly.js embedded: works offline
