"""Arrears and dunning pages: the arrears list, notices, visits, contacts, late fees."""

from decimal import Decimal

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from wuye.core import pdf  # module attribute: tests replace pdf.render_pdf
from wuye.core.errors import DomainError
from wuye.core.excel import xlsx_response
from wuye.core.views import AccessMixin, crud_views
from wuye.estate.models import Unit

from .. import dunning, filtersets, forms, latefees, reports, tables
from ..models import Bill, CollectionAppointment, DunningContact
from ..services.standards import policy_for

# --- Door-to-door collection (BIL-13) ----------------------------------------------------------------

(
    CollectionAppointmentListView,
    CollectionAppointmentDetailView,
    CollectionAppointmentEditView,
    CollectionAppointmentDeleteView,
) = crud_views(
    CollectionAppointment,
    "billing.visit",
    filterset=filtersets.CollectionAppointmentFilterSet,
    table=tables.CollectionAppointmentTable,
    form=forms.CollectionAppointmentForm,
    related=("unit__building", "assignee"),
)


(
    DunningContactListView,
    DunningContactDetailView,
    DunningContactEditView,
    DunningContactDeleteView,
) = crud_views(
    DunningContact,
    "billing.dunning",
    filterset=filtersets.DunningContactFilterSet,
    table=tables.DunningContactTable,
    form=forms.DunningContactForm,
    related=("unit__building", "created_by"),
    detail_fields=[*forms.DunningContactForm.Meta.fields, "owed", "created_by"],
)


# --- Arrears, dunning and collection rates (BIL-14, BIL-15) ------------------------------------------


class ArrearsView(AccessMixin, TemplateView):
    """Arrears by building or zone in aging buckets, and by unit; notices and SMS from here."""

    template_name = "billing/arrears.html"
    permission = "billing.arrears.view"
    title = gettext_lazy("Arrears")

    def get(self, request, *args, **kwargs):

        group = "zone" if request.GET.get("group") == "zone" else "building"
        bills = Bill.objects.for_arrears(self.access)
        self.aging, self.labels = reports.aging(bills, group_by=group)
        self.units = reports.arrears_by_unit(bills)
        self.group = group
        if request.GET.get("format") == "xlsx":
            return xlsx_response(
                f"欠费-{self.access.community}",
                [
                    (
                        _("Aging"),
                        [
                            _("building") if group == "building" else _("zone"),
                            *self.labels,
                            _("total"),
                        ],
                        [[r["group"], *r["buckets"], r["total"]] for r in self.aging],
                    ),
                    (
                        _("By unit"),
                        [
                            _("unit"),
                            _("zone"),
                            _("bills"),
                            _("owed"),
                            _("oldest due date"),
                            _("days overdue"),
                        ],
                        [
                            [
                                u["code"],
                                u["zone"],
                                u["bills"],
                                u["owed"],
                                u["oldest_due"],
                                u["days"],
                            ]
                            for u in self.units
                        ],
                    ),
                ],
            )
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["late_fees"] = policy_for(
            self.access.community
        ).late_fee_enabled and self.access.has("billing.run.change")
        shown = self.units[:500]
        if self.access.has("billing.dunning.view"):
            latest: dict[int, DunningContact] = {}
            for contact in (
                DunningContact.objects.for_access(self.access)
                .filter(unit_id__in=[u["unit_id"] for u in shown])
                .order_by("unit_id", "-contacted_at")
            ):
                latest.setdefault(contact.unit_id, contact)
            for row in shown:
                row["last_contact"] = latest.get(row["unit_id"])
        context.update(
            can_log=self.access.has("billing.dunning.change"),
            aging=self.aging,
            labels=self.labels,
            units=shown,
            unit_count=len(self.units),
            group=self.group,
            total=sum((u["owed"] for u in self.units), Decimal("0.00")),
            can_dun=self.access.has("billing.arrears.dun"),
        )
        return context

    def post(self, request):
        """Send the dunning SMS to the owners of the chosen units (after commit)."""

        if not self.access.has("billing.arrears.dun"):
            raise PermissionDenied
        units = Unit.objects.for_access(self.access).filter(pk__in=request.POST.getlist("units"))
        sent = dunning.send_reminders(units, actor=request.user)
        messages.success(request, _("%(count)d reminders queued by SMS.") % {"count": sent})
        return redirect("billing:arrears")


class DunningNoticeView(AccessMixin, TemplateView):
    """催缴通知书 for one unit, as PDF."""

    model = Unit
    permission = "billing.arrears.view"

    def get(self, request, *args, **kwargs):
        unit = get_object_or_404(
            Unit.objects.for_access(self.access).select_related("building"), pk=kwargs["pk"]
        )
        context = dunning.notice_context(unit)
        return pdf.pdf_response(
            pdf.render_pdf("billing/dunning_notice_pdf.html", context, request=request),
            f"催缴通知书-{unit.code}.pdf",
        )


class LateFeeView(AccessMixin, View):
    """Bring late fees up to date now (they are also brought up to date every night)."""

    permission = "billing.run.change"

    def post(self, request):
        try:
            count = latefees.charge_late_fees(self.access.community, actor=request.user)
        except DomainError as exc:
            messages.error(request, str(exc.message))
        else:
            messages.success(
                request, _("Late fees brought up to date on %(count)d bills.") % {"count": count}
            )
        return redirect("billing:arrears")
