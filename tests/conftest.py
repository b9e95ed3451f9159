"""Shared fixtures: the ../shared research folder and stores on SQLite and PostgreSQL."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

# deterministic property tests: no wall-clock deadline, the same examples on every run
settings.register_profile("aimaq", deadline=None, derandomize=True)
settings.load_profile("aimaq")

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not (SHARED / "data" / "kz").is_dir():
        pytest.skip(f"../shared not present ({SHARED}); the tests on the bureau's files need it")
    return SHARED


def _pg_url() -> str | None:
    url = os.environ.get("AIMAQ_TEST_PG_URL")
    if not url:
        return None
    import sqlalchemy as sa

    try:
        eng = sa.create_engine(url)
        with eng.connect():
            pass
        eng.dispose()
    except Exception:
        return None
    return url


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_store(request, tmp_path):
    """An empty store on SQLite, and the same on PostgreSQL when a server is reachable."""
    from aimaq.store import Store
    from aimaq.store import schema as S

    if request.param == "sqlite":
        st = Store(tmp_path / "t.sqlite")
    else:
        url = _pg_url()
        if url is None:
            pytest.skip("no PostgreSQL reachable: set AIMAQ_TEST_PG_URL (.ci/run starts one)")
        st = Store(url)
        S.metadata.drop_all(st.engine)
        st.dispose()
        st = Store(url)
    yield st
    if request.param == "postgresql":
        S.metadata.drop_all(st.engine)
    st.dispose()


@pytest.fixture(scope="session")
def bundled_store(tmp_path_factory):
    """A SQLite store with the bundled official data (built once per session)."""
    from aimaq import open_store

    return open_store(tmp_path_factory.mktemp("store") / "bundled.sqlite")
