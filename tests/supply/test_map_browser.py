"""Open the siting map.html in headless Chromium: it renders offline, no requests, no errors.

Reuses the minimal DevTools client of ``tests/report/test_browser.py`` (loaded by path, the test
folders are not packages). Skipped when Chromium is not installed.
"""

from __future__ import annotations

import importlib.util
import json
import time
from pathlib import Path

import pytest

from aimaq.supply.map import write_html_map
from aimaq.supply.siting import solve_siting

pytestmark = pytest.mark.browser

_spec = importlib.util.spec_from_file_location(
    "_aimaq_browser", Path(__file__).resolve().parents[1] / "report" / "test_browser.py"
)
_browser = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_browser)
chromium = _browser.chromium  # the module-scoped fixture


def test_siting_map_renders_offline(toy_problem, tmp_path, chromium):
    pr = toy_problem(0)
    html = write_html_map(solve_siting(pr, gap=1e-6), tmp_path / "map.html", pr.demand)
    ws = _browser._WebSocket(_browser._page_ws(chromium))
    cdp = _browser._CDP(ws)
    try:
        for domain in ("Page", "Runtime", "Log", "Network"):
            cdp.call(f"{domain}.enable")
        url = html.resolve().as_uri()
        cdp.call("Page.navigate", url=url)
        expr = (
            "document.readyState === 'complete' ? "
            "document.querySelectorAll('.js-plotly-plot .scatterlayer .trace').length : -1"
        )
        traces = -1
        for _ in range(240):
            traces = cdp.call("Runtime.evaluate", expression=expr, returnByValue=True)["result"]
            traces = traces.get("value", -1)
            if traces > 0:
                break
            time.sleep(0.25)
        # outlines, outbound flows (2 classes), demand, closed, open, cities
        assert traces >= 6
        # the region outlines are drawn: a filled path with many vertices
        n_pts = cdp.call(
            "Runtime.evaluate",
            expression="document.querySelector('.scatterlayer .trace path.js-fill')"
            ".getAttribute('d').split('L').length",
            returnByValue=True,
        )["result"]["value"]
        assert n_pts > 500
        labels = cdp.call(
            "Runtime.evaluate",
            expression="Array.from(document.querySelectorAll('.scatterlayer .textpoint text'))"
            ".map(t => t.textContent).join('|')",
            returnByValue=True,
        )["result"]["value"]
        assert {"Astana", "Almaty city", "Shymkent"} <= set(labels.split("|"))
        time.sleep(0.5)
        cdp.call("Runtime.evaluate", expression="1", returnByValue=True)
        errors = [
            e
            for e in cdp.events
            if e["method"] == "Runtime.exceptionThrown"
            or (
                e["method"] == "Runtime.consoleAPICalled"
                and e["params"]["type"] in ("error", "assert")
            )
            or (e["method"] == "Log.entryAdded" and e["params"]["entry"]["level"] == "error")
        ]
        assert not errors, json.dumps(errors, indent=1)[:3000]
        requests = [
            e["params"]["request"]["url"]
            for e in cdp.events
            if e["method"] == "Network.requestWillBeSent"
        ]
        foreign = [u for u in requests if u != url and not u.startswith(("data:", "blob:"))]
        assert url in requests and not foreign, foreign
    finally:
        ws.close()
