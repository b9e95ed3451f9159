"""The error every reader raises on bad input."""

from __future__ import annotations

__all__ = ["IngestError"]


class IngestError(ValueError):
    """Bad input, located: file, sheet, row, cell (1-based, as a spreadsheet shows them)."""

    def __init__(
        self,
        message: str,
        file: str | None = None,
        sheet: str | None = None,
        row: int | None = None,
        cell: str | None = None,
    ):
        self.file, self.sheet, self.row, self.cell = file, sheet, row, cell
        where = [str(x) for x in (file,) if x]
        if sheet:
            where.append(f"sheet {sheet!r}")
        if row is not None:
            where.append(f"row {row}")
        if cell:
            where.append(f"cell {cell}")
        super().__init__(f"{', '.join(where)}: {message}" if where else message)
