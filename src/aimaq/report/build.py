"""Build the national report: one self-contained HTML file and one XLSX workbook.

Every figure of the report is read from the store (with its recorded source) or computed from
it at build time. The sections are those of :data:`aimaq.report.sections.REGISTRY`, in order;
a section whose data are missing says so (it raises :class:`~aimaq.report.context.NoData`) and
the rest still builds, while a programming error propagates with its traceback. The data
appendix lists every figure's source and the gaps (indicator, year, regions missing).
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from importlib import resources
from pathlib import Path

from aimaq.datasets import Datasets, check_year, default_year
from aimaq.report.context import Context, NoData, ReportResult, Section, version
from aimaq.report.sections import REGISTRY, builder
from aimaq.report.sections.appendix import appendix
from aimaq.report.tables import to_html, write_xlsx
from aimaq.report.text import LANGS, t

__all__ = ["Progress", "build_report"]

Progress = Callable[[str, int, int], None]


def build_report(
    store,
    year: int | None = None,
    lang: str = "en",
    borders: int | None = None,
    out_dir: str | Path = "report",
    progress: Progress | None = None,
    groups: str | Path | None = None,
) -> ReportResult:
    """Build ``out_dir/report.html`` (self-contained, offline) and ``out_dir/report.xlsx``.

    Parameters
    ----------
    store : aimaq.store.Store
        The observation store the figures are read from.
    year : int, optional
        Reference year (default: the latest year with GRP per capita for every region,
        :func:`aimaq.datasets.default_year`). A year without GRP per capita for every region
        raises :class:`aimaq.datasets.NoCoreData`, which names the years that have it.
    lang : {"en", "ru", "kk"}
        Language of every text of the report.
    borders : int, optional
        Division the regions are shown on (default: the division in force in ``year``). Time
        series and convergence use the last pre-2022 division (2021) when ``borders`` is later,
        so that every year covers the same regions.
    out_dir : path-like
        Output directory (created if needed).
    progress : callable, optional
        ``progress(step, i, n)`` called before each step (e.g. to drive a Rich progress bar).
    groups : path-like, optional
        Macro-region grouping file (default: the bundled five macro-regions).

    Returns
    -------
    ReportResult
    """
    import plotly.offline
    from jinja2 import Environment, PackageLoader, select_autoescape

    if lang not in LANGS:
        raise ValueError(f"build_report: lang must be one of {', '.join(LANGS)}, got {lang!r}")
    t0 = time.perf_counter()
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    data = Datasets(store, not_in_store=t("not_in_store", lang))
    if year is None:
        year = default_year(store, coverage=data.coverage())
    else:  # a year without the core figures would give a near-empty report: refuse it
        year = check_year(store, year, coverage=data.coverage())
    b = int(borders) if borders is not None else year
    ctx = Context(data=data, lang=lang, year=year, borders=b, groups_path=groups)
    n_steps = len(REGISTRY) + 3

    def tick(step: str, i: int) -> None:
        if progress is not None:
            progress(step, i, n_steps)

    for i, (sid, target) in enumerate(REGISTRY):
        tick(sid, i)
        sec = Section(sid, t(f"sec_{sid}", lang))
        ctx.sections.append(sec)
        try:
            builder(target)(ctx, sec)
        except NoData as e:  # missing figures: the section says so; any other error propagates
            ctx.missing(sec, str(e))
    tick("appendix", len(REGISTRY))
    app = Section("appendix", t("sec_appendix", lang))
    src, gaps = appendix(ctx, app)
    ctx.sections.append(app)

    tick("html", len(REGISTRY) + 1)
    env = Environment(
        loader=PackageLoader("aimaq.report", "templates"),
        autoescape=select_autoescape(["html", "j2"]),
    )
    tpl = env.get_template("report.html.j2")
    css = resources.files("aimaq.report").joinpath("templates", "report.css").read_text("utf-8")
    summary = [s for s in ctx.sections if s.id != "key"]
    html = tpl.render(
        lang=lang,
        t=lambda key, **kw: t(key, lang, **kw),
        year=year,
        borders=b,
        css=css,
        plotlyjs=plotly.offline.get_plotlyjs(),
        findings=ctx.findings,
        tables={tab.id: tab for tab in ctx.tables},
        sections=ctx.sections,
        summary=summary,
        to_html=lambda tab: to_html(tab, lang),
        generated=t("generated", lang, version=version(), date=dt.date.today().isoformat()),
    )
    html_path = out / "report.html"
    html_path.write_text(html, encoding="utf-8")

    tick("xlsx", len(REGISTRY) + 2)
    xlsx_path = out / "report.xlsx"
    sheets = write_xlsx(ctx.tables, xlsx_path, title=t("title", lang) + f", {year}")
    tick("done", n_steps)
    return ReportResult(
        html=html_path,
        xlsx=xlsx_path,
        year=year,
        lang=lang,
        borders=b,
        sections=ctx.sections,
        tables=ctx.tables,
        findings=ctx.findings,
        gaps=gaps,
        sources=src,
        sheets=sheets,
        seconds=time.perf_counter() - t0,
    )
