"""Parking agreements (OCC-06): the list with what ends soon, signing, the agreement's bills,
its printable text."""

from wuye.billing.models import Bill
from wuye.core import pdf
from wuye.core.commands import CommandPageMixin
from wuye.core.models import restricted
from wuye.core.views import ObjectDetailView, ObjectEditView, ObjectListView, ScopedObjectMixin

from .. import filtersets, forms, tables
from ..choices import AgreementAction, AgreementStatus
from ..commands import AGREEMENT_COMMANDS
from ..models import ParkingAgreement
from ..services import parking


class ParkingAgreementMixin(ScopedObjectMixin):
    model = ParkingAgreement
    perm_prefix = "occupancy.parking"
    url_base = "occupancy:parkingagreement"
    related = ("space__area", "unit__building", "created_by")
    page_actions = ("view", "change")  # signed here; changed only by its commands


class ParkingAgreementListView(ParkingAgreementMixin, ObjectListView):
    filterset_class = filtersets.ParkingAgreementFilterSet
    table_class = tables.ParkingAgreementTable


class ParkingAgreementCreateView(ParkingAgreementMixin, ObjectEditView):
    form_class = forms.ParkingAgreementForm
    create_service = parking.sign_agreement


def agreement_bills(agreement: ParkingAgreement, access):
    """The agreement's bills as the caller may read them (billed under its key)."""
    return (
        restricted(Bill, access)
        .filter(lines__billing_key__startswith=f"pa{agreement.pk}:")
        .distinct()
        .order_by("period_start", "pk")
    )


class ParkingAgreementDetailView(CommandPageMixin, ParkingAgreementMixin, ObjectDetailView):
    commands = AGREEMENT_COMMANDS
    page_forms = {AgreementAction.CANCEL: "cancel_form"}
    template_name = "occupancy/parkingagreement_detail.html"
    detail_fields = [
        "number",
        *forms.ParkingAgreementForm.Meta.fields,
        "end_date",
        "status",
        "cancel_reason",
        "reminded_on",
        "created_by",
        "created_at",
    ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        agreement = self.object
        context["bills"] = (
            agreement_bills(agreement, self.access)
            if self.access.has("billing.bill.view")
            else None
        )
        context["can_cancel"] = (
            self.commands[AgreementAction.CANCEL].allowed(self.access)
            and agreement.status == AgreementStatus.SIGNED
        )
        context.setdefault("cancel_form", forms.CancelAgreementForm())
        return context


class ParkingAgreementPdfView(ParkingAgreementMixin, ObjectDetailView):
    """The agreement printed for both parties to sign (A4)."""

    def get(self, request, *args, **kwargs):
        agreement = self.get_object()
        context = {
            "object": agreement,
            "community": self.access.community,
            "months": parking.months_of(agreement),
            "total": agreement.monthly_price * agreement.months,
        }
        data = pdf.render_pdf("occupancy/parkingagreement_pdf.html", context, request=request)
        return pdf.pdf_response(data, f"车位协议-{agreement.number}.pdf")
