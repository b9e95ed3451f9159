"""The bundled dataset: official figures shipped with the package, loaded on first use.

Bundled data is ``data/observations.csv`` plus every ``data/bundled/*.csv`` (same tidy format,
see :func:`aimaq.store.bundled_paths`); each file is its own load, recorded with its SHA-256 so
that a store loads each version of each file once. The store does not read files: this module
reads them with :func:`aimaq.ingest.tidy.read_tidy_csv` and hands the frames to
:meth:`aimaq.store.Store.load`.
"""

from __future__ import annotations

import os

__all__ = ["load_bundled", "open_store"]


def load_bundled(store) -> list:
    """Load each bundled file into ``store`` unless this version of it is already there.

    Returns
    -------
    list of aimaq.store.LoadSummary
        One per file loaded now (empty when every file was loaded before).
    """
    from aimaq.ingest.dispatch import file_sha256
    from aimaq.ingest.tidy import read_tidy_csv
    from aimaq.store import bundled_paths

    done = []
    for path in bundled_paths():
        sha = file_sha256(path)
        if not store.has_load(sha):  # checked again in the write transaction (once=True)
            s = store.load(read_tidy_csv(path), file=f"bundled:{path.name}", sha256=sha, once=True)
            if not s.already_loaded:
                done.append(s)
    return done


def open_store(db: str | os.PathLike | None = None, bundled: bool = True):
    """Open (creating if needed) the store at ``db``; load the bundled data on first use.

    Parameters
    ----------
    db : str or path-like, optional
        SQLite file or SQLAlchemy URL; default ``AIMAQ_DB`` or the per-user data directory.
    bundled : bool
        Load the bundled files that the store does not hold yet.

    Returns
    -------
    aimaq.store.Store
    """
    from aimaq.store import Store

    st = Store(db)
    if bundled:
        load_bundled(st)
    return st
