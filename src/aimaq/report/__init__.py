"""The national report: findings, charts, tables, and the HTML/XLSX builder.

``build_report(store, year=None, lang="en", borders=None, out_dir=...)`` writes one
self-contained ``report.html`` (plotly.js embedded once, no network requests) and a
``report.xlsx`` with every table of the report.
"""

from aimaq.report.build import ReportResult, build_report, default_year

__all__ = ["ReportResult", "build_report", "default_year"]
