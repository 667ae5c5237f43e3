"""Excel in and out: reading an uploaded .xlsx safely, writing lists and templates."""

import datetime as dt
import io
import zipfile
from decimal import Decimal
from urllib.parse import quote

from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException

from .text import normalize

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class ExcelFileError(Exception):
    """The uploaded file as a whole cannot be used; the message says why, in the UI language."""


def sheet_title(title: str) -> str:
    """A worksheet's name as Excel allows it: none of []:*?/\\, at most 31 characters."""
    cleaned = "".join("-" if c in "[]:*?/\\" else c for c in str(title)).strip("'")
    return cleaned[:31] or "Sheet"


def cell_text(value) -> str:
    """An Excel cell as the text a form field expects."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float):
        return (
            format(Decimal(repr(value)).normalize(), "f")
            if value != int(value)
            else str(int(value))
        )
    if isinstance(value, int):
        return str(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return normalize(value)


def read_rows(upload, *, max_bytes=None, max_rows=None):
    """Return (headers, [(excel_row_number, [cell text…]), …]) from the first sheet.

    Blank rows are skipped. Raises ExcelFileError for a file that is not a usable .xlsx.
    """
    max_bytes = max_bytes or settings.IMPORT_MAX_BYTES
    max_rows = max_rows or settings.IMPORT_MAX_ROWS
    name = getattr(upload, "name", "") or ""
    if not name.lower().endswith(".xlsx"):
        raise ExcelFileError(
            _("Only .xlsx Excel files can be imported; “%(name)s” is not one.") % {"name": name}
        )
    size = getattr(upload, "size", None)
    if size is not None and size > max_bytes:
        raise ExcelFileError(
            _("The file is too large (%(size).1f MB); the limit is %(limit).0f MB.")
            % {"size": size / 1024 / 1024, "limit": max_bytes / 1024 / 1024}
        )
    data = upload.read()
    if not data:
        raise ExcelFileError(_("The file is empty."))
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise ExcelFileError(
            _(
                "The file is not a valid .xlsx Excel file. Save it as “Excel workbook (.xlsx)” and try again."
            )
        )
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise ExcelFileError(
            _(
                "The file is not a valid .xlsx Excel file. Save it as “Excel workbook (.xlsx)” and try again."
            )
        ) from exc
    try:
        sheet = workbook.worksheets[0]
        headers = None
        rows = []
        # Row numbers as people see them on the left of the sheet.
        for row_number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            cells = [cell_text(v) for v in values]
            if headers is None:
                if any(cells):
                    headers = cells
                    while headers and not headers[-1]:
                        headers.pop()
                continue
            cells = cells[: len(headers)] + [""] * (len(headers) - len(cells))
            if not any(cells):
                continue
            rows.append((row_number, cells))
            if len(rows) > max_rows:
                raise ExcelFileError(
                    _("The file has more than %(limit)d data rows; split it into smaller files.")
                    % {"limit": max_rows}
                )
        if headers is None:
            raise ExcelFileError(_("The file has no header row and no data."))
    except ExcelFileError:
        raise
    except Exception as exc:  # openpyxl raises many types on damaged content
        raise ExcelFileError(
            _("The file could not be read: it is damaged or not an Excel workbook.")
        ) from exc
    finally:
        workbook.close()
    return headers, rows


def xlsx_response(filename: str, sheets) -> HttpResponse:
    """An .xlsx download. `sheets` is [(title, headers, rows)]; rows are lists of values."""
    workbook = Workbook(write_only=True)
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDEBF7")
    for title, headers, rows in sheets:
        sheet = workbook.create_sheet(title=sheet_title(title))
        sheet.freeze_panes = "A2"
        header_cells = []
        for header in headers:
            cell = WriteOnlyCell(sheet, value=str(header))
            cell.font = bold
            cell.fill = fill
            header_cells.append(cell)
        for index, header in enumerate(headers):
            letter = get_column_letter(index + 1)
            sheet.column_dimensions[letter].width = max(10, min(40, len(str(header)) * 2 + 4))
        sheet.append(header_cells)
        for row in rows:
            sheet.append([_excel_cell(sheet, v) for v in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_CONTENT_TYPE)
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    full = f"{filename}-{stamp}.xlsx"
    response["Content-Disposition"] = (
        f"attachment; filename=\"export-{stamp}.xlsx\"; filename*=UTF-8''{quote(full)}"
    )
    return response


def _excel_cell(sheet, value):
    value = _excel_value(value)
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        # Text that looks like a formula stays text (a name like =HYPERLINK(...) must not run).
        cell = WriteOnlyCell(sheet, value=value)
        cell.data_type = "s"
        return cell
    return value


def _excel_value(value):
    if value is None:
        return ""
    if isinstance(value, (int, Decimal, dt.date)) and not isinstance(value, bool):
        if isinstance(value, dt.datetime):
            # Local time (Asia/Shanghai), to the second: what the list on screen shows.
            local = timezone.localtime(value) if timezone.is_aware(value) else value
            return local.replace(tzinfo=None, microsecond=0)
        return value
    if isinstance(value, float):
        return value
    return str(value)
