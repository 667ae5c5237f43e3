import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from wuye.core.tables import BadgeColumn, BaseTable
from wuye.estate.models import Unit

from .models import (
    DecorationPermit,
    Handover,
    HandoverDefect,
    Listing,
    MoveIn,
    MunicipalRequest,
    PaidService,
    ParkingAgreement,
    ReleasePass,
    ServiceOrder,
    VacantInspection,
)


class ReleasePassTable(BaseTable):
    number = tables.Column(linkify=True)
    unit = tables.Column()
    status = BadgeColumn()

    class Meta(BaseTable.Meta):
        model = ReleasePass
        fields = [
            "number",
            "unit",
            "applicant_name",
            "applicant_role",
            "reason",
            "item_count",
            "vehicle_plate",
            "valid_from",
            "valid_until",
            "status",
            "used_at",
        ]


class ParkingAgreementTable(BaseTable):
    number = tables.Column(linkify=True)
    space = tables.Column()
    unit = tables.Column()
    state = tables.Column(verbose_name=_("status"), accessor="state", orderable=False)

    class Meta(BaseTable.Meta):
        model = ParkingAgreement
        fields = [
            "number",
            "kind",
            "space",
            "unit",
            "party_name",
            "plates",
            "start_date",
            "end_date",
            "monthly_price",
            "billing",
            "state",
        ]


class MunicipalRequestTable(BaseTable):
    number = tables.Column(linkify=True)
    unit = tables.Column()
    status = BadgeColumn()

    class Meta(BaseTable.Meta):
        model = MunicipalRequest
        fields = [
            "number",
            "unit",
            "applicant_name",
            "service",
            "provider",
            "utility_fee",
            "status",
            "forwarded_on",
            "done_on",
            "created_at",
        ]


class HandoverTable(BaseTable):
    number = tables.Column(linkify=True)
    status = BadgeColumn()

    class Meta(BaseTable.Meta):
        model = Handover
        fields = ["number", "name", "developer", "started_on", "status", "accepted_on"]


class HandoverDefectTable(BaseTable):
    location = tables.Column(linkify=True)
    handover = tables.Column()
    status = BadgeColumn()

    class Meta(BaseTable.Meta):
        model = HandoverDefect
        fields = [
            "handover",
            "system",
            "building",
            "location",
            "description",
            "severity",
            "due_date",
            "status",
        ]


class ListingTable(BaseTable):
    number = tables.Column(linkify=True)
    unit = tables.Column()
    status = BadgeColumn()

    class Meta(BaseTable.Meta):
        model = Listing
        fields = ["number", "unit", "kind", "owner_name", "asking_price", "status", "deal_on"]


class PaidServiceTable(BaseTable):
    name = tables.Column(linkify=True)

    class Meta(BaseTable.Meta):
        model = PaidService
        fields = ["name", "category", "price", "per", "is_active"]


class ServiceOrderTable(BaseTable):
    number = tables.Column(linkify=True)
    unit = tables.Column()
    service = tables.Column(accessor="service__name")
    work_order = tables.Column(verbose_name=_("work order status"), accessor="work_order__status")

    class Meta(BaseTable.Meta):
        model = ServiceOrder
        fields = [
            "number",
            "unit",
            "service",
            "quantity",
            "amount",
            "wanted_on",
            "channel",
            "status",
            "work_order",
        ]

    def render_work_order(self, record):
        return record.work_order.get_status_display()


class MoveInTable(BaseTable):
    number = tables.Column(linkify=True)
    unit = tables.Column()
    status = BadgeColumn()

    class Meta(BaseTable.Meta):
        model = MoveIn
        fields = [
            "number",
            "unit",
            "owner_name",
            "owner_phone",
            "appointment_date",
            "appointment_time",
            "status",
            "moved_in_on",
        ]


class VacantUnitTable(BaseTable):
    code = tables.Column(
        verbose_name=_("unit"),
        linkify=("occupancy:vacantunit_detail", {"pk": tables.A("pk")}),
    )
    status = tables.Column()
    last_inspected = tables.DateColumn(verbose_name=_("last inspected"), format="Y-m-d")
    keys_held = tables.Column(verbose_name=_("sets of keys held"))

    class Meta(BaseTable.Meta):
        model = Unit
        fields = ["code", "status", "use", "gross_area", "last_inspected", "keys_held"]


class VacantInspectionTable(BaseTable):
    inspected_on = tables.Column(linkify=True)
    unit = tables.Column()
    work_order = tables.Column(linkify=True)

    class Meta(BaseTable.Meta):
        model = VacantInspection
        fields = ["inspected_on", "unit", "findings", "work_order", "created_by"]


class DecorationPermitTable(BaseTable):
    number = tables.Column(linkify=True)
    unit = tables.Column()
    status = BadgeColumn()

    class Meta(BaseTable.Meta):
        model = DecorationPermit
        fields = [
            "number",
            "unit",
            "applicant_name",
            "contractor",
            "start_date",
            "end_date",
            "status",
            "created_at",
        ]
