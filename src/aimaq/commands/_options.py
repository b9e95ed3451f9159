"""What the commands share: the ``--db`` option, the store, the consoles, number formatting.

Module level stays light (Typer and Rich only): the store and the scientific stack are
imported when a command runs.
"""

from __future__ import annotations

import typer
from rich.console import Console

__all__ = ["DB", "DB_HELP", "console", "db_option", "err_console", "fmt_number", "open_db"]

DB_HELP = "Store: SQLite file or SQLAlchemy URL (default: AIMAQ_DB or the user data dir)."

console = Console()
err_console = Console(stderr=True)


def db_option(help: str = DB_HELP):
    """The ``--db`` option (a command may word its help differently)."""
    return typer.Option(None, "--db", help=help)


#: ``db: str = DB`` in a command's signature
DB = db_option()


def open_db(db: str | None):
    """The store at ``db`` (default ``AIMAQ_DB``), bundled data loaded on first use."""
    from aimaq import open_store

    return open_store(db)


def fmt_number(v: float | None) -> str:
    """A figure for a table cell: one decimal, thousands grouped; "–" for a gap."""
    if v is None:
        return "–"
    return f"{v:,.1f}" if abs(v) < 1e6 or v != int(v) else f"{v:,.0f}"
