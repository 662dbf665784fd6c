"""The .xlsx writer: whatever a nickname holds, the workbook opens and shows it as text."""

import io

import openpyxl

from quizzes.spreadsheets import workbook


def test_text_that_looks_like_a_formula_or_holds_control_characters_stays_text():
    content = workbook(
        [("Results: 3B/April?", ["Nickname", "Score"], [["=1+1", 2.5], ["Ann\x00\x07", None]])]
    )
    book = openpyxl.load_workbook(io.BytesIO(content))
    sheet = book.active
    assert sheet.title == "Results  3B April "
    assert [[c.value for c in row] for row in sheet.iter_rows()] == [
        ["Nickname", "Score"],
        ["=1+1", 2.5],
        ["Ann", None],
    ]
    assert sheet["A2"].data_type == "s"  # a string, not a formula
    assert sheet["A1"].font.bold and sheet.freeze_panes == "A2"
