"""Saved recipient lists from Excel, and opt-outs (COM-02). A list is read whole: any bad row
and nothing is saved, every bad row named with its Excel row number."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from wuye.core.access import require
from wuye.core.audit import record_event
from wuye.core.bulk import insert_rows
from wuye.core.errors import DomainError
from wuye.core.excel import ExcelFileError, read_rows
from wuye.core.money import q2
from wuye.core.text import normalize
from wuye.core.validators import MOBILE_RE

from ..models import OptOut, RecipientEntry, RecipientList

# The columns of a list's Excel file (the header row names them; order does not matter).
COLUMNS = {"姓名": "name", "手机号": "phone", "房号": "unit_code", "金额": "amount", "日期": "date"}
MAX_ERRORS_SHOWN = 20


def _date(text: str) -> dt.date:
    text = text.strip().replace("/", "-").replace(".", "-")
    return dt.date.fromisoformat(text[:10])


def read_list(upload: Any) -> list[tuple]:
    """The rows of an Excel list as (name, phone, unit, amount, date) tuples, or a DomainError
    naming every bad row."""
    try:
        headers, rows = read_rows(upload)
    except ExcelFileError as exc:
        raise DomainError(str(exc), field="file") from exc
    positions = {COLUMNS[h.strip()]: i for i, h in enumerate(headers) if h.strip() in COLUMNS}
    if "phone" not in positions:
        raise DomainError(
            _("The first row must name the columns; “手机号” is missing (also read: %(cols)s).")
            % {"cols": "、".join(c for c in COLUMNS if c != "手机号")},
            field="file",
        )
    errors: list[str] = []
    seen: dict[str, int] = {}
    result = []

    def cell(cells: list[str], name: str) -> str:
        index = positions.get(name)
        return normalize(cells[index]).strip() if index is not None else ""

    for row_number, cells in rows:
        phone = cell(cells, "phone").replace(" ", "").replace("-", "")
        problems = []
        if not MOBILE_RE.match(phone):
            problems.append(_("“%(phone)s” is not a mobile number") % {"phone": phone})
        elif phone in seen:
            problems.append(_("the number is also in row %(row)d") % {"row": seen[phone]})
        amount = None
        if cell(cells, "amount"):
            try:
                amount = Decimal(cell(cells, "amount").replace(",", "").replace("¥", ""))
                if amount < 0 or amount != q2(amount) or amount > 10**9:
                    raise InvalidOperation
            except InvalidOperation:
                problems.append(_("the amount is not a sum of money"))
                amount = None
        date = None
        if cell(cells, "date"):
            try:
                date = _date(cell(cells, "date"))
            except ValueError:
                problems.append(_("the date is not a date (2026-12-07)"))
        name = cell(cells, "name")
        if len(name) > 50:
            problems.append(_("the name is longer than 50 characters"))
        if problems:
            errors.append(
                _("Row %(row)d: %(problems)s")
                % {"row": row_number, "problems": "；".join(problems)}
            )
            continue
        seen[phone] = row_number
        result.append((name, phone, cell(cells, "unit_code")[:100], amount, date))
    if errors:
        shown = errors[:MAX_ERRORS_SHOWN]
        if len(errors) > MAX_ERRORS_SHOWN:
            shown.append(_("… and %(count)d more rows") % {"count": len(errors) - MAX_ERRORS_SHOWN})
        raise DomainError(
            _("Nothing was saved. %(errors)s") % {"errors": "\n".join(shown)}, field="file"
        )
    if not result:
        raise DomainError(_("The file has no rows."), field="file")
    return result


@transaction.atomic
def create_list(
    *, community: Any, actor: Any, name: str, note: str = "", file: Any = None
) -> RecipientList:
    """A saved list from an Excel file (姓名, 手机号, 房号, 金额, 日期)."""
    require(actor, community, "community.list.change", _("You may not save recipient lists."))
    uploads = file if isinstance(file, list) else [file]
    if not uploads or uploads[0] is None:
        raise DomainError(_("Choose the Excel file of the list."), field="file")
    rows = read_list(uploads[0])
    try:
        with transaction.atomic():
            recipient_list = RecipientList.objects.create(
                community=community,
                name=name.strip(),
                note=note.strip(),
                size=len(rows),
                created_by=actor,
            )
    except IntegrityError as exc:
        raise DomainError(_("A list of that name exists."), field="name") from exc
    insert_rows(
        RecipientEntry,
        ["position", "name", "phone", "unit_code", "amount", "date"],
        ((i, *row) for i, row in enumerate(rows, start=1)),
        constants={
            "community_id": community.pk,
            "recipient_list_id": recipient_list.pk,
            "created_by_id": actor.pk,
        },
    )
    record_event(
        verb="campaign.list_saved",
        actor=actor,
        community=community,
        target=recipient_list,
        message=_("%(count)d recipients") % {"count": len(rows)},
    )
    return recipient_list


@transaction.atomic
def opt_out(*, community: Any, actor: Any, phone: str, reason: str = "") -> OptOut:
    """Record that a number wants no marketing messages or greetings (a reply 'R', a call)."""
    require(actor, community, "community.optout.change", _("You may not keep the opt-outs."))
    phone = phone.strip()
    if not MOBILE_RE.match(phone):
        raise DomainError(_("Not a mobile number."), field="phone")
    record, _created = OptOut.objects.get_or_create(
        community=community,
        phone=phone,
        defaults={"reason": reason.strip()[:100], "created_by": actor},
    )
    return record
