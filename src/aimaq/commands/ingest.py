"""``aimaq ingest``: load files into the store, each file one transaction."""

from __future__ import annotations

from pathlib import Path

import typer

from aimaq.commands._options import DB, console, err_console, open_db

__all__ = ["ingest", "register"]


def ingest(
    files: list[Path] = typer.Argument(..., help="Bureau xlsx/csv files or tidy CSV files."),
    indicator: str = typer.Option(None, help="Indicator id, when the file cannot tell."),
    show_skipped: bool = typer.Option(
        False, "--show-skipped", help="List every cell, row and column not loaded, and why."
    ),
    allow_partial: bool = typer.Option(
        False, "--allow-partial", help="Load a table that lists only some regions of its division."
    ),
    force: str = typer.Option(
        None,
        "--force",
        metavar="NOTE",
        help="Keep figures outside the catalogue's plausibility bounds; NOTE (why they are "
        "right) is stored with the load.",
    ),
    db: str = DB,
):
    """Load files into the store: each file one transaction (lands whole or not at all)."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
    from rich.table import Table

    from aimaq.ingest.dispatch import ingest_file

    st = open_db(db)
    t = Table(title="Ingest summary")
    for c in ("file", "added", "unchanged", "revised", "skipped (by reason)"):
        t.add_column(c, justify="left" if c in ("file", "skipped (by reason)") else "right")
    done = []
    with Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), console=err_console
    ) as prog:
        task = prog.add_task("ingesting", total=len(files))
        for f in files:
            prog.update(task, description=f"ingesting {f.name}")
            s = ingest_file(f, st, indicator=indicator, allow_partial=allow_partial, force=force)
            why = "; ".join(f"{n} {k}" for k, n in s.skipped.items()) or "–"
            t.add_row(
                str(f),
                str(s.added),
                str(s.unchanged),
                str(s.revised),
                f"{s.rows_skipped}: {why}" if s.rows_skipped else "0",
            )
            done.append((f, s))
            prog.advance(task)
    console.print(t)
    for f, s in done:
        for w in s.warnings:
            err_console.print(f"[yellow]warning:[/] {f}: {w}", highlight=False)
        if show_skipped and len(s.table.skipped):
            sk = Table(title=f"Not loaded from {f.name}")
            for c in ("sheet", "row", "cell", "content", "reason"):
                sk.add_column(c, overflow="fold")
            for r in s.table.skipped.itertuples(index=False):
                sk.add_row(*("" if v is None or v != v else str(v) for v in r))
            console.print(sk)


def register(app: typer.Typer) -> None:
    app.command("ingest")(ingest)
