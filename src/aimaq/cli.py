"""The ``aimaq`` command line (Typer + Rich).

Errors print one clear line and exit non-zero; ``--debug`` anywhere on the line shows the
traceback instead.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from rich.table import Table

__all__ = ["app", "main"]

app = typer.Typer(
    name="aimaq",
    help="Territorial development of Kazakhstan: regional statistics, disparities, supply chains.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
console = Console()
err = Console(stderr=True)

DbOpt = typer.Option(
    None,
    "--db",
    help="Store: SQLite file or SQLAlchemy URL (default: AIMAQ_DB or the user data dir).",
)


def _store(db: str | None):
    from aimaq.store import open_store

    return open_store(db)


def _fmt(v: float) -> str:
    if v is None:
        return "–"
    return f"{v:,.1f}" if abs(v) < 1e6 or v != int(v) else f"{v:,.0f}"


@app.command()
def regions(
    borders: int = typer.Option(None, help="Division of this year (default: today's 20 regions)."),
    lang: str = typer.Option("en", help="Name language: en, ru, kk."),
    level: str = typer.Option("region", help="region, or district (KATO-coded second level)."),
    region: str = typer.Option(None, "--region", help="With --level district: one region."),
):
    """List the regions with their codes and names."""
    if level == "district":
        from aimaq.commands.districts import list_districts

        return list_districts(region, 2018 if borders and borders < 2022 else 2024, lang)
    from aimaq.geo import registry

    t = Table(title=f"Regions of Kazakhstan{f' (borders of {borders})' if borders else ''}")
    for c in ("code", "KATO", "kind", "name", "centre", "valid from", "valid to"):
        t.add_column(c)
    for code, r in registry.regions(borders).iterrows():
        t.add_row(code, r.kato, r.kind, r[f"name_{lang}"], r.centre_en, r.valid_from, r.valid_to)
    console.print(t)


@app.command()
def indicators(lang: str = typer.Option("en", help="en, ru, kk")):
    """List the indicator catalogue."""
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


@app.command()
def coverage(
    indicator: str = typer.Option(
        None, "--indicator", "-i", help="Region × year matrix for one indicator."
    ),
    db: str = DbOpt,
):
    """What exists: indicator × year (regions present of those in force), or region × year."""
    from aimaq import catalogue
    from aimaq.geo import registry

    cov = _store(db).coverage()
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


@app.command()
def ingest(
    files: list[Path] = typer.Argument(..., help="Bureau xlsx/csv files or tidy CSV files."),
    indicator: str = typer.Option(None, help="Indicator id, when the file cannot tell."),
    db: str = DbOpt,
):
    """Load files into the store: each file one transaction (lands whole or not at all)."""
    from aimaq.ingest.dispatch import ingest_file

    st = _store(db)
    t = Table(title="Ingest summary")
    for c in ("file", "added", "unchanged", "revised"):
        t.add_column(c, justify="right" if c != "file" else "left")
    with Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), console=err
    ) as prog:
        task = prog.add_task("ingesting", total=len(files))
        for f in files:
            prog.update(task, description=f"ingesting {f.name}")
            s = ingest_file(f, st, indicator=indicator)
            t.add_row(str(f), str(s.added), str(s.unchanged), str(s.revised))
            prog.advance(task)
    console.print(t)


@app.command()
def show(
    indicator: str = typer.Argument(..., help="Indicator id or alias, e.g. grp_per_capita."),
    year: int = typer.Option(None, help="Year (default: the latest with regional figures)."),
    borders: int = typer.Option(None, help="Express on the division of this year."),
    lang: str = typer.Option("en", help="en, ru, kk"),
    db: str = DbOpt,
    level: str = typer.Option("region", help="region, or district (figures by KATO code)."),
    region: str = typer.Option(None, "--region", help="With --level district: one region."),
):
    """A ranked table of one indicator for one year, with the national value."""
    if level == "district":
        from aimaq.commands.districts import show_districts

        return show_districts(indicator, region, year, lang, db)
    from aimaq import catalogue
    from aimaq.geo import registry

    ind = catalogue.get(indicator)
    st = _store(db)
    q = st.query(ind.id, borders=borders)
    df = q.frame
    if df.empty:
        raise typer.BadParameter(f"no figures for {ind.id} in the store (see `aimaq coverage`)")
    if year is None:
        reg = df[df["region"] != "KZ"]
        year = int(reg["year"].max() if not reg.empty else df["year"].max())
    d = df[df["year"] == year]
    if d.empty:
        have = ", ".join(map(str, sorted(df["year"].unique())))
        raise typer.BadParameter(f"no figures for {ind.id} in {year}; years present: {have}")
    nat = d[d["region"] == "KZ"]["value"]
    national = float(nat.iloc[0]) if len(nat) else None
    reg = d[d["region"] != "KZ"].copy()
    asc = ind.direction == "higher_worse"
    reg = reg.sort_values("value", ascending=asc).reset_index(drop=True)
    t = Table(
        title=f"{ind.name(lang)}, {year} ({ind.unit_label(lang)})"
        + (f", borders of {borders}" if borders else ""),
        caption=f"national value: {_fmt(national)}"
        if national is not None
        else "national value: not published",
    )
    for c in ("rank", "code", "region", "value", "% of national"):
        t.add_column(c, justify="right" if c in ("rank", "value", "% of national") else "left")
    for i, r in reg.iterrows():
        rel = f"{100 * r.value / national:.1f}" if national else "–"
        style = "red" if national and ((r.value < national) != asc) else None
        t.add_row(
            str(i + 1), r.region, registry.name(r.region, lang), _fmt(r.value), rel, style=style
        )
    if national is not None:
        t.add_row("", "KZ", registry.name("KZ", lang), _fmt(national), "100.0", style="bold")
    console.print(t)
    if national is not None:
        below = int((reg["value"] < national).sum())
        console.print(f"{below} of {len(reg)} regions below the national value.")
    gaps = [f"{r} ({why})" for (r, y), why in q.gaps.items() if y == year]
    missing = [c for c in registry.region_codes(borders or year) if c not in set(reg["region"])]
    if gaps or missing:
        console.print(f"[yellow]Gaps:[/] {', '.join(gaps or missing)}")
    for src in reg["source"].unique():
        console.print(f"[dim]Source: {src}[/]")


@app.command()
def export(
    out: Path = typer.Option(..., "--out", help="Output file."),
    indicator: list[str] = typer.Option(
        None, "--indicator", "-i", help="Indicator(s); default all."
    ),
    fmt: str = typer.Option("csv", "--format", help="csv or xlsx"),
    borders: int = typer.Option(None, help="Express on the division of this year."),
    db: str = DbOpt,
):
    """Export figures with their sources as CSV or XLSX."""
    import pandas as pd

    st = _store(db)
    ids = indicator or sorted(st.indicators_present())
    df = pd.concat([st.observations(i, borders=borders) for i in ids], ignore_index=True)
    if fmt == "csv":
        df.to_csv(out, index=False)
    elif fmt == "xlsx":
        df.to_excel(out, index=False, sheet_name="observations")
    else:
        raise typer.BadParameter("--format must be csv or xlsx")
    console.print(f"{len(df)} rows → {out}")


@app.command()
def serve(
    host: str = typer.Option("127.0.0.1", help="Address to bind."),
    port: int = typer.Option(8000, help="Port."),
    db: str = DbOpt,
):
    """Serve the web API (OpenAPI docs at /docs)."""
    import uvicorn

    from aimaq.api import create_app

    uvicorn.run(create_app(_store(db)), host=host, port=port)


def _register_commands() -> None:
    for name in (
        "report",
        "analysis",
        "site",
        "trace",
        "prices",
        "planning",
        "participants",
        "districts",
    ):
        try:
            mod = importlib.import_module(f"aimaq.commands.{name}")
        except ModuleNotFoundError as e:
            if e.name != f"aimaq.commands.{name}":
                raise
            continue
        mod.register(app)


_register_commands()


def main() -> None:
    debug = "--debug" in sys.argv
    if debug:
        sys.argv.remove("--debug")
    try:
        app(standalone_mode=False)
    except Exception as e:  # one clear line; the traceback only with --debug
        if debug:
            raise
        import click

        if isinstance(e, click.exceptions.Abort):
            err.print("aborted")
            sys.exit(130)
        if isinstance(e, click.ClickException):
            e.show()
            sys.exit(e.exit_code)
        msg = str(e).strip() or type(e).__name__
        err.print(f"[bold red]error:[/] {msg}", highlight=False)
        sys.exit(1)


if __name__ == "__main__":
    main()
