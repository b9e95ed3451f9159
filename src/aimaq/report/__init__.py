"""The national report: findings, charts, tables, and the HTML/XLSX builder.

``build_report(store, year=None, lang="en", borders=None, out_dir=...)`` writes one
self-contained ``report.html`` (plotly.js embedded once, no network requests) and a
``report.xlsx`` with every table of the report. The package: :mod:`~aimaq.report.context`
(the build context, ``Section``, ``NoData``), :mod:`~aimaq.report.sections` (one module per
section group and the ordered registry), :mod:`~aimaq.report.constants`,
:mod:`~aimaq.report.text` (translations in ``i18n/<lang>.toml``, number formats),
:mod:`~aimaq.report.tables`, :mod:`~aimaq.report.charts`, :mod:`~aimaq.report.findings`.
"""

from aimaq.datasets import default_year
from aimaq.report.build import build_report
from aimaq.report.context import NoData, ReportResult, Section

__all__ = ["NoData", "ReportResult", "Section", "build_report", "default_year"]
