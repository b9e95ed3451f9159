"""``aimaq indicators``: the indicator catalogue."""

from __future__ import annotations

import typer

from aimaq.commands._options import console

__all__ = ["register", "indicators"]


def indicators(lang: str = typer.Option("en", help="en, ru, kk")):
    """List the indicator catalogue."""
    from rich.table import Table

    from aimaq import catalogue

    t = Table(title="Indicator catalogue")
    for c in ("id", "name", "unit", "additive", "direction", "formula"):
        t.add_column(c, overflow="fold")
    for i in catalogue.indicators():
        t.add_row(
            i.id + (f" ({', '.join(i.aliases)})" if i.aliases else ""),
            i.name(lang),
            i.unit_label(lang),
            "yes" if i.additive else "no",
            i.direction,
            i.formula or "",
        )
    console.print(t)


def register(app: typer.Typer) -> None:
    app.command("indicators")(indicators)
