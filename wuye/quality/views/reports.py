"""Quality's reports: the month's inspection completion per plan, person and department
(QUA-01, QUA-06), as a page and an Excel download."""

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from wuye.core.excel import xlsx_response
from wuye.core.views import AccessMixin

from .. import reports
from ..models import Finding, InspectionTask


class CompletionReportView(AccessMixin, TemplateView):
    template_name = "quality/completion_report.html"
    permission = "quality.report.view"
    title = gettext_lazy("Inspection completion")

    def get(self, request, *args, **kwargs):
        try:
            month = dt.date.fromisoformat(f"{request.GET.get('month')}-01")
        except ValueError:
            month = timezone.localdate().replace(day=1)
        self.report = reports.completion_report(
            self.access.community,
            month,
            source=InspectionTask.objects.for_access(self.access),
        )
        if request.GET.get("format") == "xlsx":
            return self.xlsx()
        return super().get(request, *args, **kwargs)

    def xlsx(self):
        data = self.report
        counts = [_("due"), _("done"), _("missed"), _("completion rate %")]

        def figures(row):
            return [row["due"], row["done"], row["missed"], row["rate"]]

        return xlsx_response(
            f"巡查完成率-{self.access.community}-{data['month']:%Y-%m}",
            [
                (
                    _("By plan"),
                    [_("plan"), _("category"), *counts, _("check-ins"), _("outside window")],
                    [
                        [r["label"], r["category"], *figures(r), r["visits"], r["out_of_window"]]
                        for r in data["by_plan"]
                    ],
                ),
                (
                    _("By person"),
                    [_("staff member"), *counts],
                    [[r["label"], *figures(r)] for r in data["by_person"]],
                ),
                (
                    _("By department"),
                    [_("department"), *counts],
                    [[r["label"], *figures(r)] for r in data["by_department"]],
                ),
            ],
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(self.report)
        month = self.report["month"]
        context["previous_month"] = (month - dt.timedelta(days=1)).replace(day=1)
        context["next_month"] = reports.month_bounds(month)[1]
        context["groups"] = [
            (_("By person"), self.report["by_person"]),
            (_("By department"), self.report["by_department"]),
        ]
        context["overdue_findings"] = Finding.objects.for_access(self.access).overdue().count()
        return context
