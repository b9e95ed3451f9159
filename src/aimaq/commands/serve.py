"""``aimaq serve``: the web API."""

from __future__ import annotations

import typer

from aimaq.commands._options import DB, open_db

__all__ = ["register", "serve"]


def serve(
    host: str = typer.Option("127.0.0.1", help="Address to bind."),
    port: int = typer.Option(8000, help="Port."),
    db: str = DB,
):
    """Serve the web API (OpenAPI docs at /docs)."""
    import uvicorn

    from aimaq.api import create_app

    uvicorn.run(create_app(open_db(db)), host=host, port=port)


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)
