"""Equipment maintenance (QUA-05): the plans with their next due date and the overdue ones, a
maintenance recorded from the plan's page on a phone, the records, and the inspection
certificates with their scans and expiry."""

from django.utils import timezone

from wuye.core.commands import CommandPageMixin
from wuye.core.views import (
    ObjectDeleteView,
    ObjectDetailView,
    ObjectEditView,
    ObjectListView,
    ScopedObjectMixin,
    StoredFileView,
)

from .. import filtersets, forms, tables
from ..choices import PlanAction
from ..commands import MAINTENANCE_COMMANDS
from ..models import Certificate, MaintenancePlan, MaintenanceRecord
from ..services import maintenance


class MaintenancePlanMixin(ScopedObjectMixin):
    model = MaintenancePlan
    perm_prefix = "quality.maintenance"
    url_base = "quality:maintenanceplan"
    related = ("facility", "contractor")
    page_actions: tuple[str, ...] = ("view", "change")


class MaintenancePlanListView(MaintenancePlanMixin, ObjectListView):
    filterset_class = filtersets.MaintenancePlanFilterSet
    table_class = tables.MaintenancePlanTable


class MaintenancePlanEditView(MaintenancePlanMixin, ObjectEditView):
    form_class = forms.MaintenancePlanForm

    def perform_save(self, form):
        return maintenance.save_maintenance_plan(
            community=self.access.community,
            actor=self.request.user,
            plan=self.object,
            **form.cleaned_data,
        )


class MaintenancePlanDetailView(CommandPageMixin, MaintenancePlanMixin, ObjectDetailView):
    commands = MAINTENANCE_COMMANDS
    page_forms = {PlanAction.RECORD: "record_form"}
    template_name = "quality/maintenanceplan_detail.html"
    detail_fields = [
        "facility",
        "name",
        "interval",
        "interval_unit",
        "contractor",
        "work",
        "next_due",
        "last_done_on",
        "is_active",
    ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        plan = self.object
        if self.commands[PlanAction.RECORD].allowed(self.access):
            context.setdefault(
                "record_form", forms.MaintenanceRecordForm(target=plan, access=self.access)
            )
        context["records"] = plan.records.select_related("contractor")[:20]
        context["overdue"] = plan.is_active and plan.next_due < timezone.localdate()
        return context


class MaintenanceRecordMixin(ScopedObjectMixin):
    model = MaintenanceRecord
    perm_prefix = "quality.maintenance"
    url_base = "quality:maintenancerecord"
    related = ("plan__facility", "facility", "contractor")
    page_actions: tuple[str, ...] = ("view",)


class MaintenanceRecordListView(MaintenanceRecordMixin, ObjectListView):
    filterset_class = filtersets.MaintenanceRecordFilterSet
    table_class = tables.MaintenanceRecordTable


class MaintenanceRecordDetailView(MaintenanceRecordMixin, ObjectDetailView):
    template_name = "quality/maintenancerecord_detail.html"
    detail_fields = [
        "plan",
        "facility",
        "done_on",
        "contractor",
        "technician",
        "work",
        "parts",
        "cost",
        "next_due",
        "created_by",
    ]


class MaintenancePhotoView(StoredFileView):
    model = MaintenanceRecord
    permission = "quality.maintenance.view"


class CertificateMixin(ScopedObjectMixin):
    model = Certificate
    perm_prefix = "quality.maintenance"
    url_base = "quality:certificate"
    related = ("facility",)


class CertificateListView(CertificateMixin, ObjectListView):
    filterset_class = filtersets.CertificateFilterSet
    table_class = tables.CertificateTable


class CertificateEditView(CertificateMixin, ObjectEditView):
    form_class = forms.CertificateForm

    def perform_save(self, form):
        return maintenance.save_certificate(
            community=self.access.community,
            actor=self.request.user,
            certificate=self.object,
            **form.cleaned_data,
        )


class CertificateDetailView(CertificateMixin, ObjectDetailView):
    template_name = "quality/certificate_detail.html"
    detail_fields = ["facility", "kind", "number", "issuer", "issued_on", "expires_on"]


class CertificateDeleteView(CertificateMixin, ObjectDeleteView):
    pass


class CertificateScanView(StoredFileView):
    model = Certificate
    field = "document"
    permission = "quality.maintenance.view"
