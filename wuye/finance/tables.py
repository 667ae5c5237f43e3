import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from wuye.core.tables import BadgeColumn, BaseTable

from .models import MonthClose, NumberedBook, Seal, SealUse


class SealTable(BaseTable):
    name = tables.Column(linkify=True)
    keeper = tables.Column(accessor="keeper__display_name", verbose_name=_("keeper"))

    class Meta(BaseTable.Meta):
        model = Seal
        fields = ["name", "kind", "keeper", "is_active"]


class SealUseTable(BaseTable):
    used_at = tables.Column(linkify=True)
    applicant = tables.Column(accessor="applicant__display_name", verbose_name=_("applicant"))
    approver = tables.Column(accessor="approver__display_name", verbose_name=_("approved by"))

    class Meta(BaseTable.Meta):
        model = SealUse
        fields = ["used_at", "seal", "document", "purpose", "copies", "applicant", "approver"]


class NumberedBookTable(BaseTable):
    first_number = tables.Column(linkify=True, verbose_name=_("numbers"))
    status = BadgeColumn()
    holder = tables.Column(accessor="holder__display_name", verbose_name=_("held by"))

    class Meta(BaseTable.Meta):
        model = NumberedBook
        fields = ["kind", "series", "first_number", "last_number", "status", "holder", "issued_on"]

    def render_first_number(self, record):
        return f"{record.series}{record.first_number}–{record.last_number}"


class MonthCloseTable(BaseTable):
    month = tables.DateColumn(format="Y-m", linkify=True)
    status = BadgeColumn()
    closed_by = tables.Column(accessor="closed_by__display_name", verbose_name=_("closed by"))
    reopened_by = tables.Column(accessor="reopened_by__display_name", verbose_name=_("reopened by"))

    class Meta(BaseTable.Meta):
        model = MonthClose
        fields = [
            "month",
            "status",
            "closed_by",
            "closed_at",
            "reopened_by",
            "reopened_at",
            "reopen_reason",
        ]
