"""aimaq.store.engine: two processes writing to one store, and a load killed half-way."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from aimaq.store import Store

SRC = str(Path(__file__).resolve().parents[2] / "src")

WRITER = """
import sys, pandas as pd
from aimaq.store import Store
url, ind, n, tag = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
regions = ["KZ-11", "KZ-15", "KZ-19", "KZ-23"]
rows = [(r, y) for y in range(1000, 1000 + n) for r in regions][:n]
df = pd.DataFrame({"region": [r for r, _ in rows], "indicator": ind,
                   "year": [2000 + (y % 20) for _, y in rows],
                   "period": [f"{2000 + (y % 20)}" if y < 1020 else f"{2000 + (y % 20)}-{(y // 20) % 12 + 1:02d}" for _, y in rows],
                   "value": 1.0, "unit": "million KZT" if ind == "grp_mln_kzt" else "persons",
                   "source": f"src {tag}"})
df = df.drop_duplicates(["region", "indicator", "period"])
print("READY", flush=True)
Store(url).load(df, file=f"{tag}.csv")
print("DONE", flush=True)
"""


def _spawn(url, ind, n, tag):
    return subprocess.Popen(
        [sys.executable, "-c", WRITER, url, ind, str(n), tag],
        env={**os.environ, "PYTHONPATH": SRC},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _url(empty_store):
    url = empty_store.url
    empty_store.dispose()
    return url


def test_two_processes_both_land(empty_store):
    url = _url(empty_store)
    a = _spawn(url, "grp_mln_kzt", 200, "a")
    b = _spawn(url, "population_total", 200, "b")
    c = _spawn(url, "grp_mln_kzt", 200, "c")  # overlaps a: same keys, same values
    for p in (a, b, c):
        out, err = p.communicate(timeout=120)
        assert p.returncode == 0, err
    st = Store(url)
    obs = st._raw(["grp_mln_kzt", "population_total"], vintage="all")
    # nothing lost, nothing duplicated: one current figure per key, the overlapping load unchanged
    assert obs.duplicated(["region", "indicator", "period", "vintage"]).sum() == 0
    assert (obs.groupby("indicator").size() == 200).all()
    loads = st.loads().sort_values("id")
    assert sorted(loads["rows_added"]) == [0, 200, 200]
    assert loads["rows_revised"].sum() == 0
    st.dispose()


def test_busy_store_is_one_clear_error(tmp_path, monkeypatch):
    from aimaq.store import StoreBusyError

    monkeypatch.setenv("AIMAQ_BUSY_TIMEOUT", "0.5")
    st = Store(tmp_path / "s.sqlite")
    other = Store(tmp_path / "s.sqlite")
    raw = other.engine.raw_connection()
    try:
        raw.driver_connection.execute("BEGIN IMMEDIATE")  # another writer holds the store
        df = pd.DataFrame(
            {
                "region": ["KZ-11"],
                "indicator": "grp_mln_kzt",
                "year": [2020],
                "value": [1.0],
                "unit": "million KZT",
                "source": "s",
            }
        )
        with pytest.raises(
            StoreBusyError, match=r"is busy: another aimaq process .* nothing was written"
        ):
            st.load(df, file="x.csv")
        raw.driver_connection.execute("ROLLBACK")
    finally:
        raw.close()
    assert st.count() == 0
    st.dispose()
    other.dispose()


@pytest.mark.parametrize("delay", [0.3, 0.8])
def test_kill_9_during_a_large_load_leaves_none_or_all(empty_store, delay):
    url = _url(empty_store)
    Store(url).dispose()  # schema in place before the writer starts
    p = _spawn(url, "grp_mln_kzt", 60_000, "big")
    assert p.stdout.readline().strip() == "READY"
    time.sleep(delay)
    p.send_signal(signal.SIGKILL)
    p.wait(timeout=60)
    st = Store(url)
    n = st.count()
    assert n in (0, len(st._raw(["grp_mln_kzt"]))) and n in (0, int(st.loads()["rows_added"].sum()))
    if n:
        assert len(st.loads()) == 1
    else:
        assert len(st.loads()) == 0
    st.dispose()
