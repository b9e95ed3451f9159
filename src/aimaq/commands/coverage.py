"""``aimaq coverage``: what the store holds, indicator × year or region × year."""

from __future__ import annotations

import typer

from aimaq.commands._options import DB, console, open_db

__all__ = ["register", "coverage"]


def coverage(
    indicator: str = typer.Option(
        None, "--indicator", "-i", help="Region × year matrix for one indicator."
    ),
    db: str = DB,
):
    """What exists: indicator × year (regions present of those in force), or region × year."""
    from rich.table import Table

    from aimaq import catalogue
    from aimaq.geo import registry

    cov = open_db(db).coverage()
    if indicator:
        ind = catalogue.get(indicator).id
        sub = cov[cov["indicator"] == ind]
        years = sorted(sub["year"].unique())
        t = Table(title=f"Coverage of {ind}: ✓ published, · gap")
        t.add_column("region")
        for y in years:
            t.add_column(str(y), justify="center")
        codes = list(dict.fromkeys(["KZ", *sorted(registry.all_codes())]))
        have = set(zip(sub["region"], sub["year"], strict=True))
        for c in codes:
            if not any(registry.valid_in(c, y) for y in years) and not any(
                (c, y) in have for y in years
            ):
                continue
            cells = []
            for y in years:
                if (c, y) in have:
                    cells.append("[green]✓[/]")
                elif c == "KZ" or registry.valid_in(c, y):
                    cells.append("[red]·[/]")
                else:
                    cells.append("")
            t.add_row(f"{c} {registry.name(c)}", *cells)
        console.print(t)
        return
    years = sorted(cov["year"].unique())
    t = Table(
        title="Coverage: regions with a figure / regions in force (n = national figure present)"
    )
    t.add_column("indicator", no_wrap=True)
    for y in years:
        t.add_column(str(y), justify="right", no_wrap=True, min_width=6)
    for ind, g in cov.groupby("indicator"):
        cells = []
        for y in years:
            gy = g[g["year"] == y]
            if gy.empty:
                cells.append("")
                continue
            n_in = len(registry.region_codes(int(y)))
            n = int((gy["region"] != "KZ").sum())
            nat = "n" if (gy["region"] == "KZ").any() else ""
            colour = "green" if n >= n_in else ("yellow" if n else "red")
            cells.append(f"[{colour}]{n}/{n_in}{nat}[/]")
        t.add_row(ind, *cells)
    console.print(t)


def register(app: typer.Typer) -> None:
    app.command("coverage")(coverage)
