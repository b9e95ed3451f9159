"""The report as an A4 PDF, printed by headless Chromium from report.html (its print stylesheet)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

__all__ = ["ChromiumNotFound", "find_chromium", "print_pdf"]


class ChromiumNotFound(FileNotFoundError):
    """No Chromium (or Chrome) executable to print with."""


def find_chromium() -> str | None:
    """``AIMAQ_CHROMIUM``, else ``chromium`` / ``chromium-browser`` / ``google-chrome`` on the
    PATH, else Debian's ``/usr/bin/chromium``; None when there is none."""
    for p in (
        os.environ.get("AIMAQ_CHROMIUM"),
        shutil.which("chromium"),
        shutil.which("chromium-browser"),
        shutil.which("google-chrome"),
        "/usr/bin/chromium",
    ):
        if p and Path(p).exists():
            return p
    return None


def print_pdf(
    html: str | os.PathLike,
    pdf: str | os.PathLike,
    chromium: str | None = None,
    timeout: float = 180,
) -> Path:
    """Print ``html`` to ``pdf`` with headless Chromium (A4, the report's print stylesheet).

    Raises :class:`ChromiumNotFound` naming what was looked for when no browser is installed,
    and ``RuntimeError`` with Chromium's message when printing fails.
    """
    exe = chromium or find_chromium()
    if exe is None:
        raise ChromiumNotFound(
            "headless Chromium not found (looked at AIMAQ_CHROMIUM, chromium, chromium-browser, "
            "google-chrome, /usr/bin/chromium): install it (Debian: apt-get install chromium) "
            "or print report.html from a browser (Print → Save as PDF)"
        )
    pdf = Path(pdf).resolve()
    pdf.unlink(missing_ok=True)
    cmd = [
        exe,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-extensions",
        "--no-pdf-header-footer",
        "--virtual-time-budget=30000",  # let plotly draw every figure before printing
        f"--print-to-pdf={pdf}",
        Path(html).resolve().as_uri(),
    ]
    r = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    if not pdf.exists() or pdf.stat().st_size == 0:
        raise RuntimeError(f"chromium did not print {pdf}: {r.stderr.strip()[-500:]}")
    return pdf
