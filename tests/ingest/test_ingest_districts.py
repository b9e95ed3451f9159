"""District rows of the 2023 population bulletin (sheet 02): KATO keys and sums to regions."""

import shutil

import pytest

from aimaq.geo import districts as D
from aimaq.ingest.districts import read_district_sheet
from aimaq.ingest.errors import IngestError

FILE = "bns_population_sex_urban_rural_2023-01-01.xlsx"
INDICATORS = [
    "population_total_bulletin",
    "population_male",
    "population_female",
    "population_urban",
    "population_rural",
]


@pytest.fixture(scope="module")
def path(shared_dir):
    return shared_dir / "data" / "kz" / "raw" / FILE


@pytest.fixture(scope="module")
def table(path):
    return read_district_sheet(path)


def _rows(path):
    import openpyxl

    wb = openpyxl.load_workbook(path, read_only=True)
    rows = list(wb["02"].iter_rows(values_only=True))
    wb.close()
    return rows


def test_every_district_row_has_its_own_kato(table, path):
    f = table.frame
    per_unit = f.groupby("region")["region_as_published"].unique()
    assert per_unit.map(len).eq(1).all()  # one published row per KATO code
    assert len(per_unit) == 219
    assert set(f["region"]) <= set(D.districts(2024).index)
    # each unit keeps its parent: the KATO code's region is the row's region
    parents = f.drop_duplicates("region").set_index("region")["parent"]
    assert all(D.parent(k) == p for k, p in parents.items())
    # the only district row not loaded is Sauran, which has no KATO code in geokz
    not_loaded = table.skipped[table.skipped["reason"].str.startswith("no KATO")]
    assert not_loaded["content"].tolist() == ["Сауран ауданы"]
    # 220 district rows in the sheet = 219 loaded + Sauran
    rows = _rows(path)
    heads = {i for i in range(7, len(rows)) if rows[i][0] and not rows[i - 1][0]}
    n_units = sum(1 for i in range(7, len(rows)) if rows[i][0] and i not in heads)
    assert n_units == 220


def test_spot_values_as_printed(table):
    f = table.frame.set_index(["region", "indicator"])["value"]
    assert f[("101000000", "population_total_bulletin")] == 328762  # Семей қ.ә., B10
    assert f[("113200000", "population_urban")] == 15879  # Ақкөл ауданы, E25
    assert f[("751110000", "population_female")] == 143607  # Алмалы ауданы, D254
    assert ("103200000", "population_urban") not in f.index  # Абай ауданы: "-", a gap


@pytest.mark.parametrize("indicator", INDICATORS)
def test_districts_sum_to_their_region(table, path, indicator):
    col = "BCDEH"[INDICATORS.index(indicator)]
    d = table.frame[table.frame["indicator"] == indicator].groupby("parent")["value"].sum()
    r = table.regions[table.regions["indicator"] == indicator].set_index("region")["value"]
    # Sauran (Turkistan) is in the region's total but not loaded: add its printed figure
    sauran = next(x for x in _rows(path) if x[0] == "Сауран ауданы")
    v = sauran["ABCDEFGHIJ".index(col)]
    d.loc["KZ-61"] += 0 if v == "-" else v
    r = r.reindex(d.index.union(r.index))
    assert (d.reindex(r.index).fillna(0) == r.fillna(0)).all()
    assert len(r) == (17 if indicator == "population_rural" else 20)  # cities: "-"


def _doctored(path, tmp_path, cell, value):
    import openpyxl

    out = tmp_path / FILE
    shutil.copy(path, out)
    wb = openpyxl.load_workbook(out)
    wb["02"][cell] = value
    wb.save(out)
    return out


def test_mismatch_is_refused_naming_the_cell(path, tmp_path):
    bad = _doctored(path, tmp_path, "C25", 12217)  # Ақкөл ауданы men + 1
    with pytest.raises(IngestError, match=r"sheet '02'.*cell C21.*Akmola.*C21 = 385124.0"):
        read_district_sheet(bad)
    t = read_district_sheet(bad, check="flag")
    assert len(t.mismatches) == 1 and "Akmola" in t.mismatches[0]
    assert "KZ-11" not in set(t.frame["parent"]) and "KZ-11" not in set(t.regions["region"])
    assert len(t.frame["region"].unique()) == 219 - 20  # Akmola's 20 units held back


def test_non_number_names_the_cell(path, tmp_path):
    bad = _doctored(path, tmp_path, "B25", "24 338?")
    with pytest.raises(IngestError, match=r"cell B25.*not a number"):
        read_district_sheet(bad)


def test_store_keeps_districts_apart_from_regions(table, empty_store):
    empty_store.load(table.frame, file=FILE)
    dist = empty_store.observations("population_total_bulletin", level="district")
    assert len(dist) == 219 and dist["region"].str.fullmatch(r"\d{9}").all()
    assert empty_store.observations("population_total_bulletin").empty  # region level
    p = empty_store.panel("population_urban", level="district")
    assert p.loc["113200000", 2023] == 15879
    with pytest.raises(ValueError, match="not harmonised"):
        empty_store.observations("population_total_bulletin", level="district", borders=2024)


def test_region_rows_of_sheet_02_equal_sheet_01(table, path):
    from aimaq.ingest.dispatch import read_bureau_file

    s01 = read_bureau_file(path).frame
    s01 = s01[(s01["sheet"] == "01") & (s01["region"] != "KZ")]
    a = s01.set_index(["region", "indicator"])["value"].sort_index()
    b = table.regions.set_index(["region", "indicator"])["value"].sort_index()
    assert len(a) == len(b) == 20 * 5 - 3  # the three cities have no rural population
    assert (a == b).all()


def test_registry_kind_agrees_with_the_bureaus_kind_word(table):
    units = table.frame.drop_duplicates("region").set_index("region")["region_as_published"]
    for kato, name in units.items():
        kind = D.get(kato).kind
        if name.endswith("қ.ә."):
            assert kind == "city", (kato, name)
        else:
            assert name.endswith("ауданы") and kind in ("district", "city_district"), (kato, name)


def test_not_a_workbook_names_the_file(tmp_path):
    bad = tmp_path / "bulletin.xlsx"
    bad.write_bytes(b"not a spreadsheet")
    with pytest.raises(IngestError, match=r"bulletin.xlsx: not a readable .xlsx"):
        read_district_sheet(bad)


def test_wrong_sheet_lists_the_sheets(path):
    with pytest.raises(IngestError, match=r"no sheet '09'; sheets: .*02, 03"):
        read_district_sheet(path, sheet="09")
