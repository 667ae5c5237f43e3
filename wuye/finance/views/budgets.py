"""Budgets (FIN-08, MGR-5): the versions of each year's budget, filled in from Excel and
approved; the budget's execution by month and year to date with a chart; every service center's
execution side by side for the company."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from wuye.core.access import actor_can
from wuye.core.commands import CommandPageMixin
from wuye.core.excel import xlsx_response
from wuye.core.views import (
    AccessMixin,
    ObjectDetailView,
    ObjectEditView,
    ObjectListView,
    ScopedObjectMixin,
)

from .. import filtersets, forms, tables
from ..choices import BudgetAction, BudgetKind, BudgetStatus
from ..commands import BUDGET_COMMANDS
from ..models import Budget
from ..services import budgets


class BudgetMixin(ScopedObjectMixin):
    model = Budget
    perm_prefix = "finance.budget"
    url_base = "finance:budget"
    related: tuple[str, ...] = ("approved_by",)
    page_actions = ("view", "change")


class BudgetListView(BudgetMixin, ObjectListView):
    filterset_class = filtersets.BudgetFilterSet
    table_class = tables.BudgetTable


class BudgetEditView(BudgetMixin, ObjectEditView):
    """A new version of a year's budget (a copy of the one in force, or the standard lines)."""

    form_class = forms.BudgetForm
    create_service = budgets.start_budget

    def get_object(self):
        if self.kwargs.get("pk") is not None:
            raise PermissionDenied
        return None


def budget_workbook(budget: Budget):
    """The budget in the layout finance offices use: 类型, 项目, 1月…12月, 全年合计."""
    rows = [
        [budgets.KIND_LABELS[BudgetKind(line.kind)], line.name, *line.months, line.total]
        for line in budget.lines.all()
    ]
    return xlsx_response(
        f"年度预算-{budget.community}-{budget.year}-V{budget.version}",
        [(f"{budget.year}年度预算", budgets.HEADERS, rows)],
    )


class BudgetDetailView(CommandPageMixin, BudgetMixin, ObjectDetailView):
    commands = BUDGET_COMMANDS
    template_name = "finance/budget_detail.html"
    page_forms = {BudgetAction.IMPORT: "import_form"}
    detail_fields = ["year", "version", "status", "note", "approved_by", "approved_at"]

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        if request.GET.get("format") == "xlsx":
            return budget_workbook(self.object)
        return self.render_to_response(self.get_context_data(object=self.object))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        budget = self.object
        context["can_change"] = context["can_delete"] = False
        lines = list(budget.lines.all())
        context["lines"] = lines
        for kind in BudgetKind:
            of_kind = [line for line in lines if line.kind == kind]
            context[f"{kind.value}_months"] = [
                sum((line.months[i] for line in of_kind), 0) for i in range(12)
            ]
            context[f"{kind.value}_total"] = sum((line.total for line in of_kind), 0)
        draft = budget.status == BudgetStatus.DRAFT
        if draft and self.access.has("finance.budget.change"):
            context.setdefault(
                "import_form", forms.ImportBudgetForm(target=budget, access=self.access)
            )
        context["can_approve"] = (
            draft
            and self.access.has("finance.budget.approve")
            and budget.created_by_id != self.request.user.pk
        )
        context["can_revise"] = budget.status == BudgetStatus.APPROVED and self.access.has(
            "finance.budget.change"
        )
        return context


def year_and_month(request) -> tuple[int, int]:
    today = timezone.localdate()
    try:
        year = int(request.GET.get("year") or today.year)
        month = int(request.GET.get("month") or today.month)
    except ValueError:
        year, month = today.year, today.month
    if not 2000 <= year <= today.year + 1 or not 1 <= month <= 12:
        year, month = today.year, today.month
    return year, month


class BudgetExecutionView(AccessMixin, TemplateView):
    """The budget in force against the actuals, by line: the month and the year to date,
    variance and rate, lines off by more than the threshold highlighted; a chart by month."""

    template_name = "finance/budget_execution.html"
    permission = "finance.budget.view"
    title = gettext_lazy("Budget execution")

    def get(self, request, *args, **kwargs):
        self.year, self.month = year_and_month(request)
        self.report = budgets.execution(self.access.community, self.year, self.month)
        if request.GET.get("format") == "xlsx":
            return self.excel()
        return super().get(request, *args, **kwargs)

    def excel(self):
        headers = [
            _("kind"),
            _("item"),
            _("budget of the month"),
            _("actual of the month"),
            _("budget to date"),
            _("actual to date"),
            _("variance"),
            _("rate (%)"),
            _("budget of the year"),
        ]
        rows = [
            [
                budgets.KIND_LABELS[BudgetKind(r["kind"])],
                r["name"],
                r["month_budget"],
                r["month_actual"],
                r["ytd_budget"],
                r["ytd_actual"],
                r["variance"],
                r["rate"] if r["rate"] is not None else "",
                r["year_budget"],
            ]
            for r in self.report["rows"]
        ]
        return xlsx_response(
            f"预算执行-{self.access.community}-{self.year}-{self.month:02d}",
            [(_("Budget execution"), headers, rows)],
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        report = self.report
        context.update(report)
        context["year"], context["month"] = self.year, self.month
        context["months"] = range(1, 13)
        monthly = report["monthly"]
        context["chart"] = {
            "labels": [f"{n}月" for n in range(1, 13)],
            "series": [
                {
                    "name": _("Expense budget"),
                    "type": "bar",
                    "values": monthly["expense"]["budget"],
                },
                {
                    "name": _("Expense actual"),
                    "type": "bar",
                    "values": monthly["expense"]["actual"],
                },
                {"name": _("Income budget"), "type": "line", "values": monthly["income"]["budget"]},
                {"name": _("Income actual"), "type": "line", "values": monthly["income"]["actual"]},
            ],
        }
        return context


class CompanyBudgetView(AccessMixin, TemplateView):
    """Every service center the person can see, its income and spending to date against its
    budget in force (the company's view of MGR-5)."""

    template_name = "finance/budget_company.html"
    permission = "finance.budget.view"
    title = gettext_lazy("Budget execution of every service center")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        year, month = year_and_month(self.request)
        user = self.request.user
        ids = [
            c.pk
            for c in self.access.communities
            if actor_can(user, c, "finance.budget.view")  # not where he holds another post
        ]
        context.update(
            year=year,
            month=month,
            months=range(1, 13),
            rows=budgets.company_execution(ids, year, month),
            until=dt.date(year, month, 1),
        )
        return context
