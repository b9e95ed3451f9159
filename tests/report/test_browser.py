"""Open report.html in headless Chromium: maps render, no console errors, no network requests.

Talks the Chrome DevTools protocol over a WebSocket with a minimal client written on the
standard library (no extra dependency). Skipped when Chromium is not installed
(Debian: ``apt-get install chromium``).
"""

import base64
import json
import os
import shutil
import socket
import struct
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

CHROMIUM = next(
    (
        p
        for p in (
            os.environ.get("AIMAQ_CHROMIUM"),
            shutil.which("chromium"),
            "/usr/bin/chromium",
            shutil.which("chromium-browser"),
            shutil.which("google-chrome"),
        )
        if p and Path(p).exists()
    ),
    None,
)
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-extensions",
    "--mute-audio",
    "--remote-debugging-port=0",
]


class _WebSocket:
    """Just enough RFC 6455 for CDP: text frames, client masking, no extensions."""

    def __init__(self, url: str, timeout: float = 30):
        assert url.startswith("ws://")
        hostport, _, path = url[5:].partition("/")
        host, _, port = hostport.partition(":")
        self.sock = socket.create_connection((host, int(port)), timeout=timeout)
        key = base64.b64encode(os.urandom(16)).decode()
        req = (
            f"GET /{path} HTTP/1.1\r\nHost: {hostport}\r\nUpgrade: websocket\r\n"
            f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n"
        )
        self.sock.sendall(req.encode())
        buf = b""
        while b"\r\n\r\n" not in buf:
            chunk = self.sock.recv(4096)
            if not chunk:
                raise ConnectionError("websocket handshake failed")
            buf += chunk
        head, _, self.rest = buf.partition(b"\r\n\r\n")
        if b" 101 " not in head.split(b"\r\n")[0]:
            raise ConnectionError(head.decode(errors="replace"))

    def _read(self, n: int) -> bytes:
        out = self.rest[:n]
        self.rest = self.rest[n:]
        while len(out) < n:
            chunk = self.sock.recv(max(65536, n - len(out)))
            if not chunk:
                raise ConnectionError("websocket closed")
            out += chunk
        if len(out) > n:
            self.rest = out[n:] + self.rest
            out = out[:n]
        return out

    def send(self, text: str) -> None:
        data = text.encode()
        head = bytearray([0x81])
        if len(data) < 126:
            head.append(0x80 | len(data))
        elif len(data) < 1 << 16:
            head += bytes([0x80 | 126]) + struct.pack(">H", len(data))
        else:
            head += bytes([0x80 | 127]) + struct.pack(">Q", len(data))
        mask = os.urandom(4)
        head += mask
        self.sock.sendall(bytes(head) + bytes(b ^ mask[i % 4] for i, b in enumerate(data)))

    def recv(self) -> str:
        parts = []
        while True:
            b0, b1 = self._read(2)
            n = b1 & 0x7F
            if n == 126:
                n = struct.unpack(">H", self._read(2))[0]
            elif n == 127:
                n = struct.unpack(">Q", self._read(8))[0]
            payload = self._read(n)
            op = b0 & 0x0F
            if op == 0x8:
                raise ConnectionError("websocket closed by peer")
            if op in (0x9, 0xA):  # ping/pong: ignore
                continue
            parts.append(payload)
            if b0 & 0x80:
                return b"".join(parts).decode()

    def close(self) -> None:
        self.sock.close()


class _CDP:
    def __init__(self, ws: _WebSocket):
        self.ws = ws
        self.n = 0
        self.events: list[dict] = []

    def call(self, method: str, **params):
        self.n += 1
        my = self.n
        self.ws.send(json.dumps({"id": my, "method": method, "params": params}))
        while True:
            msg = json.loads(self.ws.recv())
            if msg.get("id") == my:
                if "error" in msg:
                    raise RuntimeError(f"{method}: {msg['error']}")
                return msg.get("result", {})
            if "method" in msg:
                self.events.append(msg)


@pytest.fixture(scope="module")
def chromium(tmp_path_factory):
    if CHROMIUM is None:
        pytest.skip(
            "headless Chromium not found (install Debian's `chromium` or set AIMAQ_CHROMIUM)"
        )
    profile = tmp_path_factory.mktemp("chromium-profile")
    proc = subprocess.Popen(
        [CHROMIUM, *FLAGS, f"--user-data-dir={profile}", "about:blank"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    port_file = profile / "DevToolsActivePort"
    deadline = time.time() + 30
    while not port_file.exists() or not port_file.read_text().strip():
        if time.time() > deadline or proc.poll() is not None:
            proc.kill()
            pytest.fail("chromium did not start its DevTools endpoint")
        time.sleep(0.1)
    port = int(port_file.read_text().split()[0])
    yield port
    proc.terminate()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()


def _page_ws(port: int) -> str:
    req = urllib.request.Request(f"http://127.0.0.1:{port}/json/new?about:blank", method="PUT")
    with urllib.request.urlopen(req, timeout=10) as r:
        return json.loads(r.read())["webSocketDebuggerUrl"]


def test_report_renders_offline_without_errors(report_en, chromium):
    ws = _WebSocket(_page_ws(chromium))
    cdp = _CDP(ws)
    try:
        for domain in ("Page", "Runtime", "Log", "Network"):
            cdp.call(f"{domain}.enable")
        url = report_en.html.resolve().as_uri()
        cdp.call("Page.navigate", url=url)
        n_figs = report_en.html.read_text(encoding="utf-8").count("Plotly.newPlot(")
        deadline = time.time() + 60
        rendered = 0
        while time.time() < deadline:
            r = cdp.call(
                "Runtime.evaluate",
                expression="document.readyState === 'complete' ? "
                "document.querySelectorAll('.js-plotly-plot .main-svg').length : -1",
                returnByValue=True,
            )
            rendered = r["result"].get("value", -1)
            # each plotly graph has two .main-svg layers (plot and hover)
            if rendered >= n_figs:
                break
            time.sleep(0.25)
        assert rendered >= n_figs, f"{rendered} plotly svg layers for {n_figs} figures"
        maps = cdp.call(
            "Runtime.evaluate",
            expression="document.querySelectorAll('#sec-maps .js-plotly-plot .main-svg').length",
            returnByValue=True,
        )["result"]["value"]
        assert maps > 0
        time.sleep(0.5)
        cdp.call("Runtime.evaluate", expression="1", returnByValue=True)  # flush pending events
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
        assert url in requests
        assert not foreign, foreign
    finally:
        ws.close()


@pytest.fixture(scope="module")
def reports(report_en, bundled_store, tmp_path_factory):
    from aimaq.report import build_report

    out = {"en": report_en}
    for lang in ("ru", "kk"):
        out[lang] = build_report(
            bundled_store, lang=lang, out_dir=tmp_path_factory.mktemp(f"browser_{lang}")
        )
    return out


_CITY_BOXES = """
(() => {
  const out = [];
  document.querySelectorAll('.js-plotly-plot').forEach((gd) => {
    const traces = gd.querySelectorAll('.scatterlayer .trace');
    (gd.data || []).forEach((tr, i) => {
      if (!(tr.meta && tr.meta.city)) return;
      const pt = traces[i] && traces[i].querySelector('.point');
      const r = pt ? pt.getBoundingClientRect() : {width: 0, height: 0};
      out.push([gd.id, tr.meta.region, r.width, r.height]);
    });
  });
  return out;
})()
"""


def _wait_rendered(cdp, n_figs: int) -> int:
    deadline = time.time() + 90
    rendered = 0
    while time.time() < deadline:
        r = cdp.call(
            "Runtime.evaluate",
            expression="document.readyState === 'complete' ? "
            "document.querySelectorAll('.js-plotly-plot .main-svg').length : -1",
            returnByValue=True,
        )
        rendered = r["result"].get("value", -1)
        if rendered >= n_figs:
            break
        time.sleep(0.25)
    return rendered


@pytest.mark.parametrize("lang", ["en", "ru", "kk"])
def test_report_profiles_methodology_and_cities(reports, lang, chromium):
    """Each language: no errors, no requests, 20 profiles and the methodology reachable by
    anchor, and Astana, Almaty and Shymkent each drawn larger than a few pixels on every map."""
    from aimaq.geo import registry
    from aimaq.report.maps import CITIES

    res = reports[lang]
    ws = _WebSocket(_page_ws(chromium))
    cdp = _CDP(ws)
    try:
        for domain in ("Page", "Runtime", "Log", "Network"):
            cdp.call(f"{domain}.enable")
        url = res.html.resolve().as_uri()
        cdp.call("Page.navigate", url=url)
        n_figs = res.html.read_text(encoding="utf-8").count("Plotly.newPlot(")
        assert _wait_rendered(cdp, n_figs) >= n_figs

        def js(expr):
            return cdp.call("Runtime.evaluate", expression=expr, returnByValue=True)["result"][
                "value"
            ]

        codes = registry.region_codes(res.borders)
        found = js(
            "JSON.stringify("
            + json.dumps(codes)
            + ".filter(c => document.getElementById('region-' + c)))"
        )
        assert json.loads(found) == codes
        assert js("!!document.getElementById('methodology')")
        js("location.hash = '#region-KZ-23'; 1")
        time.sleep(0.3)
        top = js("document.getElementById('region-KZ-23').getBoundingClientRect().top")
        assert abs(top) < 5 and js("window.scrollY") > 0
        boxes = js(_CITY_BOXES)
        n_maps = len({b[0] for b in boxes})
        assert n_maps >= 8  # every map of the report draws the cities
        assert sorted({b[1] for b in boxes}) == list(CITIES)
        small = [b for b in boxes if b[2] < 8 or b[3] < 8]
        assert not small, small
        time.sleep(0.3)
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
        assert not foreign, foreign
    finally:
        ws.close()
