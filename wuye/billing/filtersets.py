import django_filters
from django import forms
from django.db.models import Exists, F, OuterRef
from django.db.models.functions import TruncDate
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wuye.core.filtersets import BaseFilterSet
from wuye.estate.choices import MeterKind
from wuye.estate.models import Building, Unit

from .choices import (
    AppointmentOutcome,
    ApprovalStatus,
    BillStatus,
    Calculation,
    Channel,
    ClosingStatus,
    ContactMethod,
    ContactResult,
    DepositStatus,
    PayerKind,
    PaymentStatus,
    ReadingStatus,
    RefundKind,
    RunStatus,
)
from .models import (
    Bill,
    BillingRun,
    CollectionAppointment,
    DailyClosing,
    Deposit,
    DunningContact,
    FeeItem,
    FeeStandard,
    MeterReading,
    Payment,
    Refund,
    Waiver,
)


class FeeItemFilterSet(BaseFilterSet):
    search_fields = ("code", "name", "note")
    calculation = django_filters.ChoiceFilter(label=_("calculation"), choices=Calculation.choices)

    class Meta:
        model = FeeItem
        fields = ["calculation", "pass_through", "is_active"]


class FeeStandardFilterSet(BaseFilterSet):
    search_fields = ("fee_item__name", "fee_item__code", "note")
    fee_item = django_filters.ModelChoiceFilter(label=_("fee item"), queryset=FeeItem.objects.all())

    class Meta:
        model = FeeStandard
        fields = ["fee_item"]


class MeterReadingFilterSet(BaseFilterSet):
    search_fields = ("meter__serial", "meter__unit__code")
    period = django_filters.DateFilter(label=_("period"), field_name="period")
    status = django_filters.ChoiceFilter(label=_("status"), choices=ReadingStatus.choices)
    kind = django_filters.ChoiceFilter(
        label=_("meter type"), field_name="meter__kind", choices=MeterKind.choices
    )
    building = django_filters.ModelChoiceFilter(
        label=_("building"), field_name="meter__unit__building", queryset=Building.objects.all()
    )

    class Meta:
        model = MeterReading
        fields = ["period", "status", "kind", "building"]


class BillingRunFilterSet(BaseFilterSet):
    status = django_filters.ChoiceFilter(label=_("status"), choices=RunStatus.choices)

    class Meta:
        model = BillingRun
        fields = ["status", "period"]


class BillFilterSet(BaseFilterSet):
    search_fields = ("number", "unit__code", "payer_name")
    status = django_filters.ChoiceFilter(label=_("status"), choices=BillStatus.choices)
    payer_kind = django_filters.ChoiceFilter(label=_("payer"), choices=PayerKind.choices)
    building = django_filters.ModelChoiceFilter(
        label=_("building"), field_name="unit__building", queryset=Building.objects.all()
    )
    unit = django_filters.ModelChoiceFilter(
        label=_("unit"), queryset=Unit.objects.all(), widget=forms.HiddenInput
    )
    period_start = django_filters.DateFilter(label=_("period"), field_name="period_start")
    run = django_filters.ModelChoiceFilter(
        label=_("billing run"), queryset=BillingRun.objects.all()
    )

    class Meta:
        model = Bill
        fields = ["status", "payer_kind", "building", "unit", "period_start", "run"]


class PaymentFilterSet(BaseFilterSet):
    search_fields = ("unit__code", "payer_name", "receipt__number", "reference")
    channel = django_filters.ChoiceFilter(label=_("payment method"), choices=Channel.choices)
    status = django_filters.ChoiceFilter(label=_("status"), choices=PaymentStatus.choices)
    business_date = django_filters.DateFilter(label=_("business day"))

    class Meta:
        model = Payment
        fields = ["channel", "status", "business_date", "cashier"]


class DailyClosingFilterSet(BaseFilterSet):
    status = django_filters.ChoiceFilter(label=_("status"), choices=ClosingStatus.choices)
    business_date = django_filters.DateFilter(label=_("business day"))

    class Meta:
        model = DailyClosing
        fields = ["status", "business_date", "cashier"]


class DepositFilterSet(BaseFilterSet):
    search_fields = ("unit__code", "purpose", "payer_name")
    status = django_filters.ChoiceFilter(label=_("status"), choices=DepositStatus.choices)

    class Meta:
        model = Deposit
        fields = ["status"]


class RefundFilterSet(BaseFilterSet):
    search_fields = ("unit__code", "reason")
    kind = django_filters.ChoiceFilter(label=_("kind"), choices=RefundKind.choices)
    status = django_filters.ChoiceFilter(label=_("status"), choices=ApprovalStatus.choices)
    paid_out = django_filters.BooleanFilter(
        label=_("paid out"), field_name="paid_out_at", lookup_expr="isnull", exclude=True
    )

    class Meta:
        model = Refund
        fields = ["kind", "status", "paid_out"]


class WaiverFilterSet(BaseFilterSet):
    search_fields = ("bill__number", "bill__unit__code", "reason")
    status = django_filters.ChoiceFilter(label=_("status"), choices=ApprovalStatus.choices)

    class Meta:
        model = Waiver
        fields = ["status"]


class CollectionAppointmentFilterSet(BaseFilterSet):
    search_fields = ("unit__code", "contact", "note", "outcome_note")
    outcome = django_filters.ChoiceFilter(label=_("outcome"), choices=AppointmentOutcome.choices)
    day = django_filters.DateFilter(label=_("day"), field_name="scheduled_for", lookup_expr="date")

    class Meta:
        model = CollectionAppointment
        fields = ["outcome", "day", "assignee"]


PROMISES = [
    ("due", _("Promised, date not yet reached")),
    ("broken", _("Promise broken (date passed, still owing)")),
    ("kept", _("Promise kept (date passed, nothing overdue)")),
]


class DunningContactFilterSet(BaseFilterSet):
    search_fields = ("unit__code", "person", "note")
    method = django_filters.ChoiceFilter(label=_("method"), choices=ContactMethod.choices)
    result = django_filters.ChoiceFilter(label=_("result"), choices=ContactResult.choices)
    promise = django_filters.ChoiceFilter(
        label=_("promise"), choices=PROMISES, method="filter_promise"
    )
    contacted_after = django_filters.DateFilter(
        field_name="contacted_at", lookup_expr="date__gte", label=_("From")
    )
    contacted_before = django_filters.DateFilter(
        field_name="contacted_at", lookup_expr="date__lte", label=_("Until")
    )

    class Meta:
        model = DunningContact
        fields = ["method", "result", "promise", "contacted_after", "contacted_before"]

    def filter_promise(self, queryset, name, value):
        today = timezone.localdate()
        promised = queryset.filter(result=ContactResult.PROMISED)
        if value == "due":
            return promised.filter(promised_date__gte=today)
        # The promise was about the bills already overdue when the payer was called: it is
        # broken while any of those is still unpaid, whatever fell due later.
        owing = Exists(
            Bill.objects.filter(
                unit=OuterRef("unit"),
                status=BillStatus.OPEN,
                payer_kind=PayerKind.RESIDENT,
                due_date__lt=OuterRef("contact_day"),
                paid__lt=F("total"),
            )
        )
        passed = promised.filter(promised_date__lt=today).annotate(
            contact_day=TruncDate("contacted_at")
        )
        return passed.filter(owing) if value == "broken" else passed.exclude(owing)
