"""Seeded mutations of the bureau's real files and of a tidy CSV, and the oracle that judges a load.

Used by ``tests/ingest/test_fuzz.py`` (a few hundred variants) and ``benchmarks/bench_fuzz_ingest.py``
(thousands). A variant is a copy of a real file with one mutation of a known class and what a
correct reader must do with it: either refuse it with a located error, or load exactly the
figures the mutated file holds (``expect``: the baseline figures with the mutation applied).
Workbooks are mutated in their XML (one cell or one row), which is fast and leaves everything
else byte for byte as the bureau published it.

Outcomes: ``loaded-correct``, ``refused-clearly`` (an aimaq error naming the file and a sheet,
row or cell, and the store unchanged), ``refused-unclear`` (an aimaq error without a location),
``silently-wrong`` (loaded, but the figures differ from what the file holds) and ``crash``
(any other exception).
"""

from __future__ import annotations

import csv
import html
import io
import random
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["Baseline", "Variant", "baseline", "judge", "variants"]

Key = tuple[str, str, str]  # region, indicator, period


@dataclass
class Variant:
    cls: str  # mutation class
    file: str  # the real file it was made from
    path: Path
    expect: dict[Key, float] | None  # None: the variant must be refused
    also_ok_refused: bool = True  # a refusal is acceptable too (the reader may be stricter)
    detail: str = ""


@dataclass
class Baseline:
    path: Path
    kind: str  # "xlsx", "taldau", "tidy"
    figures: dict[Key, float]
    by_cell: dict[tuple[str | None, str], Key]  # (sheet, cell) -> key
    rows: dict[tuple[str | None, int], list[Key]]  # (sheet, row) -> keys read from it
    region_rows: list[tuple[str | None, int, str]]  # (sheet, row, label cell)
    national_rows: list[tuple[str | None, int, str]]
    other_rows: list[tuple[str | None, int]]  # skipped rows: districts, footnotes, headings
    header_cells: list[tuple[str, str]]  # (sheet, cell) of period headers over figure columns
    unit_cells: list[tuple[str, str]]
    sheet_xml: dict[str, str] = field(default_factory=dict)  # sheet name -> zip member
    indicator: str | None = None


def _frame_figures(frame) -> dict[Key, float]:
    return {
        (r, i, str(p)): float(v)
        for r, i, p, v in zip(
            frame["region"], frame["indicator"], frame["period"], frame["value"], strict=True
        )
    }


# -- workbook XML ---------------------------------------------------------------------------------
def _sheet_members(z: zipfile.ZipFile) -> dict[str, str]:
    wb = z.read("xl/workbook.xml").decode("utf-8")
    rels = z.read("xl/_rels/workbook.xml.rels").decode("utf-8")
    target = {
        m.group(1): m.group(2)
        for m in re.finditer(r'<Relationship[^>]*Id="([^"]+)"[^>]*Target="([^"]+)"', rels)
    }
    target.update(
        {
            m.group(2): m.group(1)
            for m in re.finditer(r'<Relationship[^>]*Target="([^"]+)"[^>]*Id="([^"]+)"', rels)
        }
    )
    out = {}
    for m in re.finditer(r'<sheet [^>]*name="([^"]+)"[^>]*r:id="([^"]+)"', wb):
        t = target[m.group(2)].lstrip("/")
        out[html.unescape(m.group(1))] = t if t.startswith("xl/") else f"xl/{t}"
    return out


def _rewrite(src: Path, dst: Path, member: str, edit) -> None:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == member:
                data = edit(data.decode("utf-8")).encode("utf-8")
            zout.writestr(item, data)


def _cell_re(ref: str) -> re.Pattern[str]:
    return re.compile(rf'<c r="{ref}"(?P<attrs>[^>]*?)(?:/>|>(?P<body>.*?)</c>)', re.S)


def _style(attrs: str) -> str:
    m = re.search(r'\ss="\d+"', attrs)
    return m.group(0) if m else ""


def _set_cell(
    xml: str,
    ref: str,
    *,
    text: str | None = None,
    number: str | None = None,
    formula: str | None = None,
) -> str:
    pat = _cell_re(ref)
    m = pat.search(xml)
    if m is None:
        raise LookupError(ref)
    s = _style(m.group("attrs"))
    if text is not None:
        new = f'<c r="{ref}"{s} t="inlineStr"><is><t xml:space="preserve">{html.escape(text)}</t></is></c>'
    elif number is not None:
        new = f'<c r="{ref}"{s}><v>{number}</v></c>'
    else:
        new = f'<c r="{ref}"{s}><f>{html.escape(formula or "")}</f></c>'
    return xml[: m.start()] + new + xml[m.end() :]


def _blank_row(xml: str, row: int) -> str:
    """Empty one row (its cells removed): the row deleted, as the reader sees it."""

    def drop(m: re.Match) -> str:
        return m.group(1) + m.group(3)

    return re.sub(rf'(<row r="{row}"[^>]*>)(.*?)(</row>)', drop, xml, count=1, flags=re.S)


# -- baselines ------------------------------------------------------------------------------------
def baseline(path: Path, indicator: str | None = None) -> Baseline:
    """What the reader reads from the unmutated ``path``, and where each figure sits."""
    import openpyxl

    from aimaq.ingest.dispatch import read_file, read_workbook
    from aimaq.ingest.grid import fold, unit_of, year_of

    path = Path(path)
    if path.suffix == ".csv":
        frame = read_file(path, indicator=indicator)
        kind = (
            "tidy"
            if "indicator" in path.read_text(encoding="utf-8-sig").split("\n", 1)[0]
            else "taldau"
        )
        by_cell, rows = {}, {}
        for k, r in zip(_frame_figures(frame), frame["_row"], strict=True):
            rows.setdefault((None, int(r)), []).append(k)
        return Baseline(
            path,
            kind,
            _frame_figures(frame),
            by_cell,
            rows,
            [],
            [],
            [],
            [],
            [],
            indicator=indicator,
        )
    bt = read_workbook(path, indicator=indicator)
    f = bt.frame
    figures = _frame_figures(f)
    by_cell = {(s, c): k for k, s, c in zip(figures, f["sheet"], f["cell"], strict=True)}
    rows: dict = {}
    for k, s, r in zip(figures, f["sheet"], f["_row"], strict=True):
        rows.setdefault((s, int(r)), []).append(k)
    wb = openpyxl.load_workbook(path, data_only=True)
    region_rows, national_rows, header_cells, unit_cells = [], [], [], []
    for sheet in bt.sheets:
        ws = wb[sheet]
        g = f[f["sheet"] == sheet]
        first = int(g["_row"].min())
        cols = sorted({re.match(r"[A-Z]+", c).group(0) for c in g["cell"]})
        label_col = None
        for r in sorted(set(g["_row"])):
            rr = g[g["_row"] == r].iloc[0]
            for c in ws[int(r)]:
                if (
                    isinstance(c.value, str)
                    and c.value.strip() == str(rr["region_as_published"]).strip()
                ):
                    label_col = c.column_letter
                    break
            if label_col:
                ref = f"{label_col}{int(r)}"
                (national_rows if rr["region"] == "KZ" else region_rows).append(
                    (sheet, int(r), ref)
                )
        for col in cols:
            for r in range(1, first):
                v = ws[f"{col}{r}"].value
                if v not in (None, "") and year_of(v) is not None:
                    header_cells.append((sheet, f"{col}{r}"))
        for row in ws.iter_rows(max_row=first - 1):
            for c in row:
                if isinstance(c.value, str) and unit_of(fold(c.value)):
                    unit_cells.append((sheet, c.coordinate))
    other = sorted(
        {
            (s, int(r))
            for s, r, reason in zip(
                bt.skipped["sheet"], bt.skipped["row"], bt.skipped["reason"], strict=True
            )
            if r == r
            and r is not None
            and s in bt.sheets
            and (reason.startswith(("district", "footnote", "section")))
        }
    )
    with zipfile.ZipFile(path) as z:
        members = _sheet_members(z)
    return Baseline(
        path,
        "xlsx",
        figures,
        by_cell,
        rows,
        region_rows,
        national_rows,
        other,
        header_cells,
        unit_cells,
        members,
        indicator,
    )


# -- mutation classes -----------------------------------------------------------------------------
_MARKERS = (" г.а.", " ауданы", " р-н", " район", " қ.ә.")
_JUNK = ("abc", "#", "2O15", "n/a", "—", "итого?")
_BAD_VALUES = ("-5", "-1234", "1e300", "1e15")
_GAPS = ("-", "x", "...")
_FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


def _xlsx_variant(b: Baseline, rng: random.Random, out: Path, cls: str) -> Variant | None:
    name = b.path.name
    keys = list(b.by_cell.items())
    if cls == "value-changed":
        (sheet, ref), key = rng.choice(keys)
        v = round(b.figures[key] * rng.choice((0.9, 1.1, 1.01)), 1)
        _rewrite(b.path, out, b.sheet_xml[sheet], lambda x: _set_cell(x, ref, number=repr(v)))
        return Variant(cls, name, out, {**b.figures, key: v}, detail=f"{sheet}!{ref}={v}")
    if cls == "value-implausible":
        (sheet, ref), key = rng.choice(keys)
        v = rng.choice(_BAD_VALUES)
        _rewrite(b.path, out, b.sheet_xml[sheet], lambda x: _set_cell(x, ref, number=v))
        return Variant(cls, name, out, None, detail=f"{sheet}!{ref}={v}")
    if cls == "gap-sign":
        (sheet, ref), key = rng.choice(keys)
        g = rng.choice(_GAPS)
        exp = {k: v for k, v in b.figures.items() if k != key}
        _rewrite(b.path, out, b.sheet_xml[sheet], lambda x: _set_cell(x, ref, text=g))
        return Variant(cls, name, out, exp, detail=f"{sheet}!{ref}={g!r}")
    if cls == "text-number":
        (sheet, ref), key = rng.choice(keys)
        v = b.figures[key]
        t = (
            f"{v:,.1f}".replace(",", "\u00a0").replace(".", ",")
            if rng.random() < 0.5
            else f"{v:.1f}"
        )
        exp = {**b.figures, key: float(f"{v:.1f}")}
        _rewrite(b.path, out, b.sheet_xml[sheet], lambda x: _set_cell(x, ref, text=t))
        return Variant(cls, name, out, exp, detail=f"{sheet}!{ref}={t!r}")
    if cls == "fullwidth-digit":
        (sheet, ref), key = rng.choice(keys)
        t = f"{b.figures[key]:.1f}".translate(_FULLWIDTH)
        exp = {**b.figures, key: float(f"{b.figures[key]:.1f}")}
        _rewrite(b.path, out, b.sheet_xml[sheet], lambda x: _set_cell(x, ref, text=t))
        return Variant(cls, name, out, exp, detail=f"{sheet}!{ref}={t!r}")
    if cls == "formula-no-cache":
        (sheet, ref), key = rng.choice(keys)
        _rewrite(b.path, out, b.sheet_xml[sheet], lambda x: _set_cell(x, ref, formula="1+1"))
        return Variant(cls, name, out, None, detail=f"{sheet}!{ref}")
    if cls == "district-marker" and b.region_rows:
        sheet, row, ref = rng.choice(b.region_rows)
        label = _label(b, sheet, ref)
        t = label + rng.choice(_MARKERS)
        _rewrite(b.path, out, b.sheet_xml[sheet], lambda x: _set_cell(x, ref, text=t))
        return Variant(cls, name, out, b.figures, detail=f"{sheet}!{ref}={t!r}")
    if cls == "label-spacing" and b.region_rows:
        sheet, row, ref = rng.choice(b.region_rows)
        label = _label(b, sheet, ref)
        t = rng.choice((f"  {label}  ", label.upper(), f"{label}1)", label.replace(" ", "  ")))
        _rewrite(b.path, out, b.sheet_xml[sheet], lambda x: _set_cell(x, ref, text=t))
        return Variant(cls, name, out, b.figures, detail=f"{sheet}!{ref}={t!r}")
    if cls == "label-typo" and (b.region_rows or b.national_rows):
        sheet, row, ref = rng.choice(
            b.national_rows if b.national_rows and rng.random() < 0.5 else b.region_rows
        )
        label = _label(b, sheet, ref)
        i = rng.randrange(len(label))
        t = label[:i] + rng.choice("qzйъ") + label[i + 1 :]
        _rewrite(b.path, out, b.sheet_xml[sheet], lambda x: _set_cell(x, ref, text=t))
        return Variant(cls, name, out, b.figures, detail=f"{sheet}!{ref}={t!r}")
    if cls == "junk-header" and b.header_cells:
        sheet, ref = rng.choice(b.header_cells)
        t = rng.choice(_JUNK)
        _rewrite(b.path, out, b.sheet_xml[sheet], lambda x: _set_cell(x, ref, text=t))
        return Variant(cls, name, out, None, detail=f"{sheet}!{ref}={t!r}")
    if cls == "row-deleted" and b.region_rows:
        sheet, row, ref = rng.choice(b.region_rows + b.national_rows)
        exp = {k: v for k, v in b.figures.items() if k not in set(b.rows.get((sheet, row), []))}
        _rewrite(b.path, out, b.sheet_xml[sheet], lambda x: _blank_row(x, row))
        return Variant(cls, name, out, exp, detail=f"{sheet} row {row}")
    if cls == "other-row-deleted" and b.other_rows:
        sheet, row = rng.choice(b.other_rows)
        _rewrite(b.path, out, b.sheet_xml[sheet], lambda x: _blank_row(x, row))
        return Variant(cls, name, out, b.figures, detail=f"{sheet} row {row}")
    if cls == "unit-blanked" and b.unit_cells:
        sheet, ref = rng.choice(b.unit_cells)
        _rewrite(b.path, out, b.sheet_xml[sheet], lambda x: _set_cell(x, ref, text=" "))
        return Variant(cls, name, out, b.figures, detail=f"{sheet}!{ref}")
    if cls == "truncated":
        data = b.path.read_bytes()
        out.write_bytes(data[: rng.randrange(len(data) // 4, len(data) - 10)])
        return Variant(cls, name, out, None)
    return None


_labels: dict[tuple[str, str, str], str] = {}


def _label(b: Baseline, sheet: str, ref: str) -> str:
    k = (str(b.path), sheet, ref)
    if k not in _labels:
        import openpyxl

        wb = openpyxl.load_workbook(b.path, data_only=True)
        for s, _, r in b.region_rows + b.national_rows:
            _labels[(str(b.path), s, r)] = str(wb[s][r].value)
    return _labels[k]


XLSX_CLASSES = (
    "value-changed",
    "value-implausible",
    "gap-sign",
    "text-number",
    "fullwidth-digit",
    "formula-no-cache",
    "district-marker",
    "label-spacing",
    "label-typo",
    "junk-header",
    "row-deleted",
    "other-row-deleted",
    "unit-blanked",
    "truncated",
)
CSV_CLASSES = (
    "csv-value-changed",
    "csv-decimal-comma",
    "csv-extra-field",
    "csv-missing-field",
    "csv-truncated",
    "csv-no-final-newline",
    "csv-bad-period",
    "csv-implausible",
    "csv-row-deleted",
    "csv-bad-region",
)


def _csv_variant(b: Baseline, rng: random.Random, out: Path, cls: str) -> Variant | None:
    text = b.path.read_text(encoding="utf-8-sig")
    lines = text.splitlines(keepends=True)
    header = next(csv.reader([lines[0]]))
    vi = [h.strip().lower() for h in header].index(
        "value" if "value" in [h.strip().lower() for h in header] else "значение"
    )
    n = rng.randrange(1, len(lines))
    row = next(csv.reader([lines[n]]))
    keys = b.rows.get((None, n + 1), [])
    name = b.path.name

    def put(new_row: list[str] | None, raw: str | None = None) -> None:
        buf = io.StringIO()
        if new_row is not None:
            csv.writer(buf, lineterminator="\n").writerow(new_row)
        lines2 = list(lines)
        lines2[n] = raw if raw is not None else buf.getvalue()
        out.write_text("".join(lines2), encoding="utf-8")

    if not keys:
        return None
    key = keys[0]
    if cls == "csv-value-changed":
        v = round(b.figures[key] * rng.choice((0.9, 1.1)), 1)
        row[vi] = repr(v)
        put(row)
        return Variant(cls, name, out, {**b.figures, key: v}, detail=f"line {n + 1}")
    if cls == "csv-decimal-comma":
        v = f"{b.figures[key]:.1f}".replace(".", ",")
        put(None, ",".join(row[:vi] + [v] + row[vi + 1 :]) + "\n")
        return Variant(cls, name, out, None, detail=f"line {n + 1}: {v}")
    if cls == "csv-extra-field":
        put(None, ",".join([*row, "junk"]) + "\n")
        return Variant(cls, name, out, None, detail=f"line {n + 1}")
    if cls == "csv-missing-field":
        put(None, ",".join(row[:-1]) + "\n")
        return Variant(cls, name, out, None, detail=f"line {n + 1}")
    if cls == "csv-truncated":
        cut = rng.randrange(len(text) // 3, len(text) - 3)
        if text[cut - 1] == "\n":
            cut -= 2
        out.write_text(text[:cut], encoding="utf-8")
        return Variant(cls, name, out, None, detail=f"cut at {cut}")
    if cls == "csv-no-final-newline":
        out.write_text(text.rstrip("\n"), encoding="utf-8")
        return Variant(cls, name, out, None, detail="no final newline")
    if cls == "csv-bad-period":
        col = [h.strip().lower() for h in header]
        target = "period" if "period" in col else ("date" if "date" in col else None)
        if target is None:
            return None
        row[col.index(target)] = rng.choice(("12%", "inf", "⁴²", "2021-Q5", "20x1", "2021-13"))
        put(row)
        return Variant(cls, name, out, None, detail=f"line {n + 1}")
    if cls == "csv-implausible":
        row[vi] = rng.choice(_BAD_VALUES)
        put(row)
        return Variant(cls, name, out, None, detail=f"line {n + 1}")
    if cls == "csv-row-deleted":
        exp = {k: v for k, v in b.figures.items() if k not in set(keys)}
        put(None, "")
        return Variant(cls, name, out, exp, detail=f"line {n + 1}")
    if cls == "csv-bad-region":
        row[0] = row[0] + rng.choice(("q", " р-н", "zz"))
        put(row)
        return Variant(cls, name, out, None, detail=f"line {n + 1}")
    return None


def variants(bases: list[Baseline], n: int, seed: int, workdir: Path) -> Iterator[Variant]:
    """``n`` variants drawn with ``seed``: a class, then a base file that has a target for it."""
    rng = random.Random(seed)
    workdir.mkdir(parents=True, exist_ok=True)
    made = 0
    tries = 0
    while made < n and tries < 20 * n:
        tries += 1
        b = rng.choice(bases)
        if b.kind == "xlsx":
            cls = rng.choice(XLSX_CLASSES)
            out = workdir / f"v{made:05d}_{b.path.name}"
            v = _xlsx_variant(b, rng, out, cls)
        else:
            cls = rng.choice(CSV_CLASSES)
            out = workdir / f"v{made:05d}_{b.path.name}"
            v = _csv_variant(b, rng, out, cls)
        if v is not None:
            made += 1
            yield v


def judge(v: Variant, store=None, indicator: str | None = None) -> tuple[str, str]:
    """(outcome, message) of reading ``v`` and, with ``store``, loading it."""
    from aimaq.ingest.dispatch import ingest_file, read_file
    from aimaq.ingest.errors import IngestError
    from aimaq.store import LoadError

    before = store.count() if store is not None else None
    try:
        if store is not None:
            ingest_file(v.path, store, indicator=indicator)
            frame = read_file(v.path, indicator=indicator)
        else:
            frame = read_file(v.path, indicator=indicator)
    except (IngestError, LoadError) as e:
        msg = str(e)
        if store is not None and store.count() != before:
            return "silently-wrong", f"refused but the store changed: {msg}"
        located = str(v.path) in msg and (
            re.search(r"(row \d+|cell [A-Z]+\d+|sheet |line \d+|column [A-Z]+)", msg)
            or v.cls == "truncated"  # a cut workbook: the whole file is the location
        )
        return ("refused-clearly" if located else "refused-unclear"), msg
    except Exception as e:  # noqa: BLE001 - the fuzz counts crashes
        return "crash", f"{type(e).__name__}: {e}"
    got = _frame_figures(frame)
    if v.expect is not None and got == v.expect:
        return "loaded-correct", ""
    if v.expect is None:
        return "silently-wrong", "loaded a file that must be refused"
    diff = set(got.items()) ^ set(v.expect.items())
    return "silently-wrong", f"{len(diff)} figures differ, e.g. {sorted(diff)[:3]}"
