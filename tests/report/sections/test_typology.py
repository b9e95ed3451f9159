"""Tests for aimaq.report.sections.typology: composite index and types of regions."""

import pytest
from report_helpers import section_html, table

from aimaq import datasets as ds


def test_typology_says_weights_are_a_choice(report_en, bundled_store):
    sec = section_html(report_en, "typology")
    assert "a documented choice, not data" in sec
    f = next(f for f in report_en.findings if f.id == "typology")
    assert "не данные" in f.text["ru"] and "деректер емес" in f.text["kk"]
    from aimaq.analysis import typology as ty

    spec = ty.typology_spec(*ds.read_typology_weights())
    values, _ = ds.typology_values(bundled_store, report_en.year, ty.required_indicators(spec))
    data = ty.typology_indicators(values, spec)
    ci = ty.composite_index(data, spec)
    tab = table(report_en, "composite_index").frame
    assert list(tab.iloc[:, 1]) == list(ci.I.index)
    assert tab.iloc[:, 3].to_numpy() == pytest.approx(ci.I.to_numpy())
    assert (tab.iloc[:, 9] == tab.iloc[:, 8] - tab.iloc[:, 4]).all()  # rank range
    types = table(report_en, "typology").frame
    assert types.iloc[:, 1].sum() == len(ci.I)
    assert "silhouette" in sec
