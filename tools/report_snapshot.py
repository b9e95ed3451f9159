"""Snapshot of the national report built from the bundled data: findings, sections and tables.

``python tools/report_snapshot.py [OUT.json]`` rebuilds the report in every language on a fresh
store of the bundled data and writes what a reader sees (each finding's text and figures, each
section's status and texts, each table's title, headers, values, notes and sources) to
``tests/report/data/report_snapshot.json``. ``tests/report/test_snapshot.py`` compares a fresh
build with it, so that a restructuring of the report is shown to change nothing (apart from the
build date). Regenerate it only when a change of the report's content is intended.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import sys
import tempfile
from pathlib import Path

__all__ = ["LANGS", "snapshot", "snapshot_of"]

LANGS = ("en", "ru", "kk")
OUT = Path(__file__).resolve().parents[1] / "tests" / "report" / "data" / "report_snapshot.json"


def _cell(v):
    """A JSON value of a table cell: floats to 10 significant digits, gaps as None."""
    try:
        import pandas as pd

        if v is None or (not isinstance(v, str | list | tuple) and pd.isna(v)):
            return None
    except (TypeError, ValueError):
        pass
    if isinstance(v, dict):  # a text figure in every language
        return json.dumps(v, ensure_ascii=False, sort_keys=True)
    if isinstance(v, bool):
        return v
    if isinstance(v, int | float) or hasattr(v, "__float__") and not isinstance(v, str):
        x = float(v)
        if math.isnan(x):
            return None
        if x.is_integer() and abs(x) < 1e15:
            return int(x)
        return float(f"{x:.10g}")
    return _undate(str(v))


def _undate(s: str) -> str:
    return s.replace(dt.date.today().isoformat(), "<date>")


def snapshot_of(res, lang: str) -> dict:
    """What one built report (a :class:`aimaq.report.ReportResult`) shows, as plain data."""
    return {
        "year": res.year,
        "borders": res.borders,
        "findings": [
            {
                "id": f.id,
                "table": f.table,
                "text": f.text[lang],
                "figures": {
                    k: _cell(v) if not isinstance(v, list | tuple) else [_cell(x) for x in v]
                    for k, v in sorted(f.figures.items())
                },
            }
            for f in res.findings
        ],
        "sections": [
            {
                "id": s.id,
                "title": s.title,
                "status": s.status,
                "missing": list(s.missing),
                "texts": [_undate(b["html"]) for b in s.blocks if b["kind"] == "text"],
                "n_figures": sum(b["kind"] == "figure" for b in s.blocks),
                "captions": [b.get("caption", "") for b in s.blocks if b["kind"] == "figure"],
            }
            for s in res.sections
        ],
        "tables": [
            {
                "id": tab.id,
                "number": tab.number,
                "title": tab.title,
                "columns": [str(c) for c in tab.frame.columns],
                "rows": [[_cell(v) for v in row] for row in tab.frame.itertuples(index=False)],
                "digits": {str(k): int(v) for k, v in tab.digits.items()},
                "notes": [_undate(str(n)) for n in tab.notes],
                "sources": [str(s) for s in tab.sources],
            }
            for tab in res.tables
        ],
    }


def snapshot(store, langs=LANGS) -> dict:
    """Build the report in each of ``langs`` from ``store`` and return their snapshots."""
    from aimaq.report import build_report

    out = {}
    with tempfile.TemporaryDirectory() as tmp:
        for lang in langs:
            res = build_report(store, lang=lang, out_dir=Path(tmp) / lang)
            out[lang] = snapshot_of(res, lang)
    return out


def main(argv: list[str]) -> None:
    from aimaq import open_store

    path = Path(argv[0]) if argv else OUT
    with tempfile.TemporaryDirectory() as tmp:
        st = open_store(Path(tmp) / "aimaq.sqlite")
        snap = snapshot(st)
        st.dispose()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(snap, ensure_ascii=False, indent=1, sort_keys=True) + "\n", "utf-8")
    counts = ", ".join(f"{k}: {len(v['tables'])} tables" for k, v in snap.items())
    print(f"{path}: {counts}")


if __name__ == "__main__":
    main(sys.argv[1:])
