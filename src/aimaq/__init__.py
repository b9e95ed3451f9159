"""aimaq: decision support for the territorial development of Kazakhstan."""

__all__ = ["__version__", "open_store"]
__version__ = "0.1.0"


def __getattr__(name: str):
    # ``aimaq.open_store`` without importing the store (and pandas) when ``aimaq`` is imported
    if name == "open_store":
        from aimaq.ingest.bundled import open_store

        return open_store
    raise AttributeError(f"module 'aimaq' has no attribute {name!r}")
