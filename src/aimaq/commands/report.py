"""``aimaq report``: build the national report (HTML + XLSX) from the store."""

from __future__ import annotations

import gc
from pathlib import Path

import typer

from aimaq.commands._options import DB

__all__ = ["register", "report"]


def report(
    year: int = typer.Option(
        None, "--year", help="Reference year (default: latest with GRP per capita for all regions)."
    ),
    lang: str = typer.Option("en", "--lang", help="Language of the report: kk, ru or en."),
    borders: int = typer.Option(
        None, "--borders", help="Show regions on the division of this year (default: --year's)."
    ),
    out: Path = typer.Option(Path("report"), "--out", help="Output directory."),
    db: str = DB,
    groups: Path = typer.Option(None, "--groups", help="Macro-region grouping TOML file."),
    pdf: bool = typer.Option(
        False, "--pdf", help="Also print out/report.pdf (A4) with headless Chromium."
    ),
    grouping: str = typer.Option(
        None, "--grouping", help="Grouping: a bundled name (macro5, econgeo6) or a TOML file."
    ),
):
    """Build the national report: out/report.html (self-contained, offline) and out/report.xlsx."""
    if lang not in ("kk", "ru", "en"):
        raise typer.BadParameter("--lang must be kk, ru or en")
    if grouping is not None:
        if groups is not None:
            raise typer.BadParameter("give --grouping or --groups, not both")
        from aimaq.geo.groupings import GroupingError, grouping_path

        try:
            groups = grouping_path(grouping)
        except GroupingError as e:
            raise typer.BadParameter(str(e), param_hint="--grouping") from None
    # The build allocates many long-lived objects (the imported libraries, figures, tables) and
    # little cyclic garbage; the cyclic collector's full passes over them during the build and
    # at interpreter exit took about 0.7 s of a 3.5 s run. Pause it for the build and freeze
    # what is left afterwards (the frozen objects are never traversed again; the few cycles left
    # by the build, about 10 MB, are not reclaimed in a long-lived process).
    gc_was_enabled = gc.isenabled()
    gc.freeze()
    gc.disable()
    try:
        _report(year, lang, borders, out, db, groups, pdf)
    finally:
        gc.freeze()
        if gc_was_enabled:
            gc.enable()


def _report(year, lang, borders, out, db, groups, pdf=False) -> None:
    """Build with a progress bar on stderr; print what was written and what is missing."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    err = Console(stderr=True)
    out_console = Console()
    with Progress(
        TextColumn("[bold]report[/] {task.description:<14}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=False,
    ) as prog:
        task = prog.add_task("opening store", total=None)

        def progress(step: str, i: int, n: int) -> None:
            prog.update(task, description=step, completed=i, total=n)

        from aimaq.commands._options import open_db
        from aimaq.datasets import NoCoreData
        from aimaq.report.build import build_report

        store = open_db(db)
        try:
            res = build_report(
                store,
                year=year,
                lang=lang,
                borders=borders,
                out_dir=out,
                progress=progress,
                groups=groups,
            )
        except NoCoreData as e:
            prog.stop()
            err.print(f"[red]aimaq report: {e}[/]")
            raise typer.Exit(code=2) from None
    missing = [s for s in res.sections if s.status != "ok"]
    out_console.print(
        f"report {res.year} ({res.lang}, borders of {res.borders}): {res.html} "
        f"({res.html_bytes / 1e6:.1f} MB), {res.xlsx} ({len(res.sheets)} sheets), "
        f"{len(res.findings)} findings, {res.seconds:.1f} s"
    )
    for s in missing:
        out_console.print(f"[yellow]{s.id}: {s.status}[/] " + "; ".join(s.missing))
    if pdf:
        from aimaq.report.pdf import ChromiumNotFound, print_pdf

        try:
            path = print_pdf(res.html, res.html.with_suffix(".pdf"))
        except ChromiumNotFound as e:
            err.print(f"[red]aimaq report --pdf: {e}[/]")
            raise typer.Exit(code=3) from None
        out_console.print(f"{path} ({path.stat().st_size / 1e6:.1f} MB, A4)")


def register(app: typer.Typer) -> None:
    """Add the ``report`` command to ``app``."""
    app.command("report")(report)
