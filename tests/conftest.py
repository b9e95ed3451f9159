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


# -- browser tests (Playwright driving Debian's Chromium) ------------------------------------
def _chromium() -> str | None:
    import shutil

    for p in (os.environ.get("AIMAQ_CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium")):
        if p and Path(p).exists():
            return p
    return None


@pytest.fixture(scope="session")
def browser():
    """A headless Chromium under Playwright; skipped where either is missing."""
    path = _chromium()
    if path is None:
        pytest.skip("Chromium not installed (Debian: apt-get install chromium; .ci/run does)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("playwright not installed (pip install playwright)")
    with sync_playwright() as pw:
        b = pw.chromium.launch(
            executable_path=path,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield b
        b.close()


@pytest.fixture(scope="session")
def serve():
    """``serve(app)`` runs an ASGI app on a free loopback port; returns its base URL."""
    import socket
    import threading
    import time

    import uvicorn

    servers = []

    def start(app) -> str:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="error"))
        threading.Thread(target=server.run, daemon=True).start()
        while not server.started:
            time.sleep(0.02)
        servers.append(server)
        return f"http://127.0.0.1:{port}"

    yield start
    for s in servers:
        s.should_exit = True


@pytest.fixture
def visit(browser):
    """``visit(url, base)`` opens a page; returns (page, console errors, requests elsewhere)."""
    pages = []

    def open_(url: str, base: str):
        page = browser.new_page()
        pages.append(page)
        errors, foreign = [], []
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on(
            "request",
            lambda r: None if r.url.startswith((base, "data:", "blob:")) else foreign.append(r.url),
        )
        page.goto(url, wait_until="networkidle")
        return page, errors, foreign

    yield open_
    for p in pages:
        p.close()
