"""``aimaq show``: a ranked table of one indicator for one year."""

from __future__ import annotations

import typer

from aimaq.commands._options import DB, console, fmt_number, open_db

__all__ = ["register", "show"]


def show(
    indicator: str = typer.Argument(..., help="Indicator id or alias, e.g. grp_per_capita."),
    year: int = typer.Option(None, help="Year (default: the latest with regional figures)."),
    borders: int = typer.Option(None, help="Express on the division of this year."),
    lang: str = typer.Option("en", help="en, ru, kk"),
    db: str = DB,
    level: str = typer.Option("region", help="region, or district (figures by KATO code)."),
    region: str = typer.Option(None, "--region", help="With --level district: one region."),
):
    """A ranked table of one indicator for one year, with the national value."""
    if level == "district":
        from aimaq.commands.districts import show_districts

        return show_districts(indicator, region, year, lang, db)
    from rich.table import Table

    from aimaq import catalogue
    from aimaq.geo import registry

    ind = catalogue.get(indicator)
    st = open_db(db)
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
        caption=f"national value: {fmt_number(national)}"
        if national is not None
        else "national value: not published",
    )
    for c in ("rank", "code", "region", "value", "% of national"):
        t.add_column(c, justify="right" if c in ("rank", "value", "% of national") else "left")
    for i, r in reg.iterrows():
        rel = f"{100 * r.value / national:.1f}" if national else "–"
        style = "red" if national and ((r.value < national) != asc) else None
        t.add_row(
            str(i + 1),
            r.region,
            registry.name(r.region, lang),
            fmt_number(r.value),
            rel,
            style=style,
        )
    if national is not None:
        t.add_row("", "KZ", registry.name("KZ", lang), fmt_number(national), "100.0", style="bold")
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


def register(app: typer.Typer) -> None:
    app.command("show")(show)
