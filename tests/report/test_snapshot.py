"""The report built from the bundled data equals its recorded snapshot (apart from the date).

The snapshot (``data/report_snapshot.json``, written by ``tools/report_snapshot.py`` from the
code before the report was split into a package) holds every finding, section text and table
value in the three languages; a restructuring must leave all of them unchanged.
"""

import importlib.util
import json
import math
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SNAPSHOT = Path(__file__).with_name("data") / "report_snapshot.json"


def _tool():
    spec = importlib.util.spec_from_file_location(
        "report_snapshot", ROOT / "tools" / "report_snapshot.py"
    )
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="module")
def recorded():
    return json.loads(SNAPSHOT.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def tool():
    return _tool()


def _same(a, b) -> bool:
    """Equal cells; numbers equal to the snapshot's 10 significant digits."""
    if isinstance(a, int | float) and isinstance(b, int | float) and not isinstance(a, bool):
        return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)
    return a == b


def _compare(fresh: dict, want: dict) -> None:
    assert fresh["year"] == want["year"] and fresh["borders"] == want["borders"]
    assert [f["id"] for f in fresh["findings"]] == [f["id"] for f in want["findings"]]
    for f, w in zip(fresh["findings"], want["findings"], strict=True):
        assert f == w, f"finding {w['id']}"
    assert [s["id"] for s in fresh["sections"]] == [s["id"] for s in want["sections"]]
    for s, w in zip(fresh["sections"], want["sections"], strict=True):
        assert s == w, f"section {w['id']}"
    assert [t["id"] for t in fresh["tables"]] == [t["id"] for t in want["tables"]]
    for t, w in zip(fresh["tables"], want["tables"], strict=True):
        for key in ("title", "columns", "digits", "notes", "sources", "number"):
            assert t[key] == w[key], f"table {w['id']}: {key}"
        assert len(t["rows"]) == len(w["rows"]), f"table {w['id']}: rows"
        for i, (r, rw) in enumerate(zip(t["rows"], w["rows"], strict=True)):
            assert len(r) == len(rw) and all(map(_same, r, rw)), f"table {w['id']}, row {i}"


def test_english_report_equals_snapshot(report_en, recorded, tool):
    _compare(json.loads(json.dumps(tool.snapshot_of(report_en, "en"))), recorded["en"])


@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_report_equals_snapshot(lang, bundled_store, recorded, tool, tmp_path):
    from aimaq.report import build_report

    res = build_report(bundled_store, lang=lang, out_dir=tmp_path)
    _compare(json.loads(json.dumps(tool.snapshot_of(res, lang))), recorded[lang])
