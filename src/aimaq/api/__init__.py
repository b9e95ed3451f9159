"""The aimaq web service (FastAPI)."""

from aimaq.api.app import create_app

__all__ = ["create_app"]
