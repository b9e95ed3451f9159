"""The statistics endpoints: figures with sources, validated parameters, paging, caching."""

import pytest
from fastapi.testclient import TestClient

from aimaq.api import create_app


@pytest.fixture(scope="module")
def client(bundled_store):
    return TestClient(create_app(bundled_store))


def _problem(r, status, param=None):
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith("application/problem+json")
    body = r.json()
    assert {"type", "title", "status", "detail"} <= set(body) and body["status"] == status
    if param:
        assert body.get("param") == param, body
    return body


def test_regions(client):
    r = client.get("/regions", params={"borders": 2022})
    assert r.status_code == 200
    assert len(r.json()) == 20
    assert (
        len(client.get("/regions", params={"borders": 2017}).json()) == 16
    )  # 14 oblasts, Astana, Almaty


def test_observations_with_sources(client, bundled_store):
    r = client.get("/observations/grp_per_capita", params={"year": 2022})
    assert r.status_code == 200
    body = r.json()
    nat = [o for o in body["observations"] if o["region"] == "KZ"][0]
    assert nat["value"] == bundled_store.value("grp_per_capita", 2022)
    assert all(o["source"] for o in body["observations"])


def test_regions_resolved_like_the_cli(client):
    by_code = client.get("/observations/grp_per_capita", params={"year": 2022, "region": "KZ-23"})
    for name in ("Atyrau", "Атырауская область", "Атырау облысы"):
        r = client.get("/observations/grp_per_capita", params={"year": 2022, "region": name})
        assert r.status_code == 200
        assert r.json()["observations"] == by_code.json()["observations"] != []


def test_harmonised_and_refused(client):
    r = client.get("/observations/population_total", params={"year": 2023, "borders": 2021})
    assert {"region": "KZ-ALM", "year": 2023, "from": ["KZ-19", "KZ-33"]} in r.json()["aggregated"]
    r = client.get("/observations/unemployment_rate_pct", params={"year": 2022, "borders": 2021})
    assert "not additive" in _problem(r, 422, "borders")["detail"]


@pytest.mark.parametrize(
    "path, params, status, param",
    [
        ("/observations/nope", {}, 404, "indicator"),
        ("/observations/grp_per_capita", {"region": "Atlantis"}, 422, "region"),
        ("/observations/grp_per_capita", {"region": "Almaty"}, 422, "region"),
        ("/observations/grp_per_capita", {"year": 1990}, 422, "year"),
        ("/observations/grp_per_capita", {"year": "last"}, 422, "year"),
        ("/observations/grp_per_capita", {"borders": 1800}, 422, "borders"),
        ("/observations/grp_per_capita", {"limit": 0}, 422, "limit"),
        ("/observations/grp_per_capita", {"limit": 10**6}, 422, "limit"),
        ("/observations/grp_per_capita", {"nextPageToken": "xyz"}, 422, "nextPageToken"),
        ("/regions", {"borders": 1800}, 422, "borders"),
        ("/indicators/nope", {}, 404, "indicator"),
        ("/coverage", {"indicator": "nope"}, 404, "indicator"),
        ("/no/such/path", {}, 404, None),
    ],
)
def test_bad_requests_are_problems(client, path, params, status, param):
    body = _problem(client.get(path, params=params), status, param)
    if param == "region" and params["region"] == "Atlantis":
        assert "suggestions" in body
    if param == "year":
        assert "years with data" in body["detail"] or "integer" in body["detail"]


def test_paging_covers_everything_once(client):
    full = client.get("/observations/population_total", params={"limit": 1000}).json()
    seen, token, pages = [], None, 0
    while True:
        q = {"limit": 97} | ({"nextPageToken": token} if token else {})
        body = client.get("/observations/population_total", params=q).json()
        seen += body["observations"]
        pages += 1
        token = body["nextPageToken"]
        if not token:
            break
    assert seen == full["observations"] and pages == -(-len(seen) // 97)
    # a token is bound to its query
    r = client.get(
        "/observations/grp_mln_kzt", params={"limit": 97, "nextPageToken": body_token(client)}
    )
    _problem(r, 422, "nextPageToken")


def body_token(client):
    return client.get("/observations/population_total", params={"limit": 97}).json()[
        "nextPageToken"
    ]


def test_etag_and_last_modified(client):
    r = client.get("/observations/grp_per_capita", params={"year": 2022})
    etag = r.headers["etag"]
    assert r.headers["last-modified"].endswith("GMT")
    again = client.get(
        "/observations/grp_per_capita", params={"year": 2022}, headers={"If-None-Match": etag}
    )
    assert again.status_code == 304 and again.content == b""


def test_health_and_ready(client):
    assert client.get("/health").json() == {"status": "ok"}
    body = client.get("/ready").json()
    assert body["status"] == "ready" and body["loads"] >= 1


def test_ready_reports_a_dead_database(tmp_path):
    from aimaq.store import Store

    st = Store(tmp_path / "x.sqlite")
    c = TestClient(create_app(st))
    st.dispose()  # the last connection closed: SQLite folds its write-ahead log into the file
    (tmp_path / "x.sqlite").write_bytes(b"not a database" * 100)
    _problem(c.get("/ready"), 503)


def test_body_size_limit(bundled_store):
    from aimaq.api.security import Settings

    c = TestClient(create_app(bundled_store, Settings(max_body=1000)))
    _problem(
        c.post("/participants", content=b"x" * 2000, headers={"Content-Type": "application/json"}),
        413,
    )


def test_rate_limit(bundled_store):
    from aimaq.api.security import Settings

    c = TestClient(create_app(bundled_store, Settings(rate=0.001, burst=3)))
    codes = [c.get("/health").status_code for _ in range(5)]
    assert codes == [200, 200, 200, 429, 429]
    r = c.get("/health")
    assert "retry-after" in r.headers


def test_cors_is_configurable(bundled_store):
    from aimaq.api.security import Settings

    c = TestClient(create_app(bundled_store, Settings(cors_origins=("https://a.example",))))
    r = c.get("/health", headers={"Origin": "https://a.example"})
    assert r.headers["access-control-allow-origin"] == "https://a.example"
    plain = TestClient(create_app(bundled_store))
    assert (
        "access-control-allow-origin"
        not in plain.get("/health", headers={"Origin": "https://a.example"}).headers
    )


def test_openapi_docs_are_local(client):
    html = client.get("/docs").text
    assert "cdn" not in html.lower() and "/static-offline-docs/swagger-ui-bundle.js" in html
    assert client.get("/static-offline-docs/swagger-ui-bundle.js").status_code == 200
    redoc = client.get("/redoc").text
    assert "cdn" not in redoc.lower() and "fonts.googleapis" not in redoc
