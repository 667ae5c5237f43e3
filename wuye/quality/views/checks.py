"""The office's checks (QUA-02..04): the standard checklists, the sign-board register, the
checks recorded on a phone with their rules (two spot checks a week, a safety check a month)
and the recurring-problem report that is used as training material."""

import datetime as dt

from django.contrib import messages
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from wuye.core import pdf
from wuye.core.commands import CommandPageMixin
from wuye.core.errors import DomainError
from wuye.core.excel import xlsx_response
from wuye.core.photos import photo_data_uri
from wuye.core.views import (
    AccessMixin,
    ObjectDetailView,
    ObjectEditView,
    ObjectListView,
    ScopedObjectMixin,
    StoredFileView,
    crud_views,
)

from .. import filtersets, forms, tables
from ..choices import CheckAction, CheckKind, CheckStatus
from ..commands import CHECK_COMMANDS
from ..models import CheckEntry, CheckStandard, QualityCheck, SignBoard, StandardItem
from ..services import checks

(
    _standard_list,  # with the offer of the starting set: CheckStandardListView
    _standard_detail,
    CheckStandardEditView,
    CheckStandardDeleteView,
) = crud_views(
    CheckStandard,
    "quality.standard",
    filterset=filtersets.CheckStandardFilterSet,
    table=tables.CheckStandardTable,
    form=forms.CheckStandardForm,
)


class CheckStandardListView(ObjectListView):
    """The standard checklists; a service center with none is offered the starting set."""

    model = CheckStandard
    perm_prefix = "quality.standard"
    url_base = "quality:checkstandard"
    filterset_class = filtersets.CheckStandardFilterSet
    table_class = tables.CheckStandardTable
    template_name = "quality/checkstandard_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["offer_standards"] = (
            self.can("change") and not CheckStandard.objects.for_access(self.access).exists()
        )
        return context


class InstallStandardsView(AccessMixin, View):
    """Give the service center the starting set of standard checklists (POST)."""

    permission = "quality.standard.change"

    def post(self, request):
        try:
            made = checks.install_standards(self.access.community, actor=request.user)
        except DomainError as exc:
            messages.error(request, str(exc.message))
        else:
            messages.success(request, _("%(count)d standard checklists added.") % {"count": made})
        return redirect("quality:checkstandard_list")


class CheckStandardDetailView(ObjectDetailView):
    model = CheckStandard
    perm_prefix = "quality.standard"
    url_base = "quality:checkstandard"
    detail_fields = forms.CheckStandardForm.Meta.fields
    template_name = "quality/checkstandard_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["items"] = self.object.items.all()
        return context


(
    StandardItemListView,
    StandardItemDetailView,
    StandardItemEditView,
    StandardItemDeleteView,
) = crud_views(
    StandardItem,
    "quality.standard",
    filterset=filtersets.StandardItemFilterSet,
    table=tables.StandardItemTable,
    form=forms.StandardItemForm,
    related=("standard",),
)

(
    SignBoardListView,
    SignBoardDetailView,
    SignBoardEditView,
    SignBoardDeleteView,
) = crud_views(
    SignBoard,
    "quality.sign",
    filterset=filtersets.SignBoardFilterSet,
    table=tables.SignBoardTable,
    form=forms.SignBoardForm,
    related=("building",),
)


class QualityCheckMixin(ScopedObjectMixin):
    model = QualityCheck
    perm_prefix = "quality.check"
    url_base = "quality:qualitycheck"
    related = ("standard", "department", "created_by")
    page_actions: tuple[str, ...] = ("view", "change")


def rule_status(access, today: dt.date) -> dict:
    """This week's spot checks against the rule of two, and this month's safety check."""
    source = QualityCheck.objects.for_access(access)
    week = checks.spot_check_weeks(access.community, today, today, source=source)[0]
    month = checks.safety_months(access.community, today, today, source=source)[0]
    return {"week": week, "month": month, "per_week": checks.SPOT_CHECKS_PER_WEEK}


class QualityCheckListView(QualityCheckMixin, ObjectListView):
    filterset_class = filtersets.QualityCheckFilterSet
    table_class = tables.QualityCheckTable
    template_name = "quality/qualitycheck_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["rules"] = rule_status(self.access, timezone.localdate())
        return context


class QualityCheckEditView(QualityCheckMixin, ObjectEditView):
    """Start a check (a recorded check is never edited: its entries are its record)."""

    form_class = forms.QualityCheckForm
    create_service = checks.start_check

    def get_object(self):
        return None


class QualityCheckDetailView(CommandPageMixin, QualityCheckMixin, ObjectDetailView):
    """A check on a phone: the next item's form first, then what has been recorded."""

    commands = CHECK_COMMANDS
    page_actions = ("view",)  # a check is never edited: its entries are its record
    page_forms = {
        CheckAction.RECORD: "entry_form",
        CheckAction.RECORD_SIGN: "sign_form",
        CheckAction.FINISH: "finish_form",
    }
    template_name = "quality/qualitycheck_detail.html"
    detail_fields = [
        "kind",
        "checked_on",
        "standard",
        "department",
        "status",
        "score",
        "summary",
        "created_by",
        "finished_at",
    ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        check = self.object
        context["entries"] = check.entries.select_related("work_order", "item")
        if check.status == CheckStatus.RECORDING and self.commands[CheckAction.RECORD].allowed(
            self.access
        ):
            context.setdefault("entry_form", forms.EntryForm(target=check, access=self.access))
            if check.kind != CheckKind.NIGHT:
                context.setdefault(
                    "sign_form", forms.SignEntryForm(target=check, access=self.access)
                )
            context.setdefault("finish_form", forms.FinishForm(target=check, access=self.access))
        if check.standard_id:
            recorded = {e.item_id for e in context["entries"] if e.item_id}
            context["waiting"] = [i for i in check.standard.items.all() if i.pk not in recorded]
        return context


class CheckEntryPhotoView(StoredFileView):
    model = CheckEntry
    permission = "quality.check.view"


class CheckRulesView(AccessMixin, TemplateView):
    """The rules over a period: spot checks per week against two, a safety check per month."""

    template_name = "quality/check_rules.html"
    permission = "quality.check.view"
    title = gettext_lazy("Check rules")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        start, end = period(self.request, weeks=12)
        source = QualityCheck.objects.for_access(self.access)
        community = self.access.community
        context.update(
            start=start,
            end=end,
            per_week=checks.SPOT_CHECKS_PER_WEEK,
            weeks=checks.spot_check_weeks(community, start, end, source=source),
            months=checks.safety_months(community, start, end, source=source),
        )
        return context


def period(request, *, weeks: int) -> tuple[dt.date, dt.date]:
    """The `start`–`end` dates of a report (the last `weeks` weeks by default)."""
    today = timezone.localdate()
    try:
        end = dt.date.fromisoformat(request.GET.get("end", ""))
    except ValueError:
        end = today
    try:
        start = dt.date.fromisoformat(request.GET.get("start", ""))
    except ValueError:
        start = end - dt.timedelta(weeks=weeks) + dt.timedelta(days=1)
    return (start, end) if start <= end else (end, start)


class RecurringProblemsView(AccessMixin, TemplateView):
    """The checklist items failing again and again (QUA-03): a page, an Excel sheet and a PDF
    with the findings and photos, to train the departments with."""

    template_name = "quality/recurring_problems.html"
    permission = "quality.check.view"
    title = gettext_lazy("Recurring problems")

    def get(self, request, *args, **kwargs):
        self.start, self.end = period(request, weeks=13)
        try:
            self.threshold = max(2, int(request.GET.get("threshold", "")))
        except ValueError:
            self.threshold = checks.RECURRING_THRESHOLD
        self.rows = checks.recurring_problems(
            self.access.community,
            self.start,
            self.end,
            source=QualityCheck.objects.for_access(self.access),
            threshold=self.threshold,
        )
        name = f"重复出现问题-{self.access.community}-{self.start:%Y%m%d}-{self.end:%Y%m%d}"
        fmt = request.GET.get("format")
        if fmt == "pdf":
            for row in self.rows:
                for entry in row["entries"]:
                    entry.photo_uri = photo_data_uri(entry.photo)
            context = self.get_context_data()
            return pdf.pdf_response(
                pdf.render_pdf("quality/recurring_problems_pdf.html", context, request=request),
                f"{name}.pdf",
            )
        if fmt == "xlsx":
            return xlsx_response(
                name,
                [
                    (
                        _("Recurring problems"),
                        [
                            _("item"),
                            _("standard checklist"),
                            _("departments"),
                            _("times"),
                            _("points deducted"),
                            _("findings"),
                        ],
                        [
                            [
                                r["item"].text,
                                r["standard"].name,
                                "、".join(r["departments"]),
                                r["count"],
                                r["deducted"],
                                "；".join(
                                    f"{e.quality_check.checked_on:%m-%d} {e.remark}"
                                    for e in r["entries"]
                                ),
                            ]
                            for r in self.rows
                        ],
                    )
                ],
            )
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            start=self.start,
            end=self.end,
            threshold=self.threshold,
            rows=self.rows,
            community=self.access.community,
        )
        return context
