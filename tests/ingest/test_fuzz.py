"""Seeded fuzz of the readers over the bureau's real files and a tidy CSV of the bundled data.

Every variant is either refused with an error naming the file and a sheet, row, cell or line,
with the store unchanged, or loaded with exactly the figures the mutated file holds. The
benchmark (``benchmarks/bench_fuzz_ingest.py``) runs thousands of variants; this runs a few
dozen per file so that the suite stays fast.
"""

import importlib.util
import sys
from pathlib import Path

import pandas as pd
import pytest

from aimaq.store import Store, bundled_path

BENCH = Path(__file__).resolve().parents[2] / "benchmarks" / "ingest_mutations.py"
WAGE = "avg_monthly_nominal_wage_kzt"


def _mutations():
    spec = importlib.util.spec_from_file_location("ingest_mutations", BENCH)
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod  # its dataclasses look their module up
    spec.loader.exec_module(mod)
    return mod


@pytest.mark.shared
@pytest.mark.parametrize(
    "name",
    [
        "bns_grp_per_capita_2008-2023.xlsx",
        "bns_wage_by_occupation_2022_pg16.xlsx",
        "taldau_704447_income_per_capita.csv",
        "tidy",
    ],
)
def test_fuzz_never_silently_wrong(name, shared_dir, tmp_path):
    M = _mutations()
    if name == "tidy":
        src = tmp_path / "tidy.csv"
        df = pd.read_csv(bundled_path(), dtype=str, keep_default_na=False)
        df[df["indicator"] == "grp_mln_kzt"].head(120).to_csv(src, index=False)
    else:
        src = shared_dir / "data" / "kz" / "raw" / name
    ind = WAGE if "wage" in name else None
    base = M.baseline(src, indicator=ind)
    store = Store(tmp_path / "s.sqlite")
    outcomes = {}
    for v in M.variants([base], 40, seed=7, workdir=tmp_path / "v"):
        o, msg = M.judge(v, store=store, indicator=ind)
        assert o in ("loaded-correct", "refused-clearly"), (v.cls, v.detail, o, msg)
        outcomes[o] = outcomes.get(o, 0) + 1
    assert sum(outcomes.values()) == 40 and outcomes.get("refused-clearly", 0) > 0
    store.dispose()
