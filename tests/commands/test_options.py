from aimaq.commands._options import DB, db_option, fmt_number, open_db


def test_fmt_number():
    assert fmt_number(None) == "–"
    assert fmt_number(1234.56) == "1,234.6"
    assert fmt_number(12_345_678.0) == "12,345,678"


def test_one_db_option():
    assert DB.param_decls == ("--db",) and DB.default is None
    assert db_option("other help").help == "other help"


def test_open_db_loads_bundled(tmp_path):
    assert open_db(str(tmp_path / "s.sqlite")).count() > 4000
