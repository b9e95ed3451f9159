"""``aimaq trace ...`` end to end (subprocess, own store)."""

import json
import os
import subprocess
import sys
from pathlib import Path

SRC = str(Path(__file__).resolve().parents[1] / "src")


def _run(tmp_path, *args):
    env = {**os.environ, "PYTHONPATH": SRC, "AIMAQ_DB": str(tmp_path / "cli.sqlite")}
    return subprocess.run(
        [sys.executable, "-m", "aimaq.cli", "trace", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        cwd=tmp_path,
    )


def test_demo_capture_forward_map_and_verify(tmp_path):
    r = _run(tmp_path, "demo")
    assert r.returncode == 0, r.stderr
    assert "breached" in r.stdout and "9521004000014" in r.stdout
    assert "chain intact: 35 records" in r.stdout
    bad = tmp_path / "bad.json"
    bad.write_text(
        '{"type": "ObjectEvent", "eventTime": "2026-11-04T08:00:00+05:00", "action": "ADD", '
        '"epcList": []}'
    )
    from aimaq.supply.trace.demo import demo_path

    r = _run(tmp_path, "capture", str(demo_path()), str(bad))
    assert r.returncode == 1
    assert r.stdout.strip().splitlines()[-1] == "accepted=0 duplicates=35 rejected=1"
    assert "bad.json" in r.stderr and "$.eventTimeZoneOffset" in r.stderr
    r = _run(
        tmp_path,
        "forward",
        "urn:epc:class:lgtin:9521002.000002.B2611",
        "--html",
        "m.html",
        "--geojson",
        "m.geojson",
    )
    assert r.returncode == 0, r.stderr
    gj = json.loads((tmp_path / "m.geojson").read_text())
    assert sum(f["geometry"]["type"] == "LineString" for f in gj["features"]) == 3
    html = (tmp_path / "m.html").read_text()
    assert "<script src=" not in html and "GeoNames" in html
    r = _run(tmp_path, "verify")
    assert r.returncode == 0 and "intact" in r.stdout
