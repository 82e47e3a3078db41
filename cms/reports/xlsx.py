"""XLSX export of an annual report: one sheet per table in the national layout (merged header
cells exactly as on the page, since both are drawn from cms.reports.layout), and a sheet with the
text sections."""

from __future__ import annotations

from io import BytesIO

from django.http import HttpResponse
from django.utils.http import content_disposition_header
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from cms.reports.layout import Grid, place
from cms.reports.models import AnnualReport

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SHEET_TITLES = ("二、主动公开", "三、依申请公开", "四、复议诉讼")
THIN = Side(style="thin")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
# First table row on each sheet: row 1 is the report title, row 2 the table caption.
FIRST_TABLE_ROW = 3


def write_grid(sheet: Worksheet, grid: Grid, title: str) -> None:
    sheet["A1"] = title
    sheet["A1"].font = Font(bold=True, size=14)
    sheet["A2"] = grid.caption
    sheet["A2"].font = Font(bold=True)
    width = grid.width if grid.head else max(sum(c.colspan for c in row) for row in grid.body)
    for r, c, cell in place(grid.head + grid.body, first_row=FIRST_TABLE_ROW - 1):
        row, column = r + 1, c + 1
        target = sheet.cell(row=row, column=column)
        if cell.numeric and cell.text:
            target.value = float(cell.text) if "." in cell.text else int(cell.text)
        else:
            target.value = cell.text
        target.alignment = Alignment(
            horizontal="center"
            if cell.header and cell.colspan > 1
            else "left"
            if cell.header
            else "right",
            vertical="center",
            wrap_text=True,
        )
        if cell.header:
            target.font = Font(bold=cell.scope in {"col", "colgroup"})
        for dr in range(cell.rowspan):
            for dc in range(cell.colspan):
                sheet.cell(row=row + dr, column=column + dc).border = BORDER
        if cell.rowspan > 1 or cell.colspan > 1:
            sheet.merge_cells(
                start_row=row,
                start_column=column,
                end_row=row + cell.rowspan - 1,
                end_column=column + cell.colspan - 1,
            )
    for index in range(1, width + 1):
        sheet.column_dimensions[get_column_letter(index)].width = 14


def build_workbook(report: AnnualReport) -> Workbook:
    workbook = Workbook()
    text_sheet = workbook.active
    text_sheet.title = "报告正文"
    text_sheet["A1"] = report.title
    text_sheet["A1"].font = Font(bold=True, size=14)
    sections = (
        ("一、总体情况", report.overview),
        ("五、存在的主要问题及改进情况", report.problems),
        ("六、其他需要报告的事项", report.other_matters),
    )
    for index, (heading, text) in enumerate(sections):
        text_sheet.cell(row=2 + index * 2, column=1, value=heading).font = Font(bold=True)
        body = text_sheet.cell(row=3 + index * 2, column=1, value=text)
        body.alignment = Alignment(wrap_text=True, vertical="top")
    text_sheet.column_dimensions["A"].width = 100
    for grid, sheet_title in zip(report.grids(), SHEET_TITLES, strict=True):
        write_grid(workbook.create_sheet(sheet_title), grid, report.title)
    return workbook


def workbook_bytes(report: AnnualReport) -> bytes:
    buffer = BytesIO()
    build_workbook(report).save(buffer)
    return buffer.getvalue()


def xlsx_filename(report: AnnualReport) -> str:
    return f"{report.title}.xlsx"


def xlsx_response(report: AnnualReport) -> HttpResponse:
    response = HttpResponse(workbook_bytes(report), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=xlsx_filename(report)
    )
    return response
