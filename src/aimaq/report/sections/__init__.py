"""The sections of the national report, in order.

Each entry names a section id (its anchor and the key ``sec_<id>`` of its title in
``report/i18n/<lang>.toml``) and its builder, ``"module:function"`` under this package. A
builder is ``build(ctx, sec) -> None`` (see :mod:`aimaq.report.context`). To add a section:
write its module here and add one line to :data:`REGISTRY`. The data appendix is built last,
after every registered section, by :mod:`aimaq.report.build`.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module

__all__ = ["REGISTRY", "builder"]

#: Section id -> builder, in the order of the report.
REGISTRY: list[tuple[str, str]] = [
    ("key", "overview:key"),
    ("maps", "overview:maps"),
    ("rankings", "overview:rankings"),
    ("trends", "overview:trends"),
    ("lorenz", "disparity:lorenz"),
    ("dispersion", "disparity:dispersion"),
    ("decomposition", "disparity:decomposition"),
    ("convergence", "convergence:convergence"),
    ("spatial", "convergence:spatial"),
    ("people", "people:people"),
    ("population", "population:population"),
    ("districts", "districts:districts"),
    ("specialisation", "specialisation:specialisation"),
    ("typology", "typology:typology"),
    ("monotowns", "monotowns:monotowns"),
    ("prices", "prices:prices"),
    ("monitoring", "planning:monitoring"),
    ("budget", "planning:budget"),
    ("outlook", "planning:outlook"),
    ("profiles", "profiles:profiles"),
    ("methodology", "methodology:methodology"),
]


def builder(target: str) -> Callable:
    """The builder function named by a registry target ``"module:function"``."""
    mod, _, fn = target.partition(":")
    return getattr(import_module(f"{__name__}.{mod}"), fn)
