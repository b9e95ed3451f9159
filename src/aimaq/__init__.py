"""aimaq: decision support for the territorial development of Kazakhstan."""

__all__ = ["__version__"]
__version__ = "0.1.0"
