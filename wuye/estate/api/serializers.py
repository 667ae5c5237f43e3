"""The registry's API shapes. Records are written through the pages' forms and the services
(see views.py); these serializers describe what is read, plus the bodies of the extra actions."""

from rest_framework import serializers

from wuye.core.api.fields import IdOrTextField, register_form_field

from ..forms import (
    ExternalContactForm,
    FacilityForm,
    MeterForm,
    PersonForm,
    UnitField,
    UnitForm,
    VendorForm,
)
from ..models import (
    Building,
    ExternalContact,
    Facility,
    LiaisonLog,
    Meter,
    ParkingArea,
    ParkingSpace,
    Person,
    Unit,
    UnitRelation,
    Vehicle,
    Vendor,
)

STAMPS = ["created_at", "updated_at"]

UNIT_HELP = 'The unit\'s id (a number), or the unit as people say it: "3-2-1501", "3栋2单元1501".'


def _unit_field(form_field, **options):
    options["help_text"] = UNIT_HELP
    return IdOrTextField(allow_null=not form_field.required, **options)


# Forms that take a unit (work orders, reception, collection visits, dunning) take it by id or
# as typed; the API documents and checks both.
register_form_field(UnitField, _unit_field)


class BuildingSerializer(serializers.ModelSerializer):
    display_name = serializers.CharField(read_only=True)

    class Meta:
        model = Building
        fields = [
            "id",
            "number",
            "name",
            "display_name",
            "kind",
            "zone",
            "floors",
            "basement_floors",
            "completed_on",
            "note",
            *STAMPS,
        ]
        read_only_fields = ["id", *STAMPS]


class UnitSerializer(serializers.ModelSerializer):
    code = serializers.CharField(read_only=True)
    address = serializers.CharField(read_only=True)

    class Meta:
        model = Unit
        fields = [
            "id",
            "code",
            "address",
            *UnitForm.Meta.fields,
            *STAMPS,
        ]
        read_only_fields = ["id", "code", "address", *STAMPS]


class PersonSerializer(serializers.ModelSerializer):
    """A resident. The ID number is masked unless the caller may see full ID numbers."""

    class Meta:
        model = Person
        fields = ["id", "pinyin", "initials", *PersonForm.Meta.fields, *STAMPS]
        read_only_fields = ["id", "pinyin", "initials", *STAMPS]

    def to_representation(self, instance):
        data = super().to_representation(instance)
        access = self.context.get("access")
        if access is None or not access.has("estate.person.view_id"):
            data["id_number"] = instance.masked_id_number
        return data


class UnitRelationSerializer(serializers.ModelSerializer):
    unit_address = serializers.CharField(source="unit.address", read_only=True)
    person_name = serializers.CharField(source="person.name", read_only=True)
    is_current = serializers.BooleanField(read_only=True)

    class Meta:
        model = UnitRelation
        fields = [
            "id",
            "unit",
            "unit_address",
            "person",
            "person_name",
            "role",
            "share",
            "relationship",
            "start_date",
            "end_date",
            "end_reason",
            "is_current",
            *STAMPS,
        ]
        read_only_fields = fields


class ParkingAreaSerializer(serializers.ModelSerializer):
    class Meta:
        model = ParkingArea
        fields = ["id", "name", "underground", "location", *STAMPS]
        read_only_fields = ["id", *STAMPS]


class ParkingSpaceSerializer(serializers.ModelSerializer):
    area_name = serializers.CharField(source="area.name", read_only=True)
    unit_address = serializers.CharField(source="unit.address", read_only=True, default=None)
    person_name = serializers.CharField(source="person.name", read_only=True, default=None)

    class Meta:
        model = ParkingSpace
        fields = [
            "id",
            "area",
            "area_name",
            "number",
            "kind",
            "size",
            "unit",
            "unit_address",
            "person",
            "person_name",
            "note",
            *STAMPS,
        ]
        read_only_fields = ["id", *STAMPS]


class VehicleSerializer(serializers.ModelSerializer):
    person_name = serializers.CharField(source="person.name", read_only=True)
    unit_address = serializers.CharField(source="unit.address", read_only=True, default=None)

    class Meta:
        model = Vehicle
        fields = [
            "id",
            "plate",
            "brand",
            "colour",
            "person",
            "person_name",
            "unit",
            "unit_address",
            "space",
            "is_active",
            *STAMPS,
        ]
        read_only_fields = ["id", *STAMPS]


class MeterSerializer(serializers.ModelSerializer):
    unit_address = serializers.CharField(source="unit.address", read_only=True, default=None)

    class Meta:
        model = Meter
        fields = ["id", *MeterForm.Meta.fields, "unit_address", "is_active", *STAMPS]
        # Meters leave service by replacement, never by editing the flag.
        read_only_fields = ["id", "is_active", *STAMPS]


class FacilitySerializer(serializers.ModelSerializer):
    class Meta:
        model = Facility
        fields = [
            "id",
            *FacilityForm.Meta.fields,
            *STAMPS,
        ]
        read_only_fields = ["id", *STAMPS]


class VendorSerializer(serializers.ModelSerializer):
    class Meta:
        model = Vendor
        fields = [
            "id",
            *VendorForm.Meta.fields,
            *STAMPS,
        ]
        read_only_fields = ["id", *STAMPS]


class ExternalContactSerializer(serializers.ModelSerializer):
    class Meta:
        model = ExternalContact
        fields = [
            "id",
            *ExternalContactForm.Meta.fields,
            *STAMPS,
        ]
        read_only_fields = ["id", *STAMPS]


class LiaisonLogSerializer(serializers.ModelSerializer):
    organization = serializers.CharField(source="contact.organization", read_only=True)

    class Meta:
        model = LiaisonLog
        fields = [
            "id",
            "contact",
            "organization",
            "date",
            "channel",
            "subject",
            "content",
            "staff",
            "follow_up",
            *STAMPS,
        ]
        read_only_fields = ["id", *STAMPS]


# --- Bodies of the extra actions -------------------------------------------------------------
