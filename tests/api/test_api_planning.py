"""Planning read endpoints: the same figures as the CLI, gaps as null, bad parameters as problems."""

import pytest
from fastapi.testclient import TestClient

from aimaq.api import create_app


@pytest.fixture(scope="module")
def client(bundled_store):
    return TestClient(create_app(bundled_store))


def test_budget_positions_and_break(client):
    r = client.get("/planning/budget")
    assert r.status_code == 200, r.text
    body = r.json()
    assert [b["year"] for b in body["breaks"]] == [2023]
    pos = {t["id"]: t for t in body["tables"]}["budget-positions"]["rows"]
    atyrau = next(row for row in pos if row["region"] == "KZ-23")
    assert all(atyrau[str(y)] == "donor" for y in range(2018, 2025))
    r = client.get("/planning/budget", params={"year": 2031})
    assert r.status_code == 422 and r.json()["param"] == "year"


def test_outlook_and_unknown_scenario(client):
    r = client.get("/planning/outlook", params={"to": 2026, "scenario": ["observed"]})
    assert r.status_code == 200, r.text
    ids = [t["id"] for t in r.json()["tables"]]
    assert ids == ["outlook-observed", "outlook-backtest"]
    r = client.get("/planning/outlook", params={"scenario": ["doubled"]})
    assert r.status_code == 422 and "observed" in r.json()["suggestions"]


def test_monitor_matrix(client):
    r = client.get("/planning/monitor", params={"base_year": 2018})
    assert r.status_code == 200, r.text
    status = r.json()["tables"][0]["rows"]
    kz = next(row for row in status if row["region"] == "KZ")
    assert kz["grp_per_capita_thousand_kzt"] in {
        "on track",
        "acceleration needed",
        "limited progress",
        "deterioration",
    }
