"""Typology inputs: the weights file and the region × indicator values of one year."""

from __future__ import annotations

import tomllib
from importlib import resources
from pathlib import Path

import pandas as pd

from aimaq.geo import registry

__all__ = ["read_typology_weights", "typology_values"]


def read_typology_weights(path: str | Path | None = None) -> tuple[dict, str]:
    """The parsed weights TOML (default: the bundled ``data/typology_weights.toml``) and the
    file's name for messages; :func:`aimaq.analysis.typology.typology_spec` validates it."""
    if path is None:
        res = resources.files("aimaq").joinpath("data", "typology_weights.toml")
        return tomllib.loads(res.read_text("utf-8")), "typology_weights.toml"
    try:
        return tomllib.loads(Path(path).read_text(encoding="utf-8")), str(path)
    except tomllib.TOMLDecodeError as e:
        raise ValueError(f"{path}: not valid TOML ({e})") from None


def typology_values(store, year: int, indicators) -> tuple[dict[str, pd.Series], dict[str, int]]:
    """Each of ``indicators`` by region on the division of ``year``: its figure of ``year``, or
    of its latest earlier year when ``year`` is not published; the years used are returned so
    that reports can say so. ``store`` is a :class:`aimaq.store.Store` or a
    :meth:`aimaq.datasets.Datasets.view`."""
    values, used = {}, {}
    for ind in indicators:
        df = store.observations(ind, borders=year)
        df = df[(df["region"] != registry.NATIONAL) & (df["year"] <= year)]
        if df.empty:
            values[ind] = pd.Series(dtype=float)
            continue
        y = int(df["year"].max())
        used[ind] = y
        values[ind] = df[df["year"] == y].set_index("region")["value"]
    return values, used
