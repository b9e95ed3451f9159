"""Price readers: WFP (HDX and the shared transcription), tidy price CSV, the bureau's weekly
СЗПТ table; every bad-input class names file, row or cell, and field."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from aimaq.ingest.errors import IngestError
from aimaq.ingest.prices import (
    read_bureau_szpt,
    read_price_csv,
    read_price_file,
    read_wfp_hdx,
    read_wfp_transcription,
    resolve_market,
)

HDX_HEADER = (
    "date,admin1,admin2,market,market_id,latitude,longitude,category,commodity,"
    "commodity_id,unit,priceflag,pricetype,currency,price,usdprice\n"
)
HXL = "#date,#adm1+name,#adm2+name,#loc+market+name,#loc+market+code,#geo+lat,#geo+lon,#item+type,#item+name,#item+code,#item+unit,#item+price+flag,#item+price+type,#currency+code,#value,#value+usd\n"


def _hdx(tmp_path, rows: list[str], hxl: bool = True):
    p = tmp_path / "wfp_food_prices_kaz.csv"
    p.write_text(
        HDX_HEADER + (HXL if hxl else "") + "".join(r + "\n" for r in rows), encoding="utf-8"
    )
    return p


GOOD = [
    "2020-10-15,Almaty City area,Almaty City area,Almaty,1,43.25,76.9,vegetables and fruits,Potatoes,83,KG,actual,Retail,KZT,98,0.2297",
    "2020-11-15,Almaty City area,Almaty City area,Almaty,1,43.25,76.9,vegetables and fruits,Potatoes,83,KG,actual,Retail,KZT,101,0.2373",
    "2020-11-15,Mangistauskaya,Aqtau City area,Aktau,2,43.6,51.2,oil and fats,Oil (sunflower),96,L,actual,Retail,KZT,600,1.41",
    "2020-12-15,Almaty City area,Almaty City area,Almaty,1,43.25,76.9,vegetables and fruits,Potatoes,83,KG,forecast,Retail,KZT,103,0.24",
]


def test_hdx_file(tmp_path):
    t = read_wfp_hdx(_hdx(tmp_path, GOOD))
    f = t.frame
    assert len(f) == 3 and f["product"].tolist() == ["potatoes", "potatoes", "sunflower_oil"]
    assert f["market"].tolist() == ["Almaty", "Almaty", "Aktau"]
    assert f["region"].tolist() == ["KZ-75", "KZ-75", "KZ-47"]
    assert f["unit"].tolist() == ["kg", "kg", "l"] and (f["stage"] == "retail").all()
    assert f["source"].iloc[0].startswith("WFP VAM food prices, HDX dataset wfp_food_prices_kaz")
    assert "usdprice=0.2297" in f["note"].iloc[0]
    assert len(t.skipped) == 1 and t.skipped[0]["row"] == 6 and "forecast" in t.skipped[0]["reason"]
    assert read_price_file(_hdx(tmp_path, GOOD)).frame.equals(f)  # detected by its header


def test_hdx_same_as_transcription(shared_dir, tmp_path):
    """The transcription in ../shared, rebuilt as HDX's layout, reads to the same prices."""
    src = shared_dir / "data" / "kz" / "prices" / "wfp_retail_prices_2005-2020.csv"
    tr = read_wfp_transcription(src).frame
    raw = pd.read_csv(src, dtype=str)
    note = raw["note"].str.extract(
        r"date=(\S+).*commodity «([^»]+)».*admin1=([^;]+); admin2=([^;]+)"
    )
    rows = [
        f'{d},{a1},{a2},{m},,,,x,"{c}",,{u.split(" per ")[1]},actual,Retail,KZT,{v},'
        for d, c, a1, a2, m, u, v in zip(
            note[0],
            note[1],
            note[2],
            note[3],
            raw["region"],
            raw["unit"],
            raw["value"],
            strict=True,
        )
    ]
    hdx = read_wfp_hdx(_hdx(tmp_path, rows)).frame
    key = ["product", "market", "date"]
    a = tr.sort_values(key).reset_index(drop=True)
    b = hdx.sort_values(key).reset_index(drop=True)
    assert len(a) == len(b) == 3365
    assert (
        (a[key + ["region", "price", "unit"]] == b[key + ["region", "price", "unit"]]).all().all()
    )


@pytest.mark.parametrize(
    ("row", "field", "fix"),
    [
        (
            "2020-10-15,A,B,Almaty,1,0,0,x,Caviar,1,KG,actual,Retail,KZT,98,1",
            "field product",
            "add an alias",
        ),
        (
            "2020-10-15,A,B,Atlantis,1,0,0,x,Potatoes,1,KG,actual,Retail,KZT,98,1",
            "field market",
            "GeoNames",
        ),
        (
            "2020-13-45,A,B,Almaty,1,0,0,x,Potatoes,1,KG,actual,Retail,KZT,98,1",
            "field date",
            "YYYY-MM-DD",
        ),
        (
            "2020-10-15,A,B,Almaty,1,0,0,x,Potatoes,1,KG,actual,Smuggled,KZT,98,1",
            "field stage",
            "producer, wholesale",
        ),
        (
            "2020-10-15,A,B,Almaty,1,0,0,x,Potatoes,1,50 KG,actual,Retail,KZT,98,1",
            "field unit",
            "convert",
        ),
        (
            "2020-10-15,A,B,Almaty,1,0,0,x,Potatoes,1,KG,actual,Retail,tenge,98,1",
            "field currency",
            "ISO 4217",
        ),
        (
            "2020-10-15,A,B,Almaty,1,0,0,x,Potatoes,1,KG,actual,Retail,KZT,n/a,1",
            "field price",
            "leave gaps",
        ),
        (
            "2020-10-15,A,B,Almaty,1,0,0,x,Potatoes,1,KG,actual,Retail,KZT,-5,1",
            "field price",
            "positive",
        ),
        (
            "2020-10-15,A,B,Almaty,1,0,0,x,Potatoes,1,KG,actual,Retail,KZT,,1",
            "field price is empty",
            "",
        ),
    ],
)
def test_hdx_bad_rows(tmp_path, row, field, fix):
    p = _hdx(tmp_path, [GOOD[0], row])
    with pytest.raises(IngestError) as e:
        read_wfp_hdx(p)
    msg = str(e.value)
    assert str(p) in msg and "row 4" in msg and field in msg and fix in msg
    assert e.value.row == 4


def test_conflicting_duplicate(tmp_path):
    p = _hdx(tmp_path, [GOOD[0], GOOD[0].replace(",98,", ",99,")], hxl=False)
    with pytest.raises(
        IngestError, match=r"row 2: potatoes at Almaty \(retail\) on 2020-10-15 .*twice"
    ):
        read_wfp_hdx(p)
    same = _hdx(tmp_path, [GOOD[0], GOOD[0]], hxl=False)
    assert len(read_wfp_hdx(same).frame) == 1  # an exact repeat is one price


def test_hdx_missing_column(tmp_path):
    p = tmp_path / "x.csv"
    p.write_text("date,market,commodity,price\n2020-01-15,Almaty,Potatoes,1\n", encoding="utf-8")
    with pytest.raises(IngestError, match="missing column.*unit.*pricetype.*currency"):
        read_wfp_hdx(p)
    with pytest.raises(IngestError, match="not a price file"):
        read_price_file(p)


def test_not_utf8_and_binary(tmp_path):
    p = tmp_path / "a.csv"
    p.write_bytes("product,market\nкартофель,Алматы\n".encode("cp1251"))
    with pytest.raises(IngestError, match="not a UTF-8"):
        read_price_csv(p)
    p.write_bytes(b"\x00\x01PK")
    with pytest.raises(IngestError, match="binary"):
        read_price_csv(p)
    with pytest.raises(IngestError, match="unsupported file type"):
        read_price_file(tmp_path / "a.json")


TIDY = "product,market,date,stage,price,unit,currency,source\n"


def test_tidy_price_csv(tmp_path):
    p = tmp_path / "t.csv"
    p.write_text(
        TIDY + "Картофель,Уральск,2026-02-03,wholesale,140,кг,KZT,stabfund\n"
        'potatoes,Oral,2026-02-10,retail,"160,5",kg,kzt,shop survey\n'
        "onions,Republic of Kazakhstan,2023-01-01,retail,151,kg,KZT,lsm.kz\n",
        encoding="utf-8",
    )
    f = read_price_file(p).frame
    assert f["market"].tolist() == ["Oral", "Oral", "Kazakhstan"]
    assert f["region"].tolist() == ["KZ-27", "KZ-27", "KZ"]
    assert f["price"].tolist() == [140.0, 160.5, 151.0] and f["currency"].iloc[1] == "KZT"
    assert f["market_as_published"].iloc[0] == "Уральск"


def test_region_follows_the_division_of_the_date(tmp_path):
    p = tmp_path / "t.csv"
    p.write_text(
        TIDY
        + "beef,Semey,2014-02-03,retail,1500,kg,KZT,x\nbeef,Semey,2023-02-03,retail,2500,kg,KZT,x\n"
        "beef,Shymkent,2017-02-03,retail,1500,kg,KZT,x\n",
        encoding="utf-8",
    )
    f = read_price_csv(p).frame
    assert f["region"].tolist() == ["KZ-VOS", "KZ-10", "KZ-YUZ"]


def test_tidy_empty_field(tmp_path):
    p = tmp_path / "t.csv"
    p.write_text(TIDY + "potatoes,Oral,2026-02-10,retail,160,kg,KZT,\n", encoding="utf-8")
    with pytest.raises(IngestError, match=r"t.csv, row 2: field source is empty"):
        read_price_csv(p)


def test_transcription_bad_inputs(tmp_path):
    head = "region,indicator,year,value,unit,source,note\n"
    ok = (
        "Almaty,retail_price_potatoes_monthly,2006,40,KZT per KG,src,"
        '"date=2006-04-15 (x); commodity «Potatoes»; pricetype=Retail; priceflag=actual"\n'
    )
    p = tmp_path / "w.csv"
    p.write_text(head + ok + ok.replace("date=2006-04-15", "2006-05"), encoding="utf-8")
    with pytest.raises(IngestError, match="row 3: field note: no 'date="):
        read_wfp_transcription(p)
    p.write_text(head + ok.replace("KZT per KG", "per kilo"), encoding="utf-8")
    with pytest.raises(IngestError, match="row 2: field unit"):
        read_wfp_transcription(p)
    p.write_text(head + ok.replace(",2006,", ",2007,"), encoding="utf-8")
    with pytest.raises(IngestError, match="row 2: field year: '2007' disagrees"):
        read_wfp_transcription(p)


def test_resolve_market():
    assert resolve_market("Oskemen (Ust-Kamenogorsk)") == ("Ust-Kamenogorsk", "KZ-63")
    assert resolve_market("Aktau") == ("Aktau", "KZ-47")  # the city, not the village in Karaganda
    with pytest.raises(KeyError, match="unknown market"):
        resolve_market("Gotham")


# -- the bureau's weekly table ----------------------------------------------------------------
def _xlsx(tmp_path, rows, name="szpt.xlsx"):
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "prices"
    for r in rows:
        ws.append(r)
    p = tmp_path / name
    wb.save(p)
    return p


TITLE = ["Средние цены на социально значимые продовольственные товары по состоянию на 21.02.2023"]
UNIT = ["тенге"]
HEADER = [None, "Картофель, кг", "Масло подсолнечное, л", "Яйца куриные, I категории, 10 шт"]


def test_bureau_cities_by_products(tmp_path):
    p = _xlsx(
        tmp_path,
        [
            TITLE,
            UNIT,
            HEADER,
            ["Республика Казахстан", 158, "903,0", 650],
            ["г. Астана", 170, 950, "-"],
            ["Уральск", "145,5", 880, 610],
            [],
            ["1) по данным еженедельного мониторинга"],
        ],
    )
    t = read_bureau_szpt(p, source="БНС АСПР РК, еженедельные цены на СЗПТ (test)")
    f = t.frame
    assert len(f) == 8
    assert set(f["market"]) == {"Kazakhstan", "Astana", "Oral"}
    assert (f["date"] == pd.Timestamp(dt.date(2023, 2, 21))).all()
    row = f[(f["market"] == "Oral") & (f["product"] == "potatoes")].iloc[0]
    assert row["price"] == 145.5 and row["unit"] == "kg" and row["note"] == "prices!B6"
    assert f[f["product"] == "eggs_cat1"]["unit"].iloc[0] == "10 pcs"
    reasons = {k["cell"]: k["reason"] for k in t.skipped}
    assert "phenomenon absent" in reasons["D5"] and "footnote" in reasons["A8"]


def test_bureau_products_by_cities(tmp_path):
    p = _xlsx(
        tmp_path,
        [
            ["Средние цены на 21 февраля 2023 года, тенге"],
            [None, "Республика Казахстан", "Актобе", "Тараз"],
            ["Рис шлифованный круглозерный, кг", 376, 380, 350],
            ["Лук репчатый, кг", 151, 160, 126],
        ],
    )
    f = read_bureau_szpt(p).frame
    assert (
        len(f) == 6
        and f.loc[(f["market"] == "Taraz") & (f["product"] == "onions"), "price"].iloc[0] == 126
    )


@pytest.mark.parametrize(
    ("rows", "cell", "match"),
    [
        ([["Средние цены"], UNIT, HEADER, ["Уральск", 1, 2, 3]], "A1", "no date"),
        (
            [["цены на 21.02.2023 и 28.02.2023"], UNIT, HEADER, ["Уральск", 1, 2, 3]],
            "A1",
            "2 dates",
        ),
        (
            [TITLE, UNIT, [*HEADER, "Чай, кг"], ["Уральск", 1, 2, 3, 4]],
            "E3",
            "not a catalogue product",
        ),
        (
            [TITLE, UNIT, [None, "Картофель, шт", "Лук, кг", "Рис, кг"], ["Уральск", 1, 2, 3]],
            "B3",
            "not a catalogue product",
        ),
        ([TITLE, UNIT, [None, "Картофель, л", "Лук, кг"], ["Уральск", 1, 2]], "B4", "field unit"),
        ([TITLE, UNIT, HEADER, ["Готэм", 1, 2, 3]], "A4", "row label 'Готэм'"),
        ([TITLE, UNIT, HEADER, ["Уральск", 1, "около 2", 3]], "C4", "'около 2' is not a price"),
        ([TITLE, HEADER, ["Уральск", 1, 2, 3]], "A2", "no currency line"),
    ],
)
def test_bureau_refusals_name_the_cell(tmp_path, rows, cell, match):
    p = _xlsx(tmp_path, rows)
    with pytest.raises(IngestError, match=match) as e:
        read_bureau_szpt(p)
    assert e.value.cell == cell and e.value.sheet == "prices" and str(p) in str(e.value)


def test_bureau_not_a_price_table(tmp_path):
    p = _xlsx(tmp_path, [["Численность населения"], [None, 2020, 2021], ["Акмолинская", 1, 2]])
    with pytest.raises(IngestError, match="not a weekly СЗПТ price table"):
        read_bureau_szpt(p)
    bad = tmp_path / "bad.xlsx"
    bad.write_text("not a workbook")
    with pytest.raises(IngestError, match="not a readable .xlsx"):
        read_price_file(bad)


def test_bureau_regions_footnotes_and_centres(tmp_path):
    p = _xlsx(
        tmp_path,
        [
            TITLE,
            UNIT,
            [None, "Картофель, кг1)", "Лук репчатый, кг"],
            ["Акмолинская область", 150, 140],
            ["Туркестан2)", 120, 110],
            ["Улытауская область", 170, 160],
        ],
    )
    f = read_bureau_szpt(p).frame.set_index(["market", "product"])
    assert f.loc[("Kokshetau", "potatoes"), "price"] == 150
    assert "read as the prices of its centre Kokshetau" in f.loc[("Kokshetau", "potatoes"), "note"]
    assert f.loc[("Turkistan", "onions"), "region"] == "KZ-61"
    assert f.loc[("Zhezqazghan", "potatoes"), "region"] == "KZ-62"
