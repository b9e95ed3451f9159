"""The OpenAPI documentation renders offline in headless Chromium (Playwright)."""

import pytest

from aimaq.api import create_app

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(
    "path, selector", [("/docs", ".opblock"), ("/redoc", "[role=menuitem], li")]
)
def test_docs_render_with_no_network(bundled_store, serve, visit, path, selector):
    base = serve(create_app(bundled_store))
    page, errors, foreign = visit(base + path, base)
    page.wait_for_selector(selector, timeout=20000)
    assert foreign == []
    assert errors == []
    assert "/observations/{indicator}" in page.content()
