import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from wuye.core.tables import BadgeColumn, BaseTable

from .models import (
    UNIT_NATURAL_ORDER,
    Building,
    ExternalContact,
    Facility,
    LiaisonLog,
    Meter,
    ParkingArea,
    ParkingSpace,
    Person,
    Unit,
    Vehicle,
    Vendor,
)


class BuildingTable(BaseTable):
    name = tables.Column(
        accessor="display_name",
        verbose_name=_("building"),
        linkify=True,
        order_by=("sort_key", "number"),
    )
    unit_count = tables.Column(verbose_name=_("units"))

    class Meta(BaseTable.Meta):
        model = Building
        fields = ["name", "kind", "zone", "floors", "unit_count", "note"]


class UnitTable(BaseTable):
    address = tables.Column(
        accessor="address",
        verbose_name=_("unit"),
        linkify=True,
        order_by=("building__sort_key", "building__number", "entrance", "floor", "number"),
    )

    def order_address(self, queryset, is_descending):
        """Units in natural order (101, 102 … 1001), never as text."""
        order = UNIT_NATURAL_ORDER
        if is_descending:
            order = [o.desc() if hasattr(o, "desc") else f"-{o}" for o in order]
        return queryset.order_by(*order), True

    status = BadgeColumn(verbose_name=_("status"))

    class Meta(BaseTable.Meta):
        model = Unit
        fields = [
            "address",
            "code",
            "floor",
            "gross_area",
            "inner_area",
            "use",
            "status",
            "handover_date",
        ]


class PersonTable(BaseTable):
    name = tables.Column(linkify=True, order_by=("pinyin",))
    units = tables.Column(verbose_name=_("unit number"), accessor="pk", orderable=False)
    id_number = tables.Column(verbose_name=_("ID number"), orderable=False)

    class Meta(BaseTable.Meta):
        model = Person
        fields = [
            "name",
            "units",
            "gender",
            "phone",
            "id_number",
            "birthday",
            "emergency_contact",
        ]

    def render_units(self, record):
        """The units the person lives in or owns today (房号, with the role)."""
        relations = getattr(record, "current_relations", None)
        if relations is None:
            relations = record.relations.current().select_related("unit")
        return (
            "、".join(
                f"{relation.unit.code}（{relation.get_role_display()}）" for relation in relations
            )
            or "—"
        )

    def __init__(self, *args, show_full_id=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.show_full_id = show_full_id

    def render_id_number(self, record):
        return record.id_number if self.show_full_id else record.masked_id_number

    def value_id_number(self, record):
        return self.render_id_number(record)


class ParkingAreaTable(BaseTable):
    name = tables.Column(linkify=True)
    space_count = tables.Column(verbose_name=_("spaces"))

    class Meta(BaseTable.Meta):
        model = ParkingArea
        fields = ["name", "underground", "location", "space_count"]


class ParkingSpaceTable(BaseTable):
    number = tables.Column(linkify=True)

    class Meta(BaseTable.Meta):
        model = ParkingSpace
        fields = ["area", "number", "kind", "size", "unit", "person"]


class VehicleTable(BaseTable):
    plate = tables.Column(linkify=True)

    class Meta(BaseTable.Meta):
        model = Vehicle
        fields = ["plate", "brand", "colour", "person", "unit", "space", "is_active"]


class MeterTable(BaseTable):
    serial = tables.Column(linkify=True)
    target = tables.Column(verbose_name=_("installed at"), empty_values=(), orderable=False)

    class Meta(BaseTable.Meta):
        model = Meter
        fields = ["serial", "kind", "scope", "target", "multiplier", "initial_reading", "is_active"]

    def render_target(self, record):
        return str(record.target)

    value_target = render_target


class FacilityTable(BaseTable):
    code = tables.Column(linkify=True)

    class Meta(BaseTable.Meta):
        model = Facility
        fields = [
            "code",
            "name",
            "kind",
            "building",
            "location",
            "custodian",
            "status",
            "next_inspection",
        ]


class VendorTable(BaseTable):
    name = tables.Column(linkify=True)

    class Meta(BaseTable.Meta):
        model = Vendor
        fields = ["name", "category", "contact_name", "phone", "contract_start", "contract_end"]


class ExternalContactTable(BaseTable):
    organization = tables.Column(linkify=True)

    class Meta(BaseTable.Meta):
        model = ExternalContact
        fields = ["organization", "kind", "contact_name", "phone", "address"]


class LiaisonLogTable(BaseTable):
    subject = tables.Column(linkify=True)

    class Meta(BaseTable.Meta):
        model = LiaisonLog
        fields = ["date", "contact", "channel", "subject", "staff", "follow_up"]
