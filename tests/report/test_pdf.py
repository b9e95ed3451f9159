"""Tests for aimaq.report.pdf: an A4 PDF through headless Chromium, a clear message without it."""

import re

import pytest

from aimaq.report import pdf


def test_without_chromium_the_error_says_what_to_do(monkeypatch, tmp_path):
    monkeypatch.setattr(pdf, "find_chromium", lambda: None)
    with pytest.raises(pdf.ChromiumNotFound, match="apt-get install chromium"):
        pdf.print_pdf(tmp_path / "r.html", tmp_path / "r.pdf")


@pytest.mark.browser
def test_report_prints_to_a4(report_en, tmp_path):
    if pdf.find_chromium() is None:
        pytest.skip("headless Chromium not installed")
    out = pdf.print_pdf(report_en.html, tmp_path / "report.pdf")
    data = out.read_bytes()
    assert data.startswith(b"%PDF")
    box = re.search(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]", data)
    w, h = float(box.group(1)), float(box.group(2))
    assert w == pytest.approx(595.3, abs=1) and h == pytest.approx(841.9, abs=1)  # A4 in pt
    pages = len(re.findall(rb"/Type\s*/Page[^s]", data))
    assert pages > 20  # sections start on new pages, collapsed tables are printed open
