"""The chronicle of major events (COM-08, QC-10) with its yearly PDF, and the visit-reception
calendar (QC-11)."""

from __future__ import annotations

import calendar
import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from wuye.core import pdf
from wuye.core.models import restricted
from wuye.core.views import AccessMixin, StoredFileView, crud_views

from .. import filtersets, forms, tables
from ..models import ChronicleEntry, Visit

(
    ChronicleEntryListView,
    ChronicleEntryDetailView,
    ChronicleEntryEditView,
    ChronicleEntryDeleteView,
) = crud_views(
    ChronicleEntry,
    "community.chronicle",
    filterset=filtersets.ChronicleEntryFilterSet,
    table=tables.ChronicleEntryTable,
    form=forms.ChronicleEntryForm,
    detail_fields=["occurred_on", "category", "title", "description"],
)

(VisitListView, VisitDetailView, VisitEditView, VisitDeleteView) = crud_views(
    Visit,
    "community.chronicle",
    filterset=filtersets.VisitFilterSet,
    table=tables.VisitTable,
    form=forms.ReceptionVisitForm,
    related=("host",),
)


class ChroniclePhotoView(StoredFileView):
    model = ChronicleEntry
    permission = "community.chronicle.view"


def _year(request) -> int:
    text = request.GET.get("year", "")
    today = timezone.localdate()
    return int(text) if text.isdigit() and 2000 <= int(text) <= today.year + 1 else today.year


class ChroniclePdfView(AccessMixin, View):
    """The year's chronicle as a document (大事记), month by month."""

    permission = "community.chronicle.view"

    def get(self, request):
        year = _year(request)
        entries = (
            restricted(ChronicleEntry, self.access)
            .filter(occurred_on__year=year)
            .order_by("occurred_on", "id")
        )
        months: dict[int, list[ChronicleEntry]] = {}
        for entry in entries:
            months.setdefault(entry.occurred_on.month, []).append(entry)
        context = {"community": self.access.community, "year": year, "months": months}
        data = pdf.render_pdf("community/chronicle_pdf.html", context, request=request)
        return pdf.pdf_response(data, f"{self.access.community.name}{year}年大事记.pdf")


class VisitCalendarView(AccessMixin, TemplateView):
    """The visits of a month on a calendar (QC-11): planned ones to prepare, past ones done."""

    template_name = "community/visit_calendar.html"
    permission = "community.chronicle.view"
    title = gettext_lazy("Visit calendar")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        text = self.request.GET.get("month", "")
        try:
            first = dt.date.fromisoformat(f"{text}-01") if text else today.replace(day=1)
        except ValueError:
            first = today.replace(day=1)
        if not 2000 <= first.year <= 2100:
            first = today.replace(day=1)
        weeks = calendar.Calendar(firstweekday=0).monthdatescalendar(first.year, first.month)
        start, end = weeks[0][0], weeks[-1][-1]
        visits: dict[dt.date, list[Visit]] = {}
        for visit in (
            restricted(Visit, self.access)
            .filter(visit_at__date__gte=start, visit_at__date__lte=end)
            .select_related("host")
            .order_by("visit_at")
        ):
            visits.setdefault(timezone.localtime(visit.visit_at).date(), []).append(visit)
        context["weeks"] = [[(day, visits.get(day, [])) for day in week] for week in weeks]
        context["month"] = first
        context["today"] = today
        previous = (first - dt.timedelta(days=1)).replace(day=1)
        following = (first + dt.timedelta(days=32)).replace(day=1)
        context["previous"], context["following"] = previous, following
        context["weekdays"] = [_("Mon"), _("Tue"), _("Wed"), _("Thu"), _("Fri"), _("Sat"), _("Sun")]
        return context
