"""Tables as an .xlsx workbook (openpyxl), for spreadsheets that misread a CSV file: an
Italian Excel expects semicolons and opens a comma-separated file in one column."""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

# What a spreadsheet sheet title may not hold, and its length limit.
SHEET_TITLE_FORBIDDEN = str.maketrans({c: " " for c in "[]:*?/\\"})


def workbook(sheets: list[tuple[str, list, list[list]]]) -> bytes:
    """One sheet per (title, header, rows): a bold, frozen header row, numbers as numbers,
    text as text (never a formula: a cell is written as a string, whatever it starts with)."""
    book = Workbook()
    book.remove(book.active)
    for title, header, rows in sheets:
        sheet = book.create_sheet(str(title).translate(SHEET_TITLE_FORBIDDEN)[:31])
        sheet.append([str(name) for name in header])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        sheet.freeze_panes = "A2"
        widths = [len(str(name)) for name in header]
        for row in rows:
            sheet.append([_cell(value) for value in row])
            for index, value in enumerate(row):
                if index < len(widths):
                    widths[index] = max(widths[index], len(str(value or "")))
            for cell in sheet[sheet.max_row]:
                if isinstance(cell.value, str):
                    cell.data_type = "s"  # never a formula
        for index, width in enumerate(widths, start=1):
            sheet.column_dimensions[get_column_letter(index)].width = min(width + 2, 60)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _cell(value):
    if value is None:
        return None
    if isinstance(value, bool | int | float):
        return value
    return ILLEGAL_CHARACTERS_RE.sub("", str(value))
