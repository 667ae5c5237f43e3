"""The weekly complaints and suggestions report with its KPIs (SRV-05, SRV-06)."""

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from wuye.core import pdf  # module attribute: tests replace pdf.render_pdf
from wuye.core.excel import xlsx_response
from wuye.core.models import restricted
from wuye.core.views import (
    AccessMixin,
)

from .. import reports
from ..models import (
    WorkOrder,
)

# --- Statistics (SRV-05, SRV-06) -------------------------------------------------------------------


class WeeklyReportView(AccessMixin, TemplateView):
    """The weekly report of complaints and suggestions with the KPIs: page, PDF and Excel."""

    template_name = "service/weekly_report.html"
    permission = "service.report.view"
    title = gettext_lazy("Weekly complaints and suggestions report")

    def get(self, request, *args, **kwargs):
        try:
            day = dt.date.fromisoformat(request.GET.get("day", ""))
        except ValueError:
            day = timezone.localdate()
        self.report = reports.weekly_report(
            self.access.community, day, source=restricted(WorkOrder, self.access)
        )
        self.report["community"] = self.access.community
        self.report["previous_day"] = day - dt.timedelta(days=7)
        self.report["next_day"] = day + dt.timedelta(days=7)
        name = f"客服周报-{self.access.community.name}-{self.report['start']}"
        fmt = request.GET.get("format")
        if fmt == "pdf":
            return pdf.pdf_response(
                pdf.render_pdf("service/weekly_report_pdf.html", self.report, request=request),
                f"{name}.pdf",
            )
        if fmt == "xlsx":
            return self.xlsx(name)
        return super().get(request, *args, **kwargs)

    def xlsx(self, name):
        data = self.report
        kpis, previous = data["kpis"], data["previous"]
        rows = [
            [_("received"), kpis["received"], previous["received"]],
            [_("handled"), kpis["handled"], previous["handled"]],
            [_("handling rate %"), kpis["handling_rate"], previous["handling_rate"]],
            [_("on-time rate %"), kpis["on_time_rate"], previous["on_time_rate"]],
            [_("return-visit rate %"), kpis["visit_rate"], previous["visit_rate"]],
            [_("satisfaction rate %"), kpis["satisfaction_rate"], previous["satisfaction_rate"]],
        ]
        counted = [
            (title, [_("item"), _("count")], [[r["label"], r["count"]] for r in data[key]])
            for title, key in (
                (_("By kind"), "by_kind"),
                (_("By category"), "by_category"),
                (_("By zone"), "by_zone"),
                (_("By channel"), "by_channel"),
            )
        ]
        return xlsx_response(
            name,
            [
                (_("Indicators"), [_("indicator"), _("this week"), _("last week")], rows),
                *counted,
                (
                    _("Recurring problems"),
                    [_("category"), _("location"), _("count")],
                    [[r["category"], r["where"], r["count"]] for r in data["recurring"]],
                ),
            ],
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(self.report)
        return context
