"""Tables by kind of economic activity (GVA by OKED section, employment by activity).

No bureau file of these tables is in ../shared, so the workbooks are built here in the bureau's
style (title rows, merged multi-row headers, footnotes, text numbers with spaces, no-break spaces
and comma decimals, '-'/'x' gaps, district rows, footnote marks on names) and filled with the
bundled figures: ingesting them into a store holding the bundled data must revise nothing.
"""

from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from openpyxl.styles import Font
from typer.testing import CliRunner

from aimaq import open_store
from aimaq.cli import app
from aimaq.geo import registry
from aimaq.ingest import IngestError
from aimaq.ingest.activity import classify
from aimaq.ingest.dispatch import ingest_file, read_bureau_file
from aimaq.store import Store, bundled_path

runner = CliRunner()
LETTERS = "ABCDEFGHIJKLMNOPQRS"
GVA = [f"gva_{s}_mln_kzt" for s in LETTERS]
EMP = [
    "employed_thousand",
    "employed_agriculture_persons",
    "employed_industry_construction_persons",
    "employed_services_persons",
]

# section headers as the bureau prints them (Russian, one Kazakh, one English, abbreviations,
# footnote marks; S by its letter only)
NAMES = {
    "A": "Сельское, лесное и рыбное хозяйство",
    "B": "Горнодобывающая промышленность и разработка карьеров",
    "C": "Обрабатывающая промышленность1)",
    "D": "Электроснабжение, подача газа, пара и воздушное кондиционирование",
    "E": "Водоснабжение; канализационная система, контроль над сбором и распределением отходов",
    "F": "Строительство",
    "G": "Оптовая и розничная торговля; ремонт автомобилей и мотоциклов",
    "H": "Транспорт и складирование",
    "I": "Услуги по проживанию и питанию",
    "J": "Информация и связь",
    "K": "Финансовая и страховая деятельность",
    "L": "Real estate activities",
    "M": "Профессиональная, научная и техническая деятельность",
    "N": "Деятельность в области административного и вспомогательного обслуживания",
    "O": "Гос. управление и оборона; обязательное социальное обеспечение",
    "P": "Білім беру",
    "Q": "Здравоохранение и социальные услуги",
    "R": "Искусство, развлечения и отдых",
    "S": None,
}
SHORT = {
    "KZ": "Республика Казахстан",
    "KZ-61": "Туркестанская1)",
    "KZ-71": "г.Астана",
    "KZ-75": "г.Алматы",
    "KZ-79": "г.Шымкент2)",
    "KZ-33": "Жетісу",
    "KZ-62": "Ұлытау",
    "KZ-10": "Абай",
    "KZ-ALM": "Алматинская",
    "KZ-KAR": "Карагандинская",
    "KZ-VOS": "Восточно-Казахстанская",
}


@pytest.fixture(scope="module")
def bundled() -> pd.DataFrame:
    return pd.read_csv(bundled_path(), dtype={"period": str})


def _fig(bundled, ind, year) -> dict[str, float]:
    d = bundled[(bundled["indicator"] == ind) & (bundled["year"] == year)]
    return dict(zip(d["region"], d["value"].astype(float), strict=True))


def _regions(year: int) -> list[str]:
    return ["KZ", *sorted(registry.regions(borders=year).index)]


def _name(code: str) -> str:
    if code in SHORT:
        return SHORT[code]
    return registry.get(code).name_ru.replace(" область", "")


def _txt(v: float | None, dec: int = 1, i: int = 0) -> str:
    """A figure as the bureau types it: groups by space or no-break space, comma decimals;
    '-' for nothing."""
    if v is None or v == 0:
        return "-"
    s = f"{v:,.{dec}f}".replace(",", " " if i % 2 else "\u00a0").replace(".", ",")
    return s


def _split(total: float, weights: list[int]) -> list[int]:
    """An integer split of ``total`` persons (the parts sum to it exactly)."""
    n = round(total)
    parts = [n * w // sum(weights) for w in weights[:-1]]
    return [*parts, n - sum(parts)]


def _title(ws, text, unit, width):
    ws["A1"] = text
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    ws.cell(2, width, unit)


def _region_rows(ws, start, codes, values, districts=True):
    """Region rows (bold, as the bureau prints them) with a district or two under Akmola."""
    bold = Font(bold=True)
    r = start
    for i, code in enumerate(codes):
        ws.cell(r, 1, _name(code)).font = bold
        for j, v in enumerate(values[code]):
            ws.cell(r, 2 + j, v)
        r += 1
        if districts and code == "KZ-11":
            ws.cell(r, 1, "г.Кокшетау")
            for j in range(len(values[code])):
                ws.cell(r, 2 + j, _txt(1000.0 + 10 * j, 1, i))
            ws.cell(r + 1, 1, "Бурабайский район")
            for j in range(len(values[code])):
                ws.cell(r + 1, 2 + j, "x" if j % 2 else "-")
            r += 2
    ws.cell(r + 1, 1, "1) До 2018 года - Южно-Казахстанская область.")
    ws.cell(r + 2, 1, "2) Город республиканского значения с 19 июня 2018 года.")
    ws.cell(r + 3, 1, "Примечание: данные могут не совпадать в сумме за счет округления.")
    return r


def gva_by_region(
    path: Path, bundled, year=2022, unit="млн. тенге", names=NAMES, title=None, borders=None
) -> Path:
    """Layout (a): one sheet per year, regions × sections, GRP first and net taxes last."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = str(year)
    width = 2 + len(LETTERS) + 1
    _title(
        ws,
        title or f"Валовой региональный продукт по видам экономической деятельности за {year} год",
        unit,
        width,
    )
    ws["B3"] = "Валовой региональный продукт"
    ws.merge_cells("B3:B5")
    ws["C3"] = "в том числе по видам экономической деятельности"
    ws.merge_cells(start_row=3, start_column=3, end_row=3, end_column=width - 1)
    for j, s in enumerate(LETTERS):
        ws.cell(4, 3 + j, names[s])
        ws.cell(5, 3 + j, s)
    ws.cell(3, width, "Чистые налоги на продукты")
    ws.merge_cells(start_row=3, start_column=width, end_row=5, end_column=width)
    codes = _regions(borders or year)
    grp = _fig(bundled, "grp_mln_kzt", year)
    sec = {s: _fig(bundled, f"gva_{s}_mln_kzt", year) for s in LETTERS}
    tax = _fig(bundled, "net_taxes_on_products_mln_kzt", year)
    values = {
        c: [
            _txt(grp[c], 1, i),
            *(_txt(sec[s][c], 1, i + k) for k, s in enumerate(LETTERS)),
            _txt(tax[c], 1, i),
        ]
        for i, c in enumerate(codes)
    }
    _region_rows(ws, 6, codes, values)
    wb.save(path)
    return path


def gva_per_region(path: Path, bundled, years=(2018, 2019)) -> Path:
    """Layout (b): one sheet per region (old division), section rows, year columns."""
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    codes = _regions(years[-1])
    data = {
        ind: {y: _fig(bundled, ind, y) for y in years}
        for ind in ["grp_mln_kzt", *GVA, "net_taxes_on_products_mln_kzt"]
    }
    for i, code in enumerate(codes):
        # most sheets are named by their region, some only in the title
        named = i % 4 != 3
        ws = wb.create_sheet(_name(code).rstrip("12)") if named else f"Лист{i + 1}")
        _title(
            ws,
            f"Валовой региональный продукт по видам экономической деятельности, "
            f"{_name(code).rstrip('12)')}",
            "млн. тенге",
            2 + len(years),
        )
        ws["A3"], ws["B3"] = "Код", "Вид экономической деятельности"
        for j, y in enumerate(years):
            ws.cell(3, 3 + j, f"{y} год" if j else y)
        rows = [(None, "Валовой региональный продукт", "grp_mln_kzt"), (None, "в том числе:", None)]
        rows += [
            (s, NAMES[s] or "Предоставление прочих видов услуг", f"gva_{s}_mln_kzt")
            for s in LETTERS
        ]
        rows += [(None, "Чистые налоги на продукты", "net_taxes_on_products_mln_kzt")]
        for k, (letter, label, ind) in enumerate(rows, start=4):
            ws.cell(k, 1, letter)
            ws.cell(k, 2, ("  " if letter else "") + label)
            if ind:
                for j, y in enumerate(years):
                    ws.cell(k, 3 + j, _txt(data[ind][y][code], 1, k + j))
        ws.cell(len(rows) + 5, 1, "1) Данные уточнены.")
    wb.save(path)
    return path


def gva_per_section(path: Path, bundled, years=(2022, 2023)) -> Path:
    """One sheet per section (by its letter, or named only in the title), regions × years."""
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    items = [("ВРП", "Валовой региональный продукт", "grp_mln_kzt")]
    items += [
        (
            s if k % 2 else f"Лист{k}",
            NAMES[s] or "Предоставление прочих видов услуг",
            f"gva_{s}_mln_kzt",
        )
        for k, s in enumerate(LETTERS)
    ]
    items += [("Налоги", "Чистые налоги на продукты", "net_taxes_on_products_mln_kzt")]
    codes = _regions(years[0])
    for sheet, name, ind in items:
        ws = wb.create_sheet(sheet)
        _title(
            ws,
            f"Валовой региональный продукт по видам экономической деятельности: {name}",
            "млн. тенге",
            1 + len(years),
        )
        for j, y in enumerate(years):
            ws.cell(3, 2 + j, f"{y}")
        vals = {y: _fig(bundled, ind, y) for y in years}
        _region_rows(
            ws, 4, codes, {c: [_txt(vals[y][c], 1, i) for y in years] for i, c in enumerate(codes)}
        )
    wb.save(path)
    return path


def employment_groups(path: Path, bundled, year=2022, unit="тыс. человек") -> Path:
    """Regions × (total, agriculture, industry, construction, services), thousand persons."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Занятые"
    _title(
        ws,
        f"Численность занятого населения по видам экономической деятельности в {year} году",
        unit,
        6,
    )
    ws["B3"] = "Всего"
    ws.merge_cells("B3:B4")
    ws["C3"] = "в том числе"
    ws.merge_cells("C3:F3")
    for j, h in enumerate(
        ["Сельское, лесное и рыбное хозяйство", "Промышленность", "Строительство", "Услуги"]
    ):
        ws.cell(4, 3 + j, h)
    tot = _fig(bundled, "employed_thousand", year)
    agr = _fig(bundled, "employed_agriculture_persons", year)
    ic = _fig(bundled, "employed_industry_construction_persons", year)
    srv = _fig(bundled, "employed_services_persons", year)
    codes = _regions(year)
    values = {}
    for i, c in enumerate(codes):
        ind, con = _split(ic[c], [3, 2])
        values[c] = [
            _txt(tot[c], 3, i),
            _txt(agr[c] / 1000, 3, i),
            _txt(ind / 1000, 3, i),
            _txt(con / 1000, 3, i),
            _txt(srv[c] / 1000, 3, i),
        ]
    _region_rows(ws, 5, codes, values)
    wb.save(path)
    return path


def employment_sections(path: Path, bundled, year=2019) -> Path:
    """Regions × OKED sections A–T (T all '-'), thousand persons, old division."""
    wb = openpyxl.Workbook()
    ws = wb.active
    letters = LETTERS + "T"
    _title(
        ws,
        f"Численность занятого населения по видам экономической деятельности, {year}",
        "тыс. человек",
        2 + len(letters),
    )
    ws["B3"] = "Всего"
    for j, s in enumerate(letters):
        ws.cell(3, 3 + j, s)
    tot = _fig(bundled, "employed_thousand", year)
    agr = _fig(bundled, "employed_agriculture_persons", year)
    ic = _fig(bundled, "employed_industry_construction_persons", year)
    srv = _fig(bundled, "employed_services_persons", year)
    codes = _regions(year)
    values = {}
    for i, c in enumerate(codes):
        bf = _split(ic[c], [1, 5, 1, 1, 3])
        gs = _split(srv[c], [7, 3, 1, 1, 1, 1, 1, 1, 4, 6, 3, 1, 1])
        values[c] = [
            _txt(tot[c], 3, i),
            _txt(agr[c] / 1000, 3, i),
            *(_txt(v / 1000, 3, i) for v in bf + gs),
            "-",
        ]
    _region_rows(ws, 4, codes, values, districts=False)
    wb.save(path)
    return path


@pytest.fixture
def db(tmp_path, monkeypatch):
    p = tmp_path / "cli.sqlite"
    monkeypatch.setenv("AIMAQ_DB", str(p))
    monkeypatch.setenv("COLUMNS", "200")
    return p


def _cli_ingest(path) -> pd.Series:
    r = runner.invoke(app, ["ingest", str(path)])
    assert r.exit_code == 0, r.output
    return open_store().loads().iloc[-1]


def _values(frame) -> dict:
    return {
        (r, i, y): v
        for r, i, y, v in zip(
            frame["region"], frame["indicator"], frame["year"], frame["value"], strict=True
        )
    }


def test_section_names_letters_and_conflicts():
    assert classify("  в том числе: Обрабатывающая промышленность2)") == "C"
    assert classify("Өңдеу өнеркәсібі") == "C" and classify("Manufacturing") == "C"
    assert classify("(K)") == "K" and classify("Раздел С") == "C"  # Cyrillic С
    assert classify("A Сельское хозяйство") == "A" and classify("С/х") == "A"
    assert classify("Промышленность") == "industry" and classify("Услуги") == "services"
    assert classify("Чистые налоги на продукты") == "net_taxes"
    assert classify("Акмолинская") is None and classify("В том числе:") is None


def test_gva_regions_by_sections_2022_revises_nothing(tmp_path, bundled, db):
    p = gva_by_region(tmp_path / "vrp_2022.xlsx", bundled)
    bt = read_bureau_file(p)
    f = bt.frame
    assert bt.layout == "regions×activities"
    assert bt.indicators == sorted([*GVA, "grp_mln_kzt", "net_taxes_on_products_mln_kzt"])
    assert set(f["region"]) == set(_regions(2022))
    assert set(f["unit"]) == {"million KZT"}
    # Astana's mining is printed '-': a gap, not a zero
    assert f[(f["region"] == "KZ-71") & (f["indicator"] == "gva_B_mln_kzt")].empty
    sk = bt.skipped
    assert "gap: phenomenon absent ('-')" in set(sk["reason"])
    assert set(sk.loc[sk["content"].isin(["г.Кокшетау", "Бурабайский район"]), "reason"]) == {
        "district or settlement under 'Акмолинская'"
    }
    assert (sk["reason"] == "footnote").sum() == 3
    assert len(f) == 21 * 21 - 1
    load = _cli_ingest(p)
    assert (load["rows_added"], load["rows_unchanged"], load["rows_revised"]) == (0, 440, 0)


def test_gva_2021_back_cast_on_the_2022_division_is_kept(tmp_path, bundled, db):
    """The bureau republished 2021 on the new division (Abai, Zhetysu, Ulytau apart): with no
    predecessor beside them these are the official figures of the new units, not estimates."""
    p = gva_by_region(tmp_path / "vrp_2021.xlsx", bundled, year=2021, borders=2022)
    f = read_bureau_file(p).frame
    assert {"KZ-10", "KZ-33", "KZ-62", "KZ-19", "KZ-35", "KZ-63"} <= set(f["region"])
    assert not {"KZ-ALM", "KZ-KAR", "KZ-VOS"} & set(f["region"])
    load = _cli_ingest(p)
    assert load["rows_revised"] == 0 and load["rows_added"] == 0


def test_gva_sheet_per_region_old_division(tmp_path, bundled, db):
    p = gva_per_region(tmp_path / "vrp_by_region.xlsx", bundled)
    bt = read_bureau_file(p)
    f = bt.frame
    assert bt.layout == "activities×periods"
    assert set(f["region"]) == set(_regions(2019))
    assert {"KZ-ALM", "KZ-KAR", "KZ-VOS"} <= set(f["region"])
    assert not f["region"].isin(["KZ-19", "KZ-35", "KZ-63", "KZ-10", "KZ-33", "KZ-62"]).any()
    assert set(f.loc[f["region"] == "KZ-ALM", "indicator"]) >= set(GVA)
    assert set(f["period"]) == {"2018", "2019"}
    assert len(set(f["source"])) == 1  # one table, so the division is decided over all sheets
    load = _cli_ingest(p)
    n = 18 * 21 * 2 - 4  # Astana and Almaty city print '-' for mining in both years
    assert (load["rows_added"], load["rows_unchanged"], load["rows_revised"]) == (0, n, 0)


def test_gva_sheet_per_section(tmp_path, bundled, db):
    p = gva_per_section(tmp_path / "vds_by_section.xlsx", bundled)
    bt = read_bureau_file(p)
    f = bt.frame
    assert bt.layout == "regions×periods"
    assert bt.indicators == sorted([*GVA, "grp_mln_kzt", "net_taxes_on_products_mln_kzt"])
    assert set(f["region"]) == set(_regions(2022)) and set(f["period"]) == {"2022", "2023"}
    ref = bundled[bundled["indicator"].isin(bt.indicators) & bundled["year"].isin([2022, 2023])]
    n = int((ref["value"] != 0).sum())  # zeros are printed '-': gaps
    assert len(f) == n
    load = _cli_ingest(p)
    assert (load["rows_added"], load["rows_unchanged"], load["rows_revised"]) == (0, n, 0)


def test_employment_groups_2022_sums_and_converts(tmp_path, bundled, db):
    p = employment_groups(tmp_path / "zan_2022.xlsx", bundled)
    bt = read_bureau_file(p)
    f = bt.frame
    assert bt.indicators == sorted(EMP)
    assert set(f["region"]) == set(_regions(2022))
    ic = f[f["indicator"] == "employed_industry_construction_persons"]
    assert ic["note"].str.contains("sum of the published 'industry' and 'construction'").all()
    assert ic["note"].str.contains(r"converted from thousand persons to persons \(×1000\)").all()
    assert f.loc[f["indicator"] == "employed_thousand", "note"].isna().all()
    assert set(f.loc[f["indicator"] == "employed_thousand", "unit"]) == {"thousand persons"}
    assert set(f.loc[f["indicator"] == "employed_services_persons", "unit"]) == {"persons"}
    load = _cli_ingest(p)
    assert (load["rows_added"], load["rows_unchanged"], load["rows_revised"]) == (0, 84, 0)


def test_employment_by_sections_2019_old_division(tmp_path, bundled, db):
    p = employment_sections(tmp_path / "zan_oked_2019.xlsx", bundled)
    bt = read_bureau_file(p)
    f = bt.frame
    assert set(f["region"]) == set(_regions(2019))
    assert {"KZ-ALM", "KZ-KAR", "KZ-VOS"} <= set(f["region"])
    srv = f[f["indicator"] == "employed_services_persons"]
    assert srv["note"].str.contains("sum of sections G–T").all()
    assert srv["note"].str.contains("'-' \\(phenomenon absent\\) counted as 0").all()
    assert (
        f[f["indicator"] == "employed_industry_construction_persons"]["note"]
        .str.contains("sum of sections B–F")
        .all()
    )
    load = _cli_ingest(p)
    assert (load["rows_added"], load["rows_unchanged"], load["rows_revised"]) == (0, 72, 0)


@pytest.mark.parametrize(
    "build",
    [gva_by_region, gva_per_region, gva_per_section, employment_groups, employment_sections],
)
def test_empty_store_gets_the_bundled_values(tmp_path, bundled, build):
    p = build(tmp_path / "t.xlsx", bundled)
    st = Store(tmp_path / "empty.sqlite")
    s = ingest_file(p, st)
    assert s.unchanged == 0 and s.revised == 0 and s.added > 0
    got = pd.concat([st.observations(i) for i in read_bureau_file(p).indicators])
    ref = bundled.set_index(["region", "indicator", "year"])["value"]
    for key, v in _values(got).items():
        assert v == pytest.approx(ref[key], abs=1e-9), key
    assert len(got) == s.added
    st.dispose()


# -- bad input: each rejected with its cell named, the store left as it was ----------------------
@pytest.fixture
def store(tmp_path, bundled):
    st = Store(tmp_path / "s.sqlite")
    s = ingest_file(employment_groups(tmp_path / "good.xlsx", bundled), st)
    assert s.added == 84
    yield st
    st.dispose()


def _rejected(store, path, match):
    before = store.count()
    with pytest.raises(IngestError, match=match) as e:
        ingest_file(path, store)
    assert store.count() == before == 84
    return e.value


def test_unknown_section_header(tmp_path, bundled, store):
    p = gva_by_region(tmp_path / "u.xlsx", bundled, names={**NAMES, "J": "Прочие отрасли"})
    wb = openpyxl.load_workbook(p)
    ws = wb.active
    ws["L5"] = None  # the letter J under it
    wb.save(p)
    e = _rejected(
        store,
        p,
        r"sheet '2022', row 4, cell L4: column header 'Прочие отрасли' names no "
        r"OKED section",
    )
    assert (e.row, e.cell) == (4, "L4")


def test_letter_and_name_disagree(tmp_path, bundled, store):
    p = gva_by_region(tmp_path / "c.xlsx", bundled, names={**NAMES, "D": "Строительство"})
    _rejected(
        store,
        p,
        r"header cells F5 \('D'\) and F4 \('Строительство'\) name different "
        r"sections \(D, F\)",
    )


def test_mixed_units(tmp_path, bundled, store):
    p = gva_by_region(
        tmp_path / "m.xlsx",
        bundled,
        title="Валовой региональный продукт по видам "
        "экономической деятельности за 2022 год (тыс. тенге)",
    )
    _rejected(store, p, r"mixed units in one table: thousand KZT \(A1\), million KZT \(V2\)")


def test_thousand_tenge_refused(tmp_path, bundled, store):
    p = gva_by_region(tmp_path / "k.xlsx", bundled, unit="тыс. тенге")
    _rejected(
        store,
        p,
        r"row 2, cell V2: the table is in thousand KZT \(V2\) but grp_mln_kzt is "
        r"in million KZT",
    )


def test_percent_structure_table_refused(tmp_path, bundled, store):
    p = gva_by_region(
        tmp_path / "s.xlsx",
        bundled,
        unit="в процентах к итогу",
        title="Структура валового регионального продукта по видам экономической "
        "деятельности за 2022 год",
    )
    _rejected(
        store,
        p,
        r"in % \(V2\) but grp_mln_kzt is in million KZT \(a structure table; the "
        r"catalogue has no share indicator\)",
    )


def test_employment_in_percent_refused(tmp_path, bundled, store):
    p = employment_groups(tmp_path / "ep.xlsx", bundled, unit="в процентах")
    _rejected(store, p, r"the table is in % \(F2\) but employed_thousand is in thousand persons")


def test_sheet_without_region_and_text_figure(tmp_path, bundled, store):
    p = gva_per_region(tmp_path / "r.xlsx", bundled)
    wb = openpyxl.load_workbook(p)
    ws = wb.worksheets[3]  # "Лист4": the region only in its title
    ws["A1"] = "Валовой региональный продукт по видам экономической деятельности"
    wb.save(p)
    _rejected(store, p, r"sheet 'Лист4': a sheet by activity and year must name its region")
    wb.worksheets[3]["A1"] = "ВРП по видам экономической деятельности: Атырауская область"
    wb.worksheets[3]["C9"] = "12,4 млрд"
    wb.save(p)
    _rejected(
        store,
        p,
        r"sheet 'Лист4', row 9, cell C9: '12,4 млрд' is not a number .* "
        r"'Атырауская область', 'D Электроснабжение",
    )


def test_employment_industry_without_construction_is_not_summed(tmp_path, bundled):
    """Kazakh title and unit; 'industry' without 'construction': no industry & construction."""
    p = employment_groups(tmp_path / "kk.xlsx", bundled)
    wb = openpyxl.load_workbook(p)
    ws = wb.active
    ws["A1"] = "Экономикалық қызмет түрлері бойынша жұмыспен қамтылған халық саны, 2022 жыл"
    ws["F2"] = "мың адам"
    ws["E4"] = "Көлік және қоймалау"
    wb.save(p)
    bt = read_bureau_file(p)
    assert bt.indicators == [
        "employed_agriculture_persons",
        "employed_services_persons",
        "employed_thousand",
    ]
    sk = bt.skipped
    assert sk["reason"].str.contains("employed_industry_construction_persons: not every part").any()
    assert set(sk.loc[sk["cell"].str.startswith("E", na=False), "reason"]) >= {
        "H: part of no loaded total"
    }
    f = bt.frame
    assert f.loc[
        (f["region"] == "KZ-11") & (f["indicator"] == "employed_agriculture_persons"), "value"
    ].tolist() == [105858.0]


def test_table_without_unit_refused(tmp_path, bundled, store):
    p = gva_by_region(tmp_path / "nu.xlsx", bundled, unit=None)
    _rejected(
        store,
        p,
        r"sheet '2022': the table states no unit \(млн\. тенге expected for "
        r"grp_mln_kzt\)",
    )
