"""``aimaq export``: figures with their sources as CSV or XLSX."""

from __future__ import annotations

from pathlib import Path

import typer

from aimaq.commands._options import DB, console, open_db

__all__ = ["register", "export"]


def export(
    out: Path = typer.Option(..., "--out", help="Output file."),
    indicator: list[str] = typer.Option(
        None, "--indicator", "-i", help="Indicator(s); default all."
    ),
    fmt: str = typer.Option("csv", "--format", help="csv or xlsx"),
    borders: int = typer.Option(None, help="Express on the division of this year."),
    db: str = DB,
):
    """Export figures with their sources as CSV or XLSX."""
    import pandas as pd

    st = open_db(db)
    ids = indicator or sorted(st.indicators_present())
    df = pd.concat([st.observations(i, borders=borders) for i in ids], ignore_index=True)
    if fmt == "csv":
        df.to_csv(out, index=False)
    elif fmt == "xlsx":
        df.to_excel(out, index=False, sheet_name="observations")
    else:
        raise typer.BadParameter("--format must be csv or xlsx")
    console.print(f"{len(df)} rows → {out}")


def register(app: typer.Typer) -> None:
    app.command("export")(export)
