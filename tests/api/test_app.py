import pytest
from fastapi.testclient import TestClient

from aimaq.api import create_app


@pytest.fixture(scope="module")
def client(bundled_store):
    return TestClient(create_app(bundled_store))


def test_regions(client):
    r = client.get("/regions", params={"borders": 2022})
    assert r.status_code == 200
    assert len(r.json()) == 20


def test_observations_with_sources(client, bundled_store):
    r = client.get("/observations/grp_per_capita", params={"year": 2022})
    assert r.status_code == 200
    body = r.json()
    nat = [o for o in body["observations"] if o["region"] == "KZ"][0]
    assert nat["value"] == bundled_store.value("grp_per_capita", 2022)
    assert all(o["source"] for o in body["observations"])


def test_harmonised_and_refused(client):
    r = client.get("/observations/population_total", params={"year": 2023, "borders": 2021})
    assert {"region": "KZ-ALM", "year": 2023, "from": ["KZ-19", "KZ-33"]} in r.json()["aggregated"]
    r = client.get("/observations/unemployment_rate_pct", params={"year": 2022, "borders": 2021})
    assert r.status_code == 422 and "not additive" in r.json()["detail"]
    assert client.get("/observations/nope").status_code == 404
