"""CSV files read whole, or refused with the line: encoding, truncation, field counts, periods.

Shared by the tidy and the Taldau readers. A file is refused when it is not UTF-8 text, when its
last line does not end with a line break (a file cut while copying or downloading), when a
line has more or fewer fields than the header (an unquoted decimal comma such as ``17873,5``
splits a value in two; the error says so), and when a period is not one the indicator's
periodicity allows.
"""

from __future__ import annotations

import csv
import io
import os
import re

from aimaq.ingest.errors import IngestError

__all__ = ["PERIOD", "check_period", "read_rows"]

#: a stored period: ``YYYY``, ``YYYY-Qn``, ``YYYY-Hn``, ``YYYY-nM`` (first n months), ``YYYY-MM``
PERIOD = re.compile(r"(\d{4})(?:-(Q[1-4]|H[12]|(?:[1-9]|1[01])M|0[1-9]|1[0-2]))?", re.ASCII)


def read_rows(path: str | os.PathLike, file: str) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """The header of a CSV file and its non-blank rows with their line numbers (header = 1).

    Every row has as many fields as the header.

    Raises
    ------
    IngestError
        Not UTF-8, binary, empty, cut (no final line break), or a line whose field count differs
        from the header's (named by line number).
    """
    try:
        with open(path, "rb") as fh:
            data = fh.read()
    except OSError as e:
        raise IngestError(f"cannot read: {e.strerror}", file=file) from None
    if b"\x00" in data[:65536]:
        raise IngestError("binary file, not a CSV", file=file)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        raise IngestError("not UTF-8 text (save the CSV as UTF-8)", file=file, row=line) from None
    if not text.strip():
        raise IngestError("empty file", file=file)
    if not text.endswith(("\n", "\r")):
        n = text.count("\n") + 1
        raise IngestError(
            "the last line does not end with a line break, so the file may have been "
            "cut while copying or downloading; check that its last figure is complete and add "
            "the line break",
            file=file,
            row=n,
        )
    try:
        rows = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as e:
        raise IngestError(f"not a readable CSV ({e})", file=file) from None
    header = rows[0]
    out = []
    for n, row in enumerate(rows[1:], start=2):
        if not any(x.strip() for x in row):
            continue
        if len(row) != len(header):
            hint = _split_decimal(row) if len(row) == len(header) + 1 else None
            raise IngestError(
                f"{len(row)} fields, the header has {len(header)}"
                + (
                    f": {hint!r} looks like a number with an unquoted decimal comma; quote it "
                    f'("{hint}") or write a decimal point'
                    if hint
                    else "; a field may contain an unquoted comma, or the line may be cut"
                ),
                file=file,
                row=n,
            )
        out.append((n, row))
    return header, out


def _split_decimal(row: list[str]) -> str | None:
    """``"17873,5"`` when two neighbouring fields look like one number split at its comma."""
    for a, b in zip(row, row[1:], strict=False):
        if re.fullmatch(r"-?\d[\d\s\u00a0]*", a.strip()) and re.fullmatch(r"\d{1,3}", b.strip()):
            return f"{a.strip()},{b.strip()}"
    return None


def check_period(period: str, year: int, periodicity: str) -> str | None:
    """Why ``period`` is not a valid period of ``year`` for ``periodicity`` (None if it is)."""
    m = PERIOD.fullmatch(period)
    if m is None:
        return (
            f"period {period!r} is not a period (YYYY, YYYY-Q1..Q4, YYYY-H1/H2, YYYY-9M, "
            "YYYY-01..12)"
        )
    if int(m.group(1)) != year:
        return f"period {period!r} is not in year {year}"
    if m.group(2) and periodicity.startswith("stock"):
        return f"period {period!r}: the indicator is a stock at 1 January, one figure a year"
    return None
