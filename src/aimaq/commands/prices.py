"""``aimaq prices``: load price files, spike alerts, markups, regional dispersion."""

from __future__ import annotations

from pathlib import Path

import typer

__all__ = ["register"]

prices_app = typer.Typer(
    help="Food prices: ingest, spike alerts (WFP ALPS, FAO GIEWS), markups, dispersion.",
    no_args_is_help=True,
)
_DB = typer.Option(None, "--db", help="Store: SQLite file or SQLAlchemy URL (default: AIMAQ_DB).")


def _prices(db, **filters):
    from aimaq.supply.prices.store import open_price_store

    return open_price_store(db).prices(**filters)


def _table(df, title: str, columns: list[str], limit: int) -> None:
    from rich.console import Console
    from rich.table import Table

    t = Table(title=title)
    for c in columns:
        t.add_column(c, justify="left" if df[c].dtype == object else "right")
    for row in df[columns].head(limit).itertuples(index=False):
        t.add_row(
            *[
                ("–" if v is None or v != v else f"{v:,.2f}" if isinstance(v, float) else str(v))
                for v in row
            ]
        )
    Console().print(t)
    if len(df) > limit:
        Console(stderr=True).print(f"{len(df) - limit} more rows not shown (--limit)")


@prices_app.command("ingest")
def ingest(
    files: list[Path] = typer.Argument(
        ..., help="WFP HDX/transcribed CSV, tidy price CSV or bureau .xlsx."
    ),
    source: str = typer.Option(None, help="Citation, for files that do not carry one."),
    db: str = _DB,
):
    """Load price files: each file one transaction (lands whole or not at all)."""
    from rich.console import Console

    from aimaq.supply.prices.store import open_price_store

    ps = open_price_store(db)
    out = Console()
    for f in files:
        s, skipped = ps.load_file(f, source=source)
        out.print(f"{f}: {s.added} added, {s.unchanged} unchanged, {s.revised} revised")
        for r in s.revisions[:10]:
            out.print(f"  revised {r[0]} {r[1]} {r[2]}: {r[3]} -> {r[4]}")
        for k in skipped:
            where = k.get("cell") or f"row {k.get('row')}"
            out.print(f"  left out {where}: {k.get('content')} ({k['reason']})")


@prices_app.command("alerts")
def alerts(
    region: str = typer.Option(
        None, "--region", help="Region code or name, e.g. KZ-75 or 'Almaty city'."
    ),
    product: str = typer.Option(None, "--product", help="Product id or name, e.g. potatoes."),
    since: str = typer.Option(None, "--since", help="First month shown, YYYY-MM."),
    limit: int = typer.Option(40, "--limit", help="Rows shown."),
    db: str = _DB,
):
    """Price spike alerts (WFP ALPS), newest first, with the figures they rest on."""
    from aimaq.catalogue.products import product_id
    from aimaq.supply.prices.views import alerts_table

    pid = product_id(product) if product else None
    if region is not None and not region.startswith("KZ"):
        from aimaq.geo.names import resolve

        region = resolve(region)
    df = alerts_table(_prices(db), region=region, product=pid, since=since)
    df["month"] = df["month"].astype(str)
    df["since"] = df["since"].astype(str)
    _table(
        df,
        "ALPS alerts (P − P̂)/σ: stress ≥ 0.25, alert ≥ 1, crisis ≥ 2 (WFP)",
        [
            "month",
            "market",
            "product",
            "cls",
            "alps",
            "price",
            "trend",
            "sigma",
            "n",
            "ipa",
            "ipa_cls",
        ],
        limit,
    )


@prices_app.command("markups")
def markups(
    cap: float = typer.Option(
        None, "--cap", help="Cap in % instead of the legal one (an assumption)."
    ),
    limit: int = typer.Option(40, "--limit"),
    db: str = _DB,
):
    """Markups where two stages are observed for the same product, city and month; cap flags."""
    from rich.console import Console

    from aimaq.supply.prices.markups import legal_cap
    from aimaq.supply.prices.views import markups_table

    df = markups_table(_prices(db), cap_pct=cap)
    c = legal_cap(cap_pct=cap)
    if c is not None:
        Console(stderr=True).print(f"cap {c.cap_pct:g} % — {c.legal_basis[:160]} ({c.source})")
    if df.empty:
        Console().print(
            "No product, city and month has prices at two stages of the chain in the "
            "store (the bundled data are retail prices only): no markup can be computed."
        )
        return
    df["month"] = df["month"].astype(str)
    _table(
        df,
        "Markups between stages",
        [
            "month",
            "market",
            "product",
            "up_stage",
            "up_price",
            "down_price",
            "markup_pct",
            "cap_pct",
            "exceeds_cap",
        ],
        limit,
    )


@prices_app.command("dispersion")
def dispersion(
    product: str = typer.Option(None, "--product"),
    latest: bool = typer.Option(True, "--latest/--all", help="Newest month of each product only."),
    limit: int = typer.Option(40, "--limit"),
    db: str = _DB,
):
    """Regional dispersion per product and month: CV, max/min, cheapest and dearest city."""
    from aimaq.catalogue.products import product_id
    from aimaq.supply.prices.views import dispersion_table

    df = dispersion_table(
        _prices(db, product=product_id(product) if product else None), latest=latest
    )
    df["month"] = df["month"].astype(str)
    _table(
        df,
        "Regional price dispersion",
        ["month", "product", "n", "mean", "cv", "ratio", "cheapest", "min", "dearest", "max"],
        limit,
    )


def register(app: typer.Typer) -> None:
    app.add_typer(prices_app, name="prices")
