"""The authorisation matrix: every caller kind against every endpoint."""

import pytest
from fastapi.testclient import TestClient

from aimaq.api import create_app
from aimaq.supply.participants import Participants


@pytest.fixture(scope="module")
def world(tmp_path_factory, bundled_store):
    import shutil

    from aimaq.store import Store

    copy = tmp_path_factory.mktemp("sec") / "s.sqlite"
    shutil.copy(bundled_store.url.removeprefix("sqlite:///"), copy)
    st = Store(copy)
    reg = Participants(st)
    keys = {
        "regulator": reg.add("Regulator", "regulator").key,
        "producer": reg.add("Farm", "producer", glns=["4600000000015"]).key,
        "retailer": reg.add("Shop", "retailer", glns=["0614141000005"]).key,
    }
    revoked = reg.add("Gone", "producer")
    reg.revoke(revoked.participant.id)
    keys["revoked"] = revoked.key
    keys["forged"] = "aimaq_000000000000." + "A" * 43
    keys["garbage"] = "let me in"
    target = reg.add("Target", "retailer").participant.id
    client = TestClient(create_app(st))
    yield client, keys, reg, target
    st.dispose()


PUBLIC = [
    ("GET", "/regions"),
    ("GET", "/indicators"),
    ("GET", "/observations/grp_per_capita"),
    ("GET", "/coverage"),
    ("GET", "/health"),
    ("GET", "/ready"),
]
REGULATOR = [
    ("GET", "/participants"),
    ("GET", "/audit"),
    ("POST", "/participants/{t}/rotate"),
    ("POST", "/participants/{t}/revoke"),
]
ANY_PARTICIPANT = [("GET", "/participants/me")]

CALLERS = ["anonymous", "regulator", "producer", "retailer", "revoked", "forged", "garbage"]


def _call(client, keys, caller, method, path):
    h = {} if caller == "anonymous" else {"Authorization": f"Bearer {keys[caller]}"}
    return client.request(method, path, headers=h)


def _expected(caller, kind):
    if caller in ("revoked", "forged", "garbage"):
        return 401  # a bad key is refused everywhere, never silently ignored
    if kind == "public":
        return 200
    if caller == "anonymous":
        return 401
    if kind == "regulator":
        return 200 if caller == "regulator" else 403
    return 200


@pytest.mark.parametrize("caller", CALLERS)
@pytest.mark.parametrize(
    "method, path, kind",
    [(m, p, "public") for m, p in PUBLIC]
    + [(m, p, "participant") for m, p in ANY_PARTICIPANT]
    + [(m, p, "regulator") for m, p in REGULATOR],
)
def test_matrix(world, caller, method, path, kind):
    client, keys, _, target = world
    r = _call(client, keys, caller, method, path.format(t=target))
    want = _expected(caller, kind)
    assert r.status_code == want, (caller, path, r.text)
    if want >= 400:
        assert r.headers["content-type"].startswith("application/problem+json")
        if want == 401:
            assert r.headers.get("www-authenticate", "").startswith("Bearer")


def test_me_is_the_caller(world):
    client, keys, *_ = world
    r = client.get("/participants/me", headers={"Authorization": f"Bearer {keys['producer']}"})
    assert r.json()["name"] == "Farm" and r.json()["glns"] == ["4600000000015"]


def test_regulator_adds_a_participant_whose_key_works_once_shown(world):
    client, keys, reg, _ = world
    reg_h = {"Authorization": f"Bearer {keys['regulator']}"}
    r = client.post(
        "/participants",
        headers=reg_h,
        json={"name": "DC Astana", "role": "distribution_centre", "region": "Астана"},
    )
    assert r.status_code == 201, r.text
    body = r.json()
    assert body["region"] == "KZ-71"
    me = client.get("/participants/me", headers={"Authorization": f"Bearer {body['key']}"})
    assert me.json()["name"] == "DC Astana"
    listed = client.get("/participants", headers=reg_h).json()["items"]
    assert all("key" not in p for p in listed)
    bad = client.post("/participants", headers=reg_h, json={"name": "X", "role": "pirate"})
    assert bad.status_code == 422 and bad.json()["pointer"] == "/role"


def test_denials_are_audited(world):
    client, keys, *_ = world
    client.get("/participants", headers={"Authorization": f"Bearer {keys['producer']}"})
    client.get("/participants/me", headers={"Authorization": f"Bearer {keys['revoked']}"})
    log = client.get("/audit", headers={"Authorization": f"Bearer {keys['regulator']}"}).json()
    reasons = {(e["path"], e["reason"]) for e in log["items"]}
    assert ("/participants", "not regulator") in reasons
    assert ("/participants/me", "revoked key") in reasons
