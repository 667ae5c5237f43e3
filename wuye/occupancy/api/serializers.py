"""Occupancy's API shapes: records are read through these and changed only by the services."""

from rest_framework import serializers

from wuye.billing.dunning import owed_total
from wuye.core.api.fields import ClockTimeField
from wuye.core.validators import mask_id_number
from wuye.estate.models import Unit

from ..forms import (
    DecorationPermitForm,
    HandoverForm,
    ListingForm,
    MoveInForm,
    MunicipalRequestForm,
    ParkingAgreementForm,
    ReleasePassForm,
    ServiceOrderForm,
)
from ..models import (
    DecorationInspection,
    DecorationPermit,
    DecorationWorker,
    Handover,
    HandoverCheck,
    HandoverDefect,
    HandoverRound,
    KeyHolding,
    Listing,
    ListingViewing,
    MoveIn,
    MunicipalRequest,
    PaidService,
    ParkingAgreement,
    ReleasePass,
    ServiceOrder,
    VacantInspection,
)
from ..services import passes


class ReleasePassSerializer(serializers.ModelSerializer):
    """A release pass (放行条) for items leaving the community (OCC-04)."""

    unit_code = serializers.CharField(source="unit.code", read_only=True)
    status = serializers.CharField(
        read_only=True, help_text="requested, approved, used, rejected, cancelled"
    )
    decided_by = serializers.StringRelatedField(read_only=True)  # type: ignore[var-annotated]
    used_by = serializers.StringRelatedField(read_only=True)  # type: ignore[var-annotated]

    class Meta:
        model = ReleasePass
        fields = [
            "id",
            "number",
            *ReleasePassForm.Meta.fields,
            "unit_code",
            *ReleasePass.COURSE_FIELDS,
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class GatePassSerializer(ReleasePassSerializer):
    """A pass as the gate sees it: may the items go out now, and if not, why. `unit_owed` is
    what the unit owes past due, shown only: arrears never stop a pass."""

    can_let_out = serializers.SerializerMethodField()
    refusal = serializers.SerializerMethodField()
    unit_owed = serializers.SerializerMethodField()

    class Meta(ReleasePassSerializer.Meta):
        fields = [*ReleasePassSerializer.Meta.fields, "can_let_out", "refusal", "unit_owed"]
        read_only_fields = fields

    def get_can_let_out(self, obj) -> bool:
        return passes.gate_problem(obj) is None

    def get_refusal(self, obj) -> str | None:
        problem = passes.gate_problem(obj)
        return None if problem is None else str(problem[1])

    def get_unit_owed(self, obj) -> str:
        return f"{owed_total(obj.unit):.2f}"


class ParkingAgreementSerializer(serializers.ModelSerializer):
    """A parking space's lease or usage agreement (OCC-06); `plates` are the registered plates."""

    space_name = serializers.CharField(source="space.__str__", read_only=True)
    unit_code = serializers.CharField(source="unit.code", read_only=True)
    plates = serializers.ListField(
        source="plate_list", child=serializers.CharField(), read_only=True
    )
    status = serializers.CharField(read_only=True, help_text="signed, cancelled")
    in_force = serializers.BooleanField(read_only=True)

    class Meta:
        model = ParkingAgreement
        fields = [
            "id",
            "number",
            *ParkingAgreementForm.Meta.fields,
            "space_name",
            "unit_code",
            "end_date",
            "status",
            "in_force",
            "cancel_reason",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class MunicipalRequestSerializer(serializers.ModelSerializer):
    """A request to open a utility service for a unit (OCC-08)."""

    unit_code = serializers.CharField(source="unit.code", read_only=True)
    status = serializers.CharField(
        read_only=True, help_text="registered, forwarded, done, cancelled"
    )

    class Meta:
        model = MunicipalRequest
        fields = [
            "id",
            "number",
            *MunicipalRequestForm.Meta.fields,
            "unit_code",
            "status",
            "forwarded_on",
            "utility_reference",
            "done_on",
            "result",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class HandoverCheckSerializer(serializers.ModelSerializer):
    class Meta:
        model = HandoverCheck
        fields = ["id", "system", "item", "result", "checked_in"]
        read_only_fields = fields


class HandoverRoundSerializer(serializers.ModelSerializer):
    """An inspection round of a handover."""

    class Meta:
        model = HandoverRound
        fields = ["id", "handover", "sequence", "inspected_on", "inspectors", "note"]
        read_only_fields = fields


class HandoverSerializer(serializers.ModelSerializer):
    """A handover acceptance from the developer (承接查验, OCC-01) with its checklist and rounds."""

    status = serializers.CharField(read_only=True, help_text="inspecting, accepted")
    checks = HandoverCheckSerializer(many=True, read_only=True)
    rounds = HandoverRoundSerializer(many=True, read_only=True)

    class Meta:
        model = Handover
        fields = [
            "id",
            "number",
            *HandoverForm.Meta.fields,
            "status",
            "accepted_on",
            "developer_signatory",
            "our_signatory",
            "conclusion",
            "checks",
            "rounds",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class HandoverDefectSerializer(serializers.ModelSerializer):
    """A defect found in a handover, forwarded to the developer as `work_order` (warranty)."""

    status = serializers.CharField(read_only=True, help_text="open, fixed")
    work_order_number = serializers.CharField(source="work_order.number", read_only=True)

    class Meta:
        model = HandoverDefect
        fields = [
            "id",
            "handover",
            "found_in",
            "system",
            "building",
            "location",
            "description",
            "severity",
            "due_date",
            "status",
            "work_order",
            "work_order_number",
            "fixed_in",
            "recheck_note",
            "created_at",
        ]
        read_only_fields = fields


class ListingViewingSerializer(serializers.ModelSerializer):
    class Meta:
        model = ListingViewing
        fields = ["id", "listing", "viewed_at", "visitor_name", "visitor_phone", "feedback"]
        read_only_fields = fields


class ListingSerializer(serializers.ModelSerializer):
    """A unit listed for rent or sale on its owner's behalf (代理出租、出售, OCC-07)."""

    unit_code = serializers.CharField(source="unit.code", read_only=True)
    status = serializers.CharField(read_only=True, help_text="listed, closed, withdrawn")
    viewings = ListingViewingSerializer(many=True, read_only=True)
    photo_count = serializers.SerializerMethodField()

    class Meta:
        model = Listing
        fields = [
            "id",
            "number",
            *(name for name in ListingForm.Meta.fields if name != "photos"),
            "unit_code",
            "status",
            "photo_count",
            "viewings",
            "deal_price",
            "deal_on",
            "counterparty",
            "agency_fee",
            "fee_bill",
            "closing_note",
            "created_at",
        ]
        read_only_fields = fields

    def get_photo_count(self, listing) -> int:
        return len(listing.photos.all())  # prefetched by the list


class PaidServiceSerializer(serializers.ModelSerializer):
    """An item of the paid service catalog (OCC-07)."""

    class Meta:
        model = PaidService
        fields = ["id", "name", "category", "price", "per", "description", "is_active"]
        read_only_fields = fields


class ServiceOrderSerializer(serializers.ModelSerializer):
    """A paid service ordered for a unit: billed as `bill`, done as `work_order` (OCC-07)."""

    unit_code = serializers.CharField(source="unit.code", read_only=True)
    status = serializers.CharField(read_only=True, help_text="ordered, cancelled")
    work_order_status = serializers.CharField(source="work_order.status", read_only=True)

    class Meta:
        model = ServiceOrder
        fields = [
            "id",
            "number",
            *ServiceOrderForm.Meta.fields,
            "unit_code",
            "unit_price",
            "amount",
            "status",
            "bill",
            "work_order",
            "work_order_status",
            "created_at",
        ]
        read_only_fields = fields


class MoveInSerializer(serializers.ModelSerializer):
    """A unit's move-in (入伙, OCC-02): the appointment and, once done, its checklist."""

    unit_code = serializers.CharField(source="unit.code", read_only=True)
    appointment_time = ClockTimeField(read_only=True, allow_null=True)
    status = serializers.CharField(read_only=True, help_text="booked, arrived, done, cancelled")
    first_bill_number = serializers.CharField(
        source="first_bill.number", read_only=True, allow_null=True, default=None
    )

    class Meta:
        model = MoveIn
        fields = [
            "id",
            "number",
            *MoveInForm.Meta.fields,
            "unit_code",
            "status",
            "arrived_at",
            "moved_in_on",
            "id_checked",
            "contract_checked",
            "rules_signed",
            "keys_count",
            "access_cards",
            "readings",
            "months_billed",
            "first_bill",
            "first_bill_number",
            "completed_at",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class VacantUnitSerializer(serializers.ModelSerializer):
    """A vacant or unsold unit or shop, with its last inspection and the sets of keys held."""

    last_inspected = serializers.DateField(read_only=True, allow_null=True)
    keys_held = serializers.IntegerField(read_only=True)

    class Meta:
        model = Unit
        fields = ["id", "code", "status", "use", "gross_area", "last_inspected", "keys_held"]
        read_only_fields = fields


class VacantInspectionSerializer(serializers.ModelSerializer):
    """One inspection of a vacant unit (OCC-05); a problem's work order is `work_order`."""

    unit_code = serializers.CharField(source="unit.code", read_only=True)
    all_ok = serializers.BooleanField(read_only=True)

    class Meta:
        model = VacantInspection
        fields = [
            "id",
            "unit",
            "unit_code",
            "inspected_on",
            *VacantInspection.CHECKS,
            "all_ok",
            "findings",
            "work_order",
            "created_at",
        ]
        read_only_fields = fields


class KeyHoldingSerializer(serializers.ModelSerializer):
    """Keys of a vacant unit held by the service center."""

    unit_code = serializers.CharField(source="unit.code", read_only=True)

    class Meta:
        model = KeyHolding
        fields = [
            "id",
            "unit",
            "unit_code",
            "keys",
            "key_count",
            "cabinet_slot",
            "received_on",
            "received_from",
            "returned_on",
            "returned_to",
            "created_at",
        ]
        read_only_fields = fields


class DecorationWorkerSerializer(serializers.ModelSerializer):
    """A worker on a decoration permit; the ID number is masked."""

    id_number = serializers.SerializerMethodField()

    class Meta:
        model = DecorationWorker
        fields = ["id", "pass_number", "name", "id_number", "phone", "trade"]
        read_only_fields = fields

    def get_id_number(self, obj) -> str:
        return mask_id_number(obj.id_number)


class DecorationInspectionSerializer(serializers.ModelSerializer):
    """A patrol at a unit under decoration; a violation carries its notice and deadline."""

    open = serializers.BooleanField(read_only=True)

    class Meta:
        model = DecorationInspection
        fields = [
            "id",
            "permit",
            "inspected_at",
            "violation",
            "findings",
            "notice_number",
            "deadline",
            "open",
            "rectified_at",
            "rectified_note",
            "created_at",
        ]
        read_only_fields = fields


class DecorationPermitSerializer(serializers.ModelSerializer):
    """A decoration application and permit (OCC-03) with its workers."""

    unit_code = serializers.CharField(source="unit.code", read_only=True)
    status = serializers.CharField(
        read_only=True, help_text="applied, approved, issued, completed, rejected"
    )
    flagged = serializers.ListField(child=serializers.CharField(), read_only=True)
    deposit_amount = serializers.DecimalField(
        source="deposit.amount", max_digits=14, decimal_places=2, read_only=True, allow_null=True
    )
    workers = DecorationWorkerSerializer(many=True, read_only=True)

    class Meta:
        model = DecorationPermit
        fields = [
            "id",
            "number",
            *DecorationPermitForm.Meta.fields,
            "unit_code",
            "flagged",
            "status",
            "review_note",
            "reviewed_at",
            "deposit",
            "deposit_amount",
            "issued_at",
            "completed_on",
            "completion_note",
            "deductions",
            "refund",
            "workers",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields
