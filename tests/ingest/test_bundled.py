"""aimaq.ingest.bundled: the bundled files, each its own load, loaded once per version."""

import aimaq
from aimaq.ingest.bundled import load_bundled, open_store
from aimaq.store import bundled_paths


def test_bundled_data_loads_into_both_backends(empty_store):
    s = load_bundled(empty_store)
    assert [x.file for x in s] == [f"bundled:{p.name}" for p in bundled_paths()]
    assert s[0].added > 4000 and all(x.revised == 0 for x in s)
    assert load_bundled(empty_store) == []  # same versions: nothing to do
    d = empty_store.observations("grp_mln_kzt", years=[2022])
    assert len(d) == 21


def test_open_store_loads_bundled_once(tmp_path):
    db = tmp_path / "s.sqlite"
    n = open_store(db).count()
    assert n > 4000
    assert aimaq.open_store(db).count() == n
    assert open_store(tmp_path / "empty.sqlite", bundled=False).count() == 0
