"""``aimaq regions``: the regions with their codes and names (no pandas needed)."""

from __future__ import annotations

import typer

from aimaq.commands._options import console

__all__ = ["register", "regions"]


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
    from rich.table import Table

    from aimaq.geo import registry

    t = Table(title=f"Regions of Kazakhstan{f' (borders of {borders})' if borders else ''}")
    for c in ("code", "KATO", "kind", "name", "centre", "valid from", "valid to"):
        t.add_column(c)
    for code in registry.region_codes(borders):
        r = registry.get(code)
        t.add_row(
            code,
            r.kato,
            r.kind,
            r.name(lang),
            r.centre_en,
            r.valid_from.isoformat(),
            r.valid_to.isoformat() if r.valid_to else "",
        )
    console.print(t)


def register(app: typer.Typer) -> None:
    app.command("regions")(regions)
