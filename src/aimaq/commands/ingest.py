"""``aimaq ingest``: load files into the store, each file one transaction."""

from __future__ import annotations

from pathlib import Path

import typer

from aimaq.commands._options import DB, console, err_console, open_db

__all__ = ["register", "ingest"]


def ingest(
    files: list[Path] = typer.Argument(..., help="Bureau xlsx/csv files or tidy CSV files."),
    indicator: str = typer.Option(None, help="Indicator id, when the file cannot tell."),
    db: str = DB,
):
    """Load files into the store: each file one transaction (lands whole or not at all)."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
    from rich.table import Table

    from aimaq.ingest.dispatch import ingest_file

    st = open_db(db)
    t = Table(title="Ingest summary")
    for c in ("file", "added", "unchanged", "revised"):
        t.add_column(c, justify="right" if c != "file" else "left")
    with Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), console=err_console
    ) as prog:
        task = prog.add_task("ingesting", total=len(files))
        for f in files:
            prog.update(task, description=f"ingesting {f.name}")
            s = ingest_file(f, st, indicator=indicator)
            t.add_row(str(f), str(s.added), str(s.unchanged), str(s.revised))
            prog.advance(task)
    console.print(t)


def register(app: typer.Typer) -> None:
    app.command("ingest")(ingest)
