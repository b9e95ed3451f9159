"""OR-Library readers and known optima (Beasley 1985, 1988) on small instances.

The full set is solved by ``benchmarks/bench_siting.py``.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from aimaq.supply.locate import (
    capacitated_facility_location,
    p_median,
    uncapacitated_facility_location,
)
from aimaq.supply.orlib import (
    read_cap,
    read_cap_optima,
    read_orlib,
    read_pmed,
    read_pmed_optima,
)

ORLIB = Path(__file__).resolve().parents[3] / "shared" / "bench" / "orlib"


@pytest.fixture(scope="module")
def orlib() -> Path:
    if not (ORLIB / "pmed" / "pmed1.txt").exists():
        pytest.skip(f"OR-Library files not present at {ORLIB} (../shared/bench/orlib); skipped")
    return ORLIB


# ---- readers on synthetic files (no ../shared needed) ----------------------------------------
def test_pmed_duplicate_edge_last_occurrence_wins(tmp_path):
    f = tmp_path / "pmedx.txt"
    # edge 1-2 given as 5 then 9: last wins -> d(1,2) = min(9, 1->3->2 = 4 + 4) = 8
    f.write_text("3 4 1\n1 2 5\n1 3 4\n3 2 4\n2 1 9\n")
    inst = read_pmed(f)
    assert inst.n_duplicate_edges == 1
    assert inst.d[0, 1] == 8 and inst.d[1, 0] == 8
    assert inst.d[0, 2] == 4 and np.all(np.diag(inst.d) == 0)


def test_pmed_header_mismatch_is_reported(tmp_path):
    f = tmp_path / "pmedbad.txt"
    f.write_text("3 4 1\n1 2 5\n")
    with pytest.raises(ValueError, match="header says 4 edges"):
        read_pmed(f)


def test_cap_reader_tokens_not_lines_and_capacity_word(tmp_path):
    f = tmp_path / "capz.txt"
    # 2 warehouses, 2 customers; re-flowed arbitrarily across lines
    f.write_text("2 2\n capacity 10.\n capacity\n 20.\n 3 1 2\n 4\n 5 6\n")
    inst = read_cap(f)
    assert np.isnan(inst.capacity).all()
    assert inst.fixed_cost.tolist() == [10.0, 20.0]
    assert inst.demand.tolist() == [3.0, 4.0]
    assert inst.cost.tolist() == [[1.0, 5.0], [2.0, 6.0]]  # (m, n)
    assert read_cap(f, capacity=7).capacity.tolist() == [7.0, 7.0]


def test_cap_reader_bad_token_count(tmp_path):
    f = tmp_path / "capbad.txt"
    f.write_text("2 2\n 5 10\n 5 20\n 3 1 2\n 4 5\n")
    with pytest.raises(ValueError, match=r"expected 12 tokens"):
        read_cap(f)


def test_read_orlib_dispatch(tmp_path):
    f = tmp_path / "other.txt"
    f.write_text("1 1 1")
    with pytest.raises(ValueError, match="not an OR-Library"):
        read_orlib(f)


# ---- real files ------------------------------------------------------------------------------
def test_optima_files(orlib):
    pm = read_pmed_optima(orlib / "pmed" / "pmedopt.txt")
    assert len(pm) == 40 and pm["pmed1"] == 5819 and pm["pmed40"] == 5128
    cap = read_cap_optima(orlib / "cap" / "capopt.txt")
    assert cap["cap41"] == pytest.approx(1040444.375)
    assert cap["capa@8000"] == pytest.approx(19240822.449)
    assert cap["capc@7250"] == pytest.approx(11505767.394)
    unc = read_cap_optima(orlib / "cap" / "uncapopt.txt")
    assert unc["cap71"] == pytest.approx(932615.750) and unc["capa"] == pytest.approx(17156454.478)


def test_capa_has_capacity_words(orlib):
    inst = read_cap(orlib / "cap" / "capa.txt")
    assert (inst.m, inst.n) == (100, 1000) and np.isnan(inst.capacity).all()


@pytest.mark.parametrize("name", ["pmed1", "pmed2", "pmed5"])
def test_pmed_optimum(orlib, name):
    inst = read_pmed(orlib / "pmed" / f"{name}.txt")
    opt = read_pmed_optima(orlib / "pmed" / "pmedopt.txt")[name]
    r = p_median(inst.d, inst.p, time_limit=60)
    assert r.objective == opt
    assert r.optimal and r.bound == opt
    assert r.open.size == inst.p
    # objective recomputed from the open set
    assert inst.d[r.open].min(axis=0).sum() == opt


@pytest.mark.parametrize("formulation", ["radius", "classic"])
def test_pmed2_mip_path_both_formulations(orlib, formulation):
    """Without Lagrangian fixing the full MIP must still prove the optimum."""
    inst = read_pmed(orlib / "pmed" / "pmed2.txt")
    r = p_median(inst.d, inst.p, formulation=formulation, reduce=False, time_limit=60)
    assert r.objective == 4093 and r.optimal and r.n_variables > 0


def test_min_of_duplicates_would_be_below_optimum(orlib):
    """README trap: keeping the minimum duplicate cost gives 5718 < 5819 on pmed1."""
    tok = (orlib / "pmed" / "pmed1.txt").read_text().split()
    n, m, p = map(int, tok[:3])
    e = np.array(tok[3:], float).reshape(m, 3)
    w = np.full((n, n), np.inf)
    for i, j, c in e:
        i, j = int(i) - 1, int(j) - 1
        w[i, j] = w[j, i] = min(w[i, j], c)
    from scipy.sparse.csgraph import shortest_path

    d = shortest_path(np.where(np.isfinite(w), w, 0), directed=False)
    assert p_median(d, p).objective == 5718


@pytest.mark.parametrize(
    ("name", "opt"), [("cap71", 932615.750), ("cap131", 793439.562), ("cap101", 796648.437)]
)
def test_uncapacitated_optimum(orlib, name, opt):
    inst = read_cap(orlib / "cap" / f"{name}.txt")
    r = uncapacitated_facility_location(inst.cost, inst.fixed_cost)
    assert r.objective == pytest.approx(opt, rel=1e-6)
    assert r.bound <= r.objective + 1e-6 and r.gap <= 1e-6
    assert inst.fixed_cost[r.open].sum() + inst.cost[r.open].min(axis=0).sum() == pytest.approx(
        r.objective
    )


@pytest.mark.parametrize(
    ("name", "opt"), [("cap41", 1040444.375), ("cap131", 793439.563), ("cap63", 1014062.050)]
)
def test_capacitated_optimum(orlib, name, opt):
    inst = read_cap(orlib / "cap" / f"{name}.txt")
    r = capacitated_facility_location(inst.cost, inst.fixed_cost, inst.capacity, inst.demand)
    assert r.objective == pytest.approx(opt, rel=1e-6)
    assert r.gap <= 1e-6
    x = r.allocation.toarray()
    assert np.allclose(x.sum(axis=0), 1.0)
    assert np.all(x @ inst.demand <= inst.capacity + 1e-6)
    assert np.all(x[np.setdiff1d(np.arange(inst.m), r.open)] < 1e-9)


def test_cli_orlib_last_line(orlib):
    import typer
    from typer.testing import CliRunner

    from aimaq.commands.site import register

    app = typer.Typer()
    register(app)
    app.command("noop")(lambda: None)  # keep 'site' a sub-command
    res = CliRunner().invoke(app, ["site", "--orlib", str(orlib / "pmed" / "pmed1.txt")])
    assert res.exit_code == 0, res.output
    last = res.output.strip().splitlines()[-1]
    assert last.startswith("objective=5819.000000 bound=5819.000000 seconds=")
