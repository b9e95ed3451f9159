"""Helpers of the report tests: a section's HTML and a table of a built report."""

import re


def section_html(report, sid: str) -> str:
    """The ``<section id="sec-<sid>">`` element of ``report``'s HTML."""
    html = report.html.read_text(encoding="utf-8")
    m = re.search(rf'<section id="sec-{sid}".*?</section>', html, flags=re.S)
    assert m, sid
    return m.group(0)


def table(report, tid: str):
    """The :class:`~aimaq.report.tables.ReportTable` ``tid`` of ``report``."""
    return next(t for t in report.tables if t.id == tid)
