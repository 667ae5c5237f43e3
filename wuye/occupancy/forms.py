"""The one validation of each occupancy write, page and API alike."""

import re
from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wuye.billing.choices import counter_channel_choices
from wuye.billing.forms import KEY_MESSAGE
from wuye.billing.forms.approvals import DeductionsField
from wuye.core.commands import CommandForm
from wuye.core.forms import (
    CameraPhotoField,
    FilesField,
    MobileField,
    NormalizedCharField,
    PhotosField,
    PhotosInput,
    ScopedModelForm,
    restrict_choice_fields,
)
from wuye.core.validators import validate_resident_id
from wuye.estate.forms import PlateField, SpaceField, UnitField
from wuye.estate.forms.rules import UniqueInCommunityForm
from wuye.estate.models import Building, Vendor
from wuye.estate.validators import PLATE_RE, normalize_plate, validate_plate

from .choices import CheckResult, DefectSeverity, HandoverSystem
from .models import (
    DecorationPermit,
    Handover,
    Listing,
    MoveIn,
    MunicipalRequest,
    OccupancySettings,
    PaidService,
    ParkingAgreement,
    ReleasePass,
    ServiceOrder,
)
from .services.movein import unit_meters

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ReleasePassForm(ScopedModelForm):
    """An application for a release pass (OCC-04), typed at the desk for the unit's people."""

    unit = UnitField(label=_("unit"))
    applicant_name = NormalizedCharField(label=_("applicant"), max_length=50)
    applicant_phone = NormalizedCharField(
        label=_("applicant's phone"), max_length=20, required=False
    )
    vehicle_plate = PlateField(label=_("vehicle plate"), max_length=16, required=False)
    item_count = forms.IntegerField(label=_("number of pieces"), min_value=1, max_value=999)
    valid_from = forms.DateField(label=_("valid from"), widget=DATE_INPUT)
    valid_until = forms.DateField(label=_("valid until"), widget=DATE_INPUT)

    class Meta:
        model = ReleasePass
        fields = [
            "unit",
            "applicant_name",
            "applicant_phone",
            "applicant_role",
            "reason",
            "items",
            "item_count",
            "vehicle_plate",
            "valid_from",
            "valid_until",
        ]
        widgets = {"items": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound and self.instance.pk is None:
            today = timezone.localdate()
            self.initial.setdefault("valid_from", today)
            self.initial.setdefault("valid_until", today)

    def clean(self):
        super().clean()
        cleaned = self.cleaned_data
        start, end = cleaned.get("valid_from"), cleaned.get("valid_until")
        if start and end and end < start:
            self.add_error("valid_until", _("The pass cannot end before it starts."))
        return cleaned


class ApprovePassForm(CommandForm):
    owner_confirmation = NormalizedCharField(
        label=_("owner's confirmation"),
        max_length=100,
        required=False,
        help_text=_("Who confirmed for the owner, and how (e.g. 业主张三电话确认)"),
    )
    note = forms.CharField(label=_("decision note"), max_length=200, required=False)


class RejectForm(CommandForm):
    """A refusal with its reason, shown beside an approval form on the same page (its own
    element ids, so both forms' `note` boxes stay distinct)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "reject_%s")
        super().__init__(*args, **kwargs)


class RejectPassForm(RejectForm):
    note = forms.CharField(label=_("why it is rejected"), max_length=200)


class CancelPassForm(CommandForm):
    note = forms.CharField(label=_("why it is cancelled"), max_length=200, required=False)


class VerifyPassForm(CommandForm):
    gate = NormalizedCharField(label=_("gate"), max_length=30, required=False)


class GateCodeForm(VerifyPassForm):
    """At the gate by code (the API's verify and the guard's page): the pass number as scanned
    or typed, and the gate."""

    code = NormalizedCharField(label=_("pass number"), max_length=30)


class PlatesField(forms.CharField):
    """Up to three plates, however separated (“粤B12345，粤BD12345”, “粤B 12345 粤BD12345”);
    each is checked."""

    def to_python(self, value):
        plates = []
        for chunk in re.split(r"[,，、;；\n]+", super().to_python(value) or ""):
            whole = normalize_plate(chunk)
            if PLATE_RE.match(whole):
                plates.append(whole)  # spaces inside one plate (“粤B 12345”)
            else:
                plates += [normalize_plate(p) for p in chunk.split() if p.strip()]
        return plates

    def validate(self, value):
        if self.required and not value:
            raise forms.ValidationError(self.error_messages["required"], code="required")
        if len(value) > 3:
            raise forms.ValidationError(_("At most three plates."), code="too_many")
        for plate in value:
            validate_plate(plate)

    def run_validators(self, value):
        return  # the whole list was checked plate by plate in validate()

    def prepare_value(self, value):
        return "、".join(value) if isinstance(value, list) else value


class ParkingAgreementForm(ScopedModelForm):
    """A parking space's lease or usage agreement (OCC-06): whole months from the start."""

    space = SpaceField(label=_("parking space"))
    unit = UnitField(label=_("unit (billed to)"))
    party_name = NormalizedCharField(label=_("party"), max_length=50)
    party_phone = NormalizedCharField(label=_("party's phone"), max_length=20, required=False)
    plates = PlatesField(label=_("vehicle plates"), max_length=60, required=False)
    start_date = forms.DateField(label=_("from"), widget=DATE_INPUT)
    months = forms.IntegerField(label=_("term (months)"), min_value=1, max_value=60)
    monthly_price = forms.DecimalField(
        label=_("price per month"), max_digits=10, decimal_places=2, min_value=Decimal("0.01")
    )

    class Meta:
        model = ParkingAgreement
        fields = [
            "kind",
            "space",
            "unit",
            "party_name",
            "party_phone",
            "plates",
            "start_date",
            "months",
            "monthly_price",
            "billing",
        ]


class CancelAgreementForm(CommandForm):
    reason = forms.CharField(label=_("why it is cancelled"), max_length=200)


CancelRequestForm = CancelAgreementForm  # the same one input: why


class MunicipalRequestForm(ScopedModelForm):
    """A request to open a utility service for a unit (OCC-08)."""

    unit = UnitField(label=_("unit"))
    applicant_name = NormalizedCharField(label=_("applicant"), max_length=50)
    applicant_phone = MobileField(label=_("applicant's phone"))
    provider = NormalizedCharField(
        label=_("utility"), max_length=50, help_text=_("e.g. 中国电信, 港华燃气")
    )
    utility_fee = forms.DecimalField(
        label=_("utility's fee"),
        max_digits=10,
        decimal_places=2,
        min_value=Decimal(0),
        required=False,
        help_text=_("Collected for the utility at its own price, without any handling fee"),
    )

    class Meta:
        model = MunicipalRequest
        fields = [
            "unit",
            "applicant_name",
            "applicant_phone",
            "service",
            "provider",
            "utility_fee",
            "note",
        ]

    def clean_utility_fee(self):
        return self.cleaned_data["utility_fee"] or Decimal(0)


class ForwardRequestForm(CommandForm):
    forwarded_on = forms.DateField(label=_("forwarded on"), widget=DATE_INPUT, required=False)
    utility_reference = NormalizedCharField(
        label=_("utility's reference"), max_length=50, required=False
    )


class CompleteRequestForm(CommandForm):
    done_on = forms.DateField(label=_("opened on"), widget=DATE_INPUT, required=False)
    result = forms.CharField(label=_("result"), max_length=200, required=False)


class VacantInspectionForm(CommandForm):
    """A vacant unit looked at on a phone: four checks and a photo (OCC-05)."""

    inspected_on = forms.DateField(label=_("inspected on"), widget=DATE_INPUT, required=False)
    doors_ok = forms.BooleanField(label=_("doors intact and locked"), required=False)
    windows_ok = forms.BooleanField(label=_("windows intact and closed"), required=False)
    water_ok = forms.BooleanField(label=_("water and power off, no running water"), required=False)
    no_leak = forms.BooleanField(label=_("no leaks or damp"), required=False)
    findings = forms.CharField(
        label=_("findings"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Needed when anything is not in order: it becomes a work order"),
    )
    photo = CameraPhotoField(required=True)


class ReceiveKeysForm(CommandForm):
    keys = NormalizedCharField(
        label=_("keys"), max_length=100, help_text=_("e.g. 入户门钥匙2把、信箱钥匙1把")
    )
    key_count = forms.IntegerField(label=_("number of keys"), min_value=1, max_value=99)
    received_from = NormalizedCharField(label=_("received from"), max_length=50)
    cabinet_slot = NormalizedCharField(label=_("key cabinet slot"), max_length=20, required=False)
    received_on = forms.DateField(label=_("received on"), widget=DATE_INPUT, required=False)


class ReturnKeysForm(CommandForm):
    returned_to = NormalizedCharField(label=_("returned to"), max_length=50)
    returned_on = forms.DateField(label=_("returned on"), widget=DATE_INPUT, required=False)


class OccupancySettingsForm(forms.ModelForm):
    class Meta:
        model = OccupancySettings
        fields = [
            "vacant_inspection_days",
            "decoration_deposit",
            "decoration_hours",
            "noise_rules",
            "move_in_months",
            "house_rules",
        ]
        widgets = {"house_rules": forms.Textarea(attrs={"rows": 6})}


class DecorationPermitForm(ScopedModelForm):
    """A decoration application (OCC-03): who, which contractor, what works, when."""

    unit = UnitField(label=_("unit"))
    applicant_name = NormalizedCharField(label=_("applicant"), max_length=50)
    applicant_phone = MobileField(label=_("applicant's phone"))
    contractor = NormalizedCharField(label=_("contractor"), max_length=100)
    contractor_leader = NormalizedCharField(label=_("site leader"), max_length=50)
    contractor_phone = MobileField(label=_("site leader's phone"))
    start_date = forms.DateField(label=_("works from"), widget=DATE_INPUT)
    end_date = forms.DateField(label=_("works until"), widget=DATE_INPUT)
    drawings = FilesField(
        label=_("drawings"),
        required=False,
        widget=PhotosInput(attrs={"accept": "application/pdf,image/*"}),
        help_text=_("Plans of the works: PDFs or photos, up to 10"),
    )

    class Meta:
        model = DecorationPermit
        fields = [
            "unit",
            "applicant_name",
            "applicant_phone",
            "contractor",
            "contractor_leader",
            "contractor_phone",
            "scope",
            "start_date",
            "end_date",
            *DecorationPermit.FLAGS,
        ]
        widgets = {"scope": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound and self.instance.pk is None:
            self.initial.setdefault("start_date", timezone.localdate())

    def clean(self):
        super().clean()
        start, end = self.cleaned_data.get("start_date"), self.cleaned_data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The works cannot end before they start."))
        return self.cleaned_data


class ReviewPermitForm(CommandForm):
    note = forms.CharField(
        label=_("review note"),
        max_length=300,
        required=False,
        help_text=_("Needed for flagged works: what was checked or required"),
    )


class RejectPermitForm(RejectForm):
    note = forms.CharField(label=_("why it is rejected"), max_length=300)


class IssuePermitForm(CommandForm):
    """The deposit taken at the counter (and a management fee billed) to issue the permit."""

    deposit = forms.DecimalField(
        label=_("deposit"), max_digits=10, decimal_places=2, min_value=Decimal("0.01")
    )
    management_fee = forms.DecimalField(
        label=_("decoration management fee"),
        max_digits=10,
        decimal_places=2,
        min_value=Decimal(0),
        required=False,
        help_text=_("Billed to the unit, paid at the counter with its other bills"),
    )
    channel = forms.ChoiceField(label=_("payment method"), choices=counter_channel_choices)
    reference = NormalizedCharField(label=_("reference"), max_length=50, required=False)
    idempotency_key = forms.CharField(
        widget=forms.HiddenInput,
        max_length=64,
        error_messages={"required": KEY_MESSAGE, "max_length": KEY_MESSAGE},
        help_text="One key per submission, e.g. a UUID",
    )


class AddWorkerForm(CommandForm):
    name = NormalizedCharField(label=_("name"), max_length=50)
    id_number = NormalizedCharField(
        label=_("ID number"), max_length=18, validators=[validate_resident_id]
    )
    phone = MobileField(label=_("phone"))
    trade = NormalizedCharField(
        label=_("trade"), max_length=20, required=False, help_text=_("e.g. 水电工, 泥瓦工")
    )

    def clean_id_number(self):
        return self.cleaned_data["id_number"].upper()


class PatrolForm(CommandForm):
    """A patrol's round at a unit under decoration, on a phone (OCC-03)."""

    violation = forms.BooleanField(label=_("violation found"), required=False)
    findings = forms.CharField(
        label=_("findings"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    deadline = forms.DateField(
        label=_("to be put right by"),
        widget=DATE_INPUT,
        required=False,
        help_text=_("For a violation: the rectification notice's deadline"),
    )
    photo = CameraPhotoField()


class RectifiedForm(CommandForm):
    note = forms.CharField(label=_("how it was put right"), max_length=300)


class CompletePermitForm(CommandForm):
    note = forms.CharField(label=_("completion check"), max_length=300)
    deductions = DeductionsField(label=_("deductions from the deposit"))
    completed_on = forms.DateField(
        label=_("completion checked on"), widget=DATE_INPUT, required=False
    )


TIME_INPUT = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class MoveInForm(ScopedModelForm):
    """A move-in appointment (OCC-02) for the unit's owner."""

    unit = UnitField(label=_("unit"))
    owner_name = NormalizedCharField(label=_("property owner"), max_length=50)
    owner_phone = MobileField(label=_("owner's phone"))
    id_number = NormalizedCharField(
        label=_("owner's ID number"),
        max_length=18,
        required=False,
        validators=[validate_resident_id],
    )
    appointment_date = forms.DateField(label=_("appointment day"), widget=DATE_INPUT)
    appointment_time = forms.TimeField(
        label=_("appointment time"), widget=TIME_INPUT, required=False
    )

    class Meta:
        model = MoveIn
        fields = [
            "unit",
            "owner_name",
            "owner_phone",
            "id_number",
            "appointment_date",
            "appointment_time",
            "note",
        ]

    def clean_id_number(self):
        return self.cleaned_data["id_number"].upper()


class MoveInDayForm(forms.Form):
    """A batch move-in day: a building's owners queued in time slots."""

    building = forms.ModelChoiceField(label=_("building"), queryset=Building.objects.all())
    appointment_date = forms.DateField(label=_("move-in day"), widget=DATE_INPUT)
    first_time = forms.TimeField(label=_("first appointment at"), widget=TIME_INPUT)
    minutes_per_slot = forms.IntegerField(
        label=_("minutes per slot"), min_value=5, max_value=240, initial=30
    )
    per_slot = forms.IntegerField(
        label=_("owners per slot"),
        min_value=1,
        max_value=50,
        initial=4,
        help_text=_("How many owners the desks serve at the same time"),
    )

    def __init__(self, *args, access=None, **kwargs):
        super().__init__(*args, **kwargs)
        restrict_choice_fields(self.fields, access)


class CompleteMoveInForm(CommandForm):
    """The move-in checklist: documents, keys, cards, one starting reading per meter of the
    unit (`reading_<meter id>`), the months billed ahead."""

    moved_in_on = forms.DateField(label=_("moved in on"), widget=DATE_INPUT)
    id_checked = forms.BooleanField(label=_("ID card checked"), required=False)
    contract_checked = forms.BooleanField(label=_("purchase contract checked"), required=False)
    rules_signed = forms.BooleanField(label=_("house rules signed"), required=False)
    keys_count = forms.IntegerField(label=_("keys handed over"), min_value=1, max_value=50)
    access_cards = forms.IntegerField(
        label=_("access cards handed over"), min_value=0, max_value=50, required=False
    )
    months = forms.IntegerField(
        label=_("months of property fees billed"),
        min_value=0,
        max_value=12,
        required=False,
        help_text=_("Billed now, paid at the counter (0: none)"),
    )
    note = forms.CharField(label=_("note"), max_length=200, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.meters = unit_meters(self.target.unit) if self.target is not None else []
        for meter in self.meters:
            self.fields[f"reading_{meter.pk}"] = forms.DecimalField(
                label=_("%(kind)s meter %(serial)s reading")
                % {"kind": meter.get_kind_display(), "serial": meter.serial},
                max_digits=12,
                decimal_places=2,
                min_value=Decimal(0),
            )

    def arguments(self):
        values = super().arguments()
        values["readings"] = {m.pk: values.pop(f"reading_{m.pk}") for m in self.meters}
        values["access_cards"] = values["access_cards"] or 0
        values["months"] = values["months"] or 0
        return values


class MoveInDepositForm(CommandForm):
    """A deposit taken at the counter during the move-in."""

    purpose = NormalizedCharField(
        label=_("what the deposit is for"), max_length=50, help_text=_("e.g. 门禁卡押金")
    )
    amount = forms.DecimalField(
        label=_("deposit"), max_digits=10, decimal_places=2, min_value=Decimal("0.01")
    )
    channel = forms.ChoiceField(label=_("payment method"), choices=counter_channel_choices)
    reference = NormalizedCharField(label=_("reference"), max_length=50, required=False)
    idempotency_key = forms.CharField(
        widget=forms.HiddenInput,
        max_length=64,
        error_messages={"required": KEY_MESSAGE, "max_length": KEY_MESSAGE},
        help_text="One key per submission, e.g. a UUID",
    )


class CancelMoveInForm(CommandForm):
    reason = forms.CharField(label=_("why it is cancelled"), max_length=200)


class HandoverForm(ScopedModelForm):
    """A handover from the developer (OCC-01): a building or a phase of several."""

    name = NormalizedCharField(
        label=_("name"), max_length=100, help_text=_("e.g. 二期 5–8 栋承接查验")
    )
    buildings = forms.ModelMultipleChoiceField(
        label=_("buildings"), queryset=Building.objects.order_by("sort_key", "number")
    )
    developer = forms.ModelChoiceField(
        label=_("developer"),
        queryset=Vendor.objects.order_by("name"),
        help_text=_("The developer (or its contractor) defects are forwarded to"),
    )
    started_on = forms.DateField(label=_("started on"), widget=DATE_INPUT, required=False)

    class Meta:
        model = Handover
        fields = ["name", "buildings", "developer", "started_on", "note"]


class HandoverRoundForm(CommandForm):
    """An inspection round: each checklist item checked in it (`check_<item id>`: passed or
    failed; left empty, not checked this round)."""

    inspected_on = forms.DateField(label=_("inspected on"), widget=DATE_INPUT)
    inspectors = NormalizedCharField(label=_("inspectors"), max_length=100)
    note = forms.CharField(label=_("note"), max_length=300, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.checks = list(self.target.checks.all()) if self.target is not None else []
        choices = [("", _("not checked this round")), *CheckResult.choices[1:]]
        for check in self.checks:
            self.fields[f"check_{check.pk}"] = forms.ChoiceField(
                label=check.item, choices=choices, required=False
            )

    def systems(self):
        """The item fields grouped by system, for the page."""
        groups: dict[str, list] = {}
        for check in self.checks:
            label = HandoverSystem(check.system).label
            groups.setdefault(str(label), []).append((check, self[f"check_{check.pk}"]))
        return groups.items()

    def arguments(self):
        values = super().arguments()
        values["results"] = {
            check.pk: result for check in self.checks if (result := values.pop(f"check_{check.pk}"))
        }
        return values


class HandoverDefectForm(CommandForm):
    system = forms.ChoiceField(label=_("system"), choices=HandoverSystem.choices)
    building = forms.ModelChoiceField(
        label=_("building"), queryset=Building.objects.all(), required=False
    )
    location = NormalizedCharField(
        label=_("location"), max_length=100, help_text=_("e.g. 地下车库 B2 东侧")
    )
    description = forms.CharField(
        label=_("defect"), max_length=300, widget=forms.Textarea(attrs={"rows": 3})
    )
    severity = forms.ChoiceField(label=_("severity"), choices=DefectSeverity.choices)
    due_date = forms.DateField(label=_("to be repaired by"), widget=DATE_INPUT)
    photo = CameraPhotoField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.target is not None:
            field = self.fields["building"]
            field.queryset = self.target.buildings.order_by("sort_key", "number")  # type: ignore[attr-defined]


class RecheckDefectForm(CommandForm):
    fixed = forms.BooleanField(label=_("fixed"), required=False)
    note = forms.CharField(
        label=_("re-inspection note"),
        max_length=300,
        required=False,
        help_text=_("Needed when it is not fixed: what is still wrong"),
    )


class AcceptHandoverForm(CommandForm):
    accepted_on = forms.DateField(label=_("accepted on"), widget=DATE_INPUT)
    developer_signatory = NormalizedCharField(label=_("signed for the developer"), max_length=50)
    our_signatory = NormalizedCharField(label=_("signed for the property company"), max_length=50)
    conclusion = forms.CharField(
        label=_("conclusion"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ListingForm(ScopedModelForm):
    """A unit listed for rent or sale on its owner's behalf (OCC-07)."""

    unit = UnitField(label=_("unit"))
    owner_name = NormalizedCharField(label=_("property owner"), max_length=50)
    owner_phone = MobileField(label=_("owner's phone"))
    asking_price = forms.DecimalField(
        label=_("asking price"),
        max_digits=12,
        decimal_places=2,
        min_value=Decimal("0.01"),
        help_text=_("Rent per month, or the sale price, in yuan"),
    )
    photos = PhotosField(label=_("photos"), required=False)

    class Meta:
        model = Listing
        fields = [
            "unit",
            "kind",
            "owner_name",
            "owner_phone",
            "asking_price",
            "description",
            "photos",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}


class ViewingForm(CommandForm):
    viewed_at = forms.DateTimeField(
        label=_("viewed at"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    visitor_name = NormalizedCharField(label=_("visitor"), max_length=50)
    visitor_phone = MobileField(label=_("visitor's phone"))
    feedback = forms.CharField(label=_("feedback"), max_length=300, required=False)


class CloseDealForm(CommandForm):
    deal_price = forms.DecimalField(
        label=_("deal price"), max_digits=12, decimal_places=2, min_value=Decimal("0.01")
    )
    deal_on = forms.DateField(label=_("deal closed on"), widget=DATE_INPUT)
    counterparty = NormalizedCharField(label=_("tenant or buyer"), max_length=50)
    agency_fee = forms.DecimalField(
        label=_("agency fee"),
        max_digits=12,
        decimal_places=2,
        min_value=Decimal(0),
        required=False,
        help_text=_("Billed to the unit and paid at the counter"),
    )
    note = forms.CharField(label=_("note"), max_length=200, required=False)

    def clean_agency_fee(self):
        return self.cleaned_data["agency_fee"] or Decimal(0)


class WithdrawListingForm(CommandForm):
    reason = forms.CharField(label=_("why it is withdrawn"), max_length=200)


class PaidServiceForm(UniqueInCommunityForm):
    """An item of the paid service catalog (a new price applies to orders placed after it)."""

    unique_together_in_community = [(("name",), _("The catalog already has this service."))]

    price = forms.DecimalField(
        label=_("price"), max_digits=12, decimal_places=2, min_value=Decimal("0.01")
    )

    class Meta:
        model = PaidService
        fields = ["name", "category", "price", "per", "description", "is_active"]


class ServiceOrderForm(ScopedModelForm):
    """A paid service ordered for a unit at the counter or by phone (OCC-07)."""

    unit = UnitField(label=_("unit"))
    quantity = forms.DecimalField(
        label=_("quantity"), max_digits=8, decimal_places=2, min_value=Decimal("0.01")
    )
    contact_name = NormalizedCharField(label=_("contact"), max_length=50)
    contact_phone = MobileField(label=_("contact phone"))
    wanted_on = forms.DateField(label=_("wanted on"), widget=DATE_INPUT)

    class Meta:
        model = ServiceOrder
        fields = [
            "unit",
            "service",
            "quantity",
            "contact_name",
            "contact_phone",
            "wanted_on",
            "channel",
            "note",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["service"]
        field.queryset = field.queryset.filter(is_active=True)  # type: ignore[attr-defined]


CancelServiceOrderForm = CancelAgreementForm  # the same one input: why
