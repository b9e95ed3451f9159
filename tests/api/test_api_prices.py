"""The /prices endpoints on a fresh store (bundled prices loaded on first use)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from aimaq import open_store
from aimaq.api import create_app


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    st = open_store(tmp_path_factory.mktemp("api") / "p.sqlite", bundled=False)
    return TestClient(create_app(st))


def test_observations(client):
    r = client.get(
        "/prices/observations",
        params={"product": "Картофель", "market": "Almaty", "since": "2020-11-01"},
    )
    assert r.status_code == 200
    (o,) = r.json()
    assert (o["date"], o["price"], o["unit"], o["region"]) == ("2020-11-15", 110.0, "kg", "KZ-75")
    assert o["source"].startswith("github:almacho04/Meal-consumption")


def test_alerts(client):
    r = client.get("/prices/alerts", params={"region": "KZ-75", "since": "2020-11"})
    body = r.json()
    assert r.status_code == 200 and body
    top = body[0]
    assert top["month"] == "2020-11" and top["cls"] in ("stress", "alert", "crisis")
    assert {"alps", "price", "trend", "sigma", "n", "ipa", "ipa_cls", "source"} <= set(top)
    assert top["price"] == pytest.approx(top["trend"] + top["alps"] * top["sigma"])


def test_dispersion_and_markups(client):
    d = client.get("/prices/dispersion", params={"product": "onions"}).json()
    assert d[0]["n"] == 19 and d[0]["max"] == 216.0
    assert client.get("/prices/markups").json() == []  # the bundled data are retail only
    assert client.get("/prices/alerts", params={"product": "caviar"}).status_code == 404
