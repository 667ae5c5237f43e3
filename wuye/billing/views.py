import datetime as dt
from collections.abc import Callable
from decimal import Decimal, InvalidOperation

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from wuye.core.errors import DomainError
from wuye.core.validators import mask_phone
from wuye.core.views import (
    AccessMixin,
    BatchAction,
    ObjectDeleteView,
    ObjectDetailView,
    ObjectEditView,
    ObjectListView,
    ScopedObjectMixin,
    crud_views,
)
from wuye.estate.choices import MeterKind
from wuye.estate.models import Building, Meter, Unit, current_owners, natural_unit_order

from . import closing as closing_services
from . import filtersets, forms, latefees, payments, services, tables
from .choices import (
    COUNTER_CHANNELS,
    ApprovalStatus,
    BillStatus,
    Channel,
    ClosingStatus,
    DepositStatus,
    PaymentStatus,
    ReadingStatus,
    RunStatus,
)
from .engine import month_start
from .models import (
    Allocation,
    ArrearsSnapshot,
    Bill,
    BillingRun,
    CollectionAppointment,
    DailyClosing,
    Decided,
    Deposit,
    DunningContact,
    FeeItem,
    FeeStandard,
    MeterReading,
    Payment,
    Receipt,
    Refund,
    Waiver,
    WalletEntry,
)

# --- Fee items and standards ---------------------------------------------------------------------


class FeeItemMixin(ScopedObjectMixin):
    model = FeeItem
    perm_prefix = "billing.fee"
    url_base = "billing:feeitem"


class FeeItemListView(FeeItemMixin, ObjectListView):
    filterset_class = filtersets.FeeItemFilterSet
    table_class = tables.FeeItemTable


class FeeItemDetailView(FeeItemMixin, ObjectDetailView):
    template_name = "billing/feeitem_detail.html"
    detail_fields = [
        "code",
        "name",
        "calculation",
        "area_basis",
        "meter_kind",
        "tier_basis",
        "share_basis",
        "remainder_rule",
        "shared_meter",
        "pass_through",
        "vacancy_applies",
        "is_active",
        "note",
    ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["standards"] = self.object.standards.order_by("-effective_from")
        context["buildings"] = self.object.buildings.all()
        return context


class FeeItemEditView(FeeItemMixin, ObjectEditView):
    form_class = forms.FeeItemForm


class FeeItemDeleteView(FeeItemMixin, ObjectDeleteView):
    pass


class FeeStandardMixin(ScopedObjectMixin):
    model = FeeStandard
    perm_prefix = "billing.fee"
    url_base = "billing:feestandard"
    related = ("fee_item",)

    # A standard is never deleted: it ends when the next one starts (bills keep their price).
    page_actions = ("view", "change")


class FeeStandardListView(FeeStandardMixin, ObjectListView):
    filterset_class = filtersets.FeeStandardFilterSet
    table_class = tables.FeeStandardTable


class FeeStandardDetailView(FeeStandardMixin, ObjectDetailView):
    detail_fields = ["fee_item", "effective_from", "effective_to", "unit_price", "tiers", "note"]


class FeeStandardEditView(FeeStandardMixin, ObjectEditView):
    form_class = forms.FeeStandardForm

    def get_form(self, data=None, files=None):
        form = super().get_form(data, files)
        if self.object is None and data is None and self.request.GET.get("fee_item"):
            form.initial["fee_item"] = self.request.GET["fee_item"]
        return form

    def perform_save(self, form):
        return services.save_standard(
            form, actor=self.request.user, community=self.access.community
        )


# --- Policy ----------------------------------------------------------------------------------------


class PolicyView(AccessMixin, TemplateView):
    """The community's billing policy, with its defaults stated until someone changes them."""

    template_name = "billing/policy.html"
    permission = "billing.policy.view"
    title = gettext_lazy("Billing policy")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        policy = services.policy_for(self.access.community)
        context["policy"] = policy
        context["saved"] = policy.pk is not None
        context["can_change"] = self.access.has("billing.policy.change")
        context.setdefault("form", forms.BillingPolicyForm(instance=policy, access=self.access))
        return context

    def post(self, request):
        if not self.access.has("billing.policy.change"):
            from django.core.exceptions import PermissionDenied

            raise PermissionDenied
        policy = services.policy_for(self.access.community)
        form = forms.BillingPolicyForm(request.POST, instance=policy, access=self.access)
        if form.is_valid():
            services.save_policy(form, actor=request.user, community=self.access.community)
            messages.success(request, _("Billing policy saved."))
            return redirect("billing:policy")
        return self.render_to_response(self.get_context_data(form=form), status=400)


# --- Meter readings ------------------------------------------------------------------------------------


class MeterReadingMixin(ScopedObjectMixin):
    model = MeterReading
    perm_prefix = "billing.reading"
    url_base = "billing:meterreading"
    related = ("meter__unit__building",)


class MeterReadingListView(MeterReadingMixin, ObjectListView):
    filterset_class = filtersets.MeterReadingFilterSet
    table_class = tables.MeterReadingTable
    importer_key = "billing.readings"

    # Readings are entered on the entry grid or imported, not one by one from the list.
    page_actions = ("view",)


class MeterReadingDetailView(MeterReadingMixin, ObjectDetailView):
    template_name = "billing/meterreading_detail.html"
    detail_fields = [
        "meter",
        "period",
        "previous_reading",
        "current_reading",
        "read_on",
        "status",
        "confirmed_by",
        "note",
    ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_confirm"] = (
            self.access.has("billing.reading.confirm")
            and self.object.status == ReadingStatus.ANOMALY
        )
        context["can_correct"] = (
            self.access.has("billing.reading.change") and self.object.status != ReadingStatus.BILLED
        )
        context["correct_form"] = forms.ReadingForm(
            initial={
                "current_reading": self.object.current_reading,
                "read_on": self.object.read_on,
                "note": self.object.note,
            }
        )
        return context

    def post(self, request, pk):
        reading = self.get_object()
        try:
            if request.POST.get("action") == "confirm":
                if not self.access.has("billing.reading.confirm"):
                    from django.core.exceptions import PermissionDenied

                    raise PermissionDenied
                services.confirm_reading(
                    reading, actor=request.user, note=request.POST.get("note", "")
                )
                messages.success(request, _("Reading confirmed; it can be billed."))
            else:
                form = forms.ReadingForm(request.POST)
                if not self.access.has("billing.reading.change") or not form.is_valid():
                    messages.error(
                        request, _("Check the reading: a number, not negative, and a date.")
                    )
                else:
                    services.record_reading(
                        meter=reading.meter,
                        period=reading.period,
                        previous=reading.previous_reading,
                        actor=request.user,
                        **form.cleaned_data,
                    )
                    messages.success(request, _("Reading corrected."))
        except DomainError as exc:
            messages.error(request, str(exc.message))
        return redirect(reading.get_absolute_url())


class ReadingEntryView(AccessMixin, TemplateView):
    """A keyboard-fast grid: one building, one meter type, one month; Tab through the inputs."""

    template_name = "billing/reading_entry.html"
    permission = "billing.reading.change"
    title = gettext_lazy("Reading entry")

    def params(self, source):
        buildings = Building.objects.for_access(self.access)
        building = buildings.filter(pk=source.get("building") or 0).first() or buildings.first()
        kind = source.get("kind") if source.get("kind") in MeterKind.values else MeterKind.WATER
        try:
            period = (
                month_start(dt.date.fromisoformat(f"{source.get('period')}-01"))
                if source.get("period")
                else None
            )
        except ValueError:
            period = None
        period = period or month_start(timezone.localdate())
        return building, kind, period

    def rows(self, building, kind, period):
        if building is None:
            return []
        meters = list(
            Meter.objects.for_access(self.access)
            .filter(unit__building=building, kind=kind, is_active=True)
            .select_related("unit")
            .order_by(*natural_unit_order("unit__"))
        )
        current = {
            r.meter_id: r for r in MeterReading.objects.filter(meter__in=meters, period=period)
        }
        last = {}
        for reading in MeterReading.objects.filter(meter__in=meters, period__lt=period).order_by(
            "meter_id", "-period"
        ):
            last.setdefault(reading.meter_id, reading)
        return [
            {
                "meter": meter,
                "previous": current[meter.pk].previous_reading
                if meter.pk in current
                else (
                    last[meter.pk].current_reading if meter.pk in last else meter.initial_reading
                ),
                "reading": current.get(meter.pk),
            }
            for meter in meters
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        building, kind, period = kwargs.get("params") or self.params(self.request.GET)
        context.update(
            building=building,
            kind=kind,
            period=period,
            buildings=Building.objects.for_access(self.access),
            kinds=MeterKind.choices,
            rows=self.rows(building, kind, period),
            today=timezone.localdate(),
        )
        return context

    def post(self, request):
        building, kind, period = self.params(request.POST)
        read_on = request.POST.get("read_on") or timezone.localdate().isoformat()
        try:
            read_on = dt.date.fromisoformat(read_on)
        except ValueError:
            read_on = timezone.localdate()
        meters = {
            str(m.pk): m
            for m in Meter.objects.for_access(self.access)
            .filter(unit__building=building, kind=kind)
            .select_related("unit", "community")
        }
        entries, problems = [], []
        for key, value in request.POST.items():
            if not key.startswith("m") or not value.strip() or key[1:] not in meters:
                continue
            meter = meters[key[1:]]
            try:
                current = Decimal(value.strip())
                if current < 0:
                    raise InvalidOperation
            except InvalidOperation:
                problems.append(
                    _("%(unit)s: “%(value)s” is not a reading")
                    % {"unit": meter.unit.code, "value": value}
                )
                continue
            entries.append((meter, current))
        saved, refused = services.record_readings(
            entries=entries, period=period, read_on=read_on, actor=request.user
        )
        problems += refused
        if saved:
            messages.success(request, _("%(count)d readings saved.") % {"count": saved})
        for problem in problems[:20]:
            messages.error(request, problem)
        query = f"?building={building.pk}&kind={kind}&period={period:%Y-%m}" if building else ""
        return redirect(reverse("billing:reading_entry") + query)


# --- Billing runs ---------------------------------------------------------------------------------------


class BillingRunMixin(ScopedObjectMixin):
    model = BillingRun
    perm_prefix = "billing.run"
    url_base = "billing:billingrun"
    related = ("created_by",)


class BillingRunListView(BillingRunMixin, ObjectListView):
    filterset_class = filtersets.BillingRunFilterSet
    table_class = tables.BillingRunTable


class BillingRunDetailView(BillingRunMixin, ObjectDetailView):
    template_name = "billing/billingrun_detail.html"

    def get_template_names(self):
        if getattr(self.request, "htmx", None) and self.request.htmx.target == "run-progress":
            return ["billing/billingrun_detail.html#progress"]
        return [self.template_name]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        run = self.object
        context["fee_items"] = run.fee_items.all()
        context["can_confirm"] = self.can("change") and run.status in (
            RunStatus.PREVIEW,
            RunStatus.FAILED,
        )
        context["can_cancel"] = self.can("change") and run.status in (
            RunStatus.PREVIEW,
            RunStatus.DONE,
        )
        context["working"] = run.status in (RunStatus.QUEUED, RunStatus.RUNNING)
        context["cancel_form"] = forms.CancelRunForm()
        # Issuing (and cancelling issued bills) asks first, with the figures in the question.
        preview = run.preview or {}
        context["confirm_question"] = _(
            "Issue the bills of %(period)s: %(units)s households, %(lines)s lines, amount %(total)s yuan?"
        ) % {
            "period": f"{run.period:%Y-%m}",
            "units": f"{preview.get('targets', 0):,}",
            "lines": f"{preview.get('lines', 0):,}",
            "total": f"{Decimal(preview.get('total') or 0):,.2f}",
        }
        context["cancel_question"] = (
            _("Cancel the run of %(period)s and its %(bills)s issued bills, amount %(total)s yuan?")
            % {
                "period": f"{run.period:%Y-%m}",
                "bills": f"{run.bills_created:,}",
                "total": f"{run.total_amount:,.2f}",
            }
            if run.status == RunStatus.DONE
            else _("Cancel the run of %(period)s? No bill has been issued from it.")
            % {"period": f"{run.period:%Y-%m}"}
        )
        return context

    def post(self, request, pk):
        if not self.can("change"):
            from django.core.exceptions import PermissionDenied

            raise PermissionDenied
        run = self.get_object()
        try:
            if request.POST.get("action") == "confirm":
                services.confirm_run(run, actor=request.user)
                messages.success(request, _("Run confirmed; the bills are being issued."))
            elif request.POST.get("action") == "cancel":
                form = forms.CancelRunForm(request.POST)
                if not form.is_valid():
                    raise DomainError(_("Give the reason for cancelling the run."))
                services.cancel_run(
                    run, reason=form.cleaned_data["cancel_reason"], actor=request.user
                )
                messages.success(request, _("Run cancelled."))
        except DomainError as exc:
            messages.error(request, str(exc.message))
        return redirect(run.get_absolute_url())


class BillingRunCreateView(BillingRunMixin, TemplateView):
    """Choose the period and fee items; the next page is the preview."""

    template_name = "core/object_edit.html"
    action = "change"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["title"] = _("New billing run")
        context["cancel_url"] = reverse("billing:billingrun_list")
        context.setdefault(
            "form",
            forms.RunForm(
                access=self.access, initial={"period": month_start(timezone.localdate())}
            ),
        )
        context["breadcrumbs"] = [self.list_crumb(), (_("New billing run"), None)]
        return context

    def post(self, request):
        form = forms.RunForm(request.POST, access=self.access)
        if form.is_valid():
            try:
                run = services.preview_run(
                    community=self.access.community,
                    period=form.cleaned_data["period"],
                    months=form.cleaned_data.get("months"),
                    fee_items=form.cleaned_data["fee_items"],
                    actor=request.user,
                )
            except DomainError as exc:
                form.add_error(None, str(exc.message))
            else:
                return redirect(run.get_absolute_url())
        return self.render_to_response(self.get_context_data(form=form), status=400)


# --- Bills ---------------------------------------------------------------------------------------------


class BillMixin(ScopedObjectMixin):
    model = Bill
    perm_prefix = "billing.bill"
    url_base = "billing:bill"
    related = ("unit__building", "space__area", "run")


class BillListView(BillMixin, ObjectListView):
    filterset_class = filtersets.BillFilterSet
    table_class = tables.BillTable
    batch_actions = (
        BatchAction(
            "notices",
            gettext_lazy("Print payment notices"),
            "billing.bill.view",
            icon="ti-printer",
            new_tab=True,
        ),
        BatchAction(
            "remind",
            gettext_lazy("Send SMS reminders"),
            "billing.arrears.dun",
            icon="ti-message",
            confirm=gettext_lazy("Send a reminder SMS to the owners of the ticked bills' units?"),
        ),
    )

    def batch_notices(self, bills):
        """缴费通知单 of the ticked bills, one page per unit or space (BIL-14)."""
        from wuye.core.pdf import pdf_response, render_pdf

        from . import dunning

        pages = dunning.payment_notices(bills)
        if not pages:
            messages.error(self.request, _("The ticked bills owe nothing: no notice to print."))
            return redirect(self.batch_back)
        context = {
            "pages": pages,
            "community": self.access.community,
            "today": timezone.localdate(),
        }
        name = f"缴费通知单-{timezone.localdate():%Y%m%d}-{len(pages)}份.pdf"
        return pdf_response(
            render_pdf("billing/payment_notice_pdf.html", context, request=self.request), name
        )

    def batch_remind(self, bills):
        from . import dunning

        sent = dunning.remind_bills(bills, actor=self.request.user)
        if sent:
            messages.success(
                self.request, _("%(count)d reminders queued by SMS.") % {"count": sent}
            )
        else:
            messages.warning(
                self.request,
                _(
                    "No reminder sent: the ticked bills owe nothing, or their owners have no mobile number (see the dunning log)."
                ),
            )
        return redirect(self.batch_back)


class BillDetailView(BillMixin, ObjectDetailView):
    template_name = "billing/bill_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["lines"] = self.object.lines.select_related("fee_item", "standard", "reading")
        context["waivers"] = self.object.waivers.all()
        if (
            self.access.has("billing.waiver.change")
            and self.object.status == BillStatus.OPEN
            and self.object.outstanding > 0
        ):
            context["waiver_form"] = forms.WaiverForm(
                lines=self.object.lines.filter(amount__gt=0, cancelled=False)
            )
        return context


# --- The cashier counter (BIL-06..08, BIL-11) ------------------------------------------------------------


def closed_day(access, user, day):
    """The cashier's submitted or confirmed closing of `day` (the day is locked), or None."""
    from .closing import LOCKING

    return (
        DailyClosing.objects.for_access(access)
        .filter(cashier=user, business_date=day, status__in=LOCKING)
        .first()
    )


class CounterView(AccessMixin, TemplateView):
    """Find a unit (3-2-1501, owner name, initials, phone), see what it owes, collect."""

    template_name = "billing/counter.html"
    permission = "billing.payment.change"
    title = gettext_lazy("Cashier counter")
    MAX_MATCHES = 20

    def find_units(self, query):
        from django.db.models import Q

        from wuye.estate.filtersets import UnitFilterSet

        if not query:
            return []
        units = Unit.objects.for_access(self.access).select_related("building")
        found = UnitFilterSet().search(units, "q", query)
        letters = query.lower().replace(" ", "")
        if letters.isascii() and letters.isalpha():
            # “zs” or “zhangsan”: the owner's name by its pinyin or initials.
            found = (
                found
                | units.filter(
                    Q(relations__person__pinyin__startswith=letters)
                    | Q(relations__person__initials__startswith=letters)
                ).distinct()
            )
        return list(found[: self.MAX_MATCHES + 1])

    def describe_matches(self, units):
        """Each matching unit with its owners (name, masked phone) and what it owes."""
        ids = [u.pk for u in units]
        owners, owed = current_owners(ids), payments.owed_by_unit(ids)
        return [
            {
                "unit": u,
                "owners": [
                    {"name": p.name, "phone": mask_phone(p.phone)} for p in owners.get(u.pk, [])
                ],
                "owed": owed.get(u.pk, Decimal("0.00")),
            }
            for u in units
        ]

    def get_unit(self, source):
        unit_id = source.get("unit")
        if unit_id:
            return get_object_or_404(
                Unit.objects.for_access(self.access).select_related("building"), pk=unit_id
            )
        return None

    def get_context_data(self, **kwargs):
        import uuid

        context = super().get_context_data(**kwargs)
        query = self.request.GET.get("q", "").strip()
        unit = kwargs.get("unit") or self.get_unit(self.request.GET)
        matches = [] if unit else self.find_units(query)
        if unit is None and len(matches) == 1:
            unit = matches[0]
        context.update(
            query=query,
            matches=self.describe_matches(matches[: self.MAX_MATCHES]) if not unit else [],
            more_matches=len(matches) > self.MAX_MATCHES,
            unit=unit,
            # Once the cashier's day is closed nothing more can be taken today: say so at once.
            day_closed=closed_day(self.access, self.request.user, timezone.localdate()),
        )
        if unit is not None:
            lines = payments.open_lines(unit)
            bills = {}
            for line in lines:
                entry = bills.setdefault(line.bill_id, {"bill": line.bill, "owed": 0, "lines": []})
                entry["owed"] += line.owed
                entry["lines"].append(line)
            open_bills = Bill.objects.filter(pk__in=bills)
            owners = current_owners([unit.pk]).get(unit.pk, [])
            context["owners"] = [{"name": p.name, "phone": mask_phone(p.phone)} for p in owners]
            context["bills"] = list(bills.values())
            context["owed_total"] = sum((b["owed"] for b in bills.values()), Decimal("0.00"))
            context["wallet"] = payments.wallet_balance(unit)
            context["recent_payments"] = (
                Payment.objects.for_access(self.access)
                .filter(unit=unit)
                .select_related("receipt")[:5]
            )
            context.setdefault(
                "form",
                forms.CollectForm(
                    bills=open_bills,
                    initial={
                        "key": uuid.uuid4().hex,
                        "bills": list(bills),
                        "channel": "cash",
                        # The owner usually pays; the cashier overwrites it for anyone else.
                        "payer_name": "、".join(p.name for p in owners),
                    },
                ),
            )
            form = context["form"]
            chosen = form["bills"].value() if form.is_bound else list(bills)
            context["selected"] = {str(pk) for pk in chosen or []}
            context["top_up_key"], context["deposit_key"] = uuid.uuid4().hex, uuid.uuid4().hex
            context["channels"] = [(c.value, c.label) for c in COUNTER_CHANNELS]
            context["deposits"] = (
                Deposit.objects.for_access(self.access)
                .filter(unit=unit)
                .exclude(status=DepositStatus.SETTLED)
            )
        return context

    def post(self, request):
        unit = self.get_unit(request.POST)
        if unit is None:
            return redirect("billing:counter")
        done = (
            Payment.objects.for_access(self.access)
            .filter(idempotency_key=request.POST.get("key", ""))
            .first()
        )
        if done is not None:
            # The browser sent the form again (double click, back button, retry): same payment.
            return redirect(done.receipt.get_absolute_url())
        open_bills = Bill.objects.filter(
            pk__in={line.bill_id for line in payments.open_lines(unit)}
        )
        form = forms.CollectForm(request.POST, bills=open_bills)
        if form.is_valid():
            data = form.cleaned_data
            try:
                payment = payments.collect_payment(
                    unit=unit,
                    amount=data.get("amount"),
                    channel=data["channel"],
                    cashier=request.user,
                    idempotency_key=data["key"],
                    bill_ids=[b.pk for b in data["bills"]] or None,
                    tendered=data.get("tendered"),
                    keep_overpayment=data.get("keep_overpayment"),
                    reference=data.get("reference", ""),
                    payer_name=data.get("payer_name", ""),
                )
            except DomainError as exc:
                form.add_error(exc.field if exc.field in form.fields else None, str(exc.message))
            else:
                messages.success(
                    request,
                    _("Collected ¥%(amount)s; receipt %(number)s.")
                    % {"amount": payment.amount, "number": payment.receipt.number},
                )
                return redirect(payment.receipt.get_absolute_url())
        return self.render_to_response(self.get_context_data(form=form, unit=unit), status=400)


class PaymentMixin(ScopedObjectMixin):
    model = Payment
    perm_prefix = "billing.payment"
    url_base = "billing:payment"
    related = ("unit__building", "cashier", "receipt")


class PaymentListView(PaymentMixin, ObjectListView):
    filterset_class = filtersets.PaymentFilterSet
    table_class = tables.PaymentTable

    page_actions = ("view",)


class PaymentDetailView(PaymentMixin, ObjectDetailView):
    template_name = "billing/payment_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        payment = self.object
        context["allocations"] = payment.allocations.select_related("bill", "line__fee_item")
        same_day_own = (
            payment.cashier_id == self.request.user.pk
            and payment.business_date == timezone.localdate()
        )
        context["can_void"] = payment.status == PaymentStatus.POSTED and (
            (same_day_own and self.access.has("billing.payment.void"))
            or self.access.has("billing.payment.void_any")
        )
        context["void_form"] = forms.VoidForm()
        context["void_question"] = _("Void receipt %(number)s, amount %(amount)s yuan?") % {
            "number": payment.display_number,
            "amount": f"{payment.amount:,.2f}",
        }
        return context

    def post(self, request, pk):
        payment = self.get_object()
        form = forms.VoidForm(request.POST)
        try:
            if not form.is_valid():
                raise DomainError(_("Give the reason for voiding."))
            payments.void_payment(
                payment, reason=form.cleaned_data["void_reason"], actor=request.user
            )
        except DomainError as exc:
            messages.error(request, str(exc.message))
        else:
            messages.success(request, _("Payment voided; the receipt number stays used."))
        return redirect(payment.get_absolute_url())


class ReceiptMixin(ScopedObjectMixin):
    model = Receipt
    perm_prefix = "billing.payment"
    url_base = "billing:receipt"
    related = ("payment__unit__building", "payment__cashier", "community__company")

    def list_crumb(self):
        return (_("Payments and receipts"), reverse("billing:payment_list"))

    page_actions = ("view",)


class ReceiptDetailView(ReceiptMixin, ObjectDetailView):
    """The receipt on screen: print it (the first print is the original, later ones 副本) or
    preview the PDF (stamped 预览, counts nothing)."""

    template_name = "billing/receipt_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(receipt_context(self.object))
        context["can_print"] = self.access.has("billing.payment.change")
        return context


def receipt_context(receipt, copy=False, preview=False):
    """What a receipt shows: a row per bill line paid — the fee item, the months it covers and
    how it was worked out (area × unit price × months) — and the form's parts (联)."""
    from wuye.core.money import amount_in_words

    from .models import receipt_part_names

    payment = receipt.payment
    rows: dict[int, dict] = {}
    for allocation in payment.allocations.filter(reversal=False).select_related("line__fee_item"):
        line = allocation.line
        row = rows.get(line.pk)
        if row is None:
            row = rows[line.pk] = {
                "item": line.fee_item.name,
                "period": line.period,
                # A line of several months shows them as a range (2026-10～2026-12).
                "period_end": line.period_end
                if (line.period_end.year, line.period_end.month)
                != (line.period.year, line.period.month)
                else None,
                "basis": line.formula,
                "line_amount": line.amount,
                "amount": Decimal("0.00"),
            }
        row["amount"] += allocation.amount
    for row in rows.values():
        row["partial"] = row["amount"] < row["line_amount"]
    parts = receipt_part_names(services.policy_for(receipt.community).receipt_parts)
    return {
        "receipt": receipt,
        "payment": payment,
        "rows": sorted(rows.values(), key=lambda r: (r["period"], r["item"])),
        "parts": [(_ordinal_part(n), name) for n, name in enumerate(parts, 1)],
        "in_words": amount_in_words(payment.amount),
        # An 80 mm slip is as long as its lines need (a roll has no page height).
        "thermal_height": 100 + 10 * (len(rows) + bool(payment.to_prepayment)),
        "copy": copy,
        "preview": preview,
        "voided": payment.status == PaymentStatus.VOIDED,
    }


def _ordinal_part(number: int) -> str:
    return f"第{'一二三四五'[number - 1]}联"


class ReceiptPdfView(ReceiptMixin, ObjectDetailView):
    """The receipt as PDF (A4 half page or 80 mm thermal). Reading is not printing:

    * GET without a print link is a preview, stamped 预览 (“not a proof of payment”), and
      changes nothing — opening it never turns the owner's original into a 副本;
    * POST is the print: `mark_printed` counts it (the first is the original, every later one a
      copy, 副本) and the browser is sent to a signed, short-lived link of exactly that print, so
      the PDF viewer can fetch it again (download, print) without counting again.
    """

    PRINT_SALT = "billing.receipt-print"
    PRINT_LINK_AGE = 15 * 60  # seconds

    def size(self, source):
        return "thermal" if source.get("size") == "thermal" else "half"

    def get(self, request, *args, **kwargs):
        from django.core import signing

        receipt = self.get_object()
        copy, preview = False, True
        token = request.GET.get("print")
        if token:
            try:
                printed = signing.loads(token, salt=self.PRINT_SALT, max_age=self.PRINT_LINK_AGE)
            except signing.BadSignature:
                printed = None
            if printed and printed.get("r") == receipt.pk:
                copy, preview = bool(printed.get("c")), False
        return self.render_pdf(receipt, self.size(request.GET), copy=copy, preview=preview)

    def post(self, request, *args, **kwargs):
        from django.core import signing

        if not self.access.has("billing.payment.change"):
            raise PermissionDenied
        receipt = self.get_object()
        copy = payments.mark_printed(receipt, actor=request.user)
        token = signing.dumps({"r": receipt.pk, "c": copy}, salt=self.PRINT_SALT)
        url = reverse("billing:receipt_pdf", args=[receipt.pk])
        return redirect(f"{url}?size={self.size(request.POST)}&print={token}")

    def render_pdf(self, receipt, size, *, copy, preview):
        from wuye.core.pdf import pdf_response, render_pdf

        context = {
            **receipt_context(receipt, copy=copy, preview=preview),
            "size": size,
            "community": receipt.community,
        }
        data = render_pdf("billing/receipt_pdf.html", context, request=self.request)
        suffix = "-预览" if preview else ("-副本" if copy else "")
        return pdf_response(data, f"收据-{receipt.number}{suffix}.pdf")


# --- Daily closing and the daily collection report (BIL-12) --------------------------------------------


class DailyClosingMixin(ScopedObjectMixin):
    model = DailyClosing
    perm_prefix = "billing.closing"
    url_base = "billing:dailyclosing"
    related = ("cashier", "confirmed_by")

    page_actions = ("view",)


class DailyClosingListView(DailyClosingMixin, ObjectListView):
    filterset_class = filtersets.DailyClosingFilterSet
    table_class = tables.DailyClosingTable


class DailyClosingDetailView(DailyClosingMixin, ObjectDetailView):
    template_name = "billing/dailyclosing_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        closing = self.object
        context["channel_rows"] = [(Channel(k).label, v) for k, v in sorted(closing.totals.items())]
        context["can_confirm"] = (
            self.access.has("billing.closing.confirm") and closing.status == ClosingStatus.SUBMITTED
        )
        context["can_bank"] = (
            self.access.has("billing.closing.confirm")
            and closing.status == ClosingStatus.CONFIRMED
            and not closing.bank_amount
        )
        context["return_form"] = forms.ReturnClosingForm()
        context["bank_form"] = forms.BankDepositForm(
            initial={"bank_amount": closing.counted_cash, "bank_date": timezone.localdate()}
        )
        return context

    def post(self, request, pk):
        from django.core.exceptions import PermissionDenied

        if not self.access.has("billing.closing.confirm"):
            raise PermissionDenied
        closing = self.get_object()
        action = request.POST.get("action")
        try:
            if action == "confirm":
                closing_services.confirm_closing(closing, actor=request.user)
                messages.success(request, _("Closing confirmed; the day is locked."))
            elif action == "return":
                form = forms.ReturnClosingForm(request.POST)
                if not form.is_valid():
                    raise DomainError(_("Give the reason for returning the closing."))
                closing_services.return_closing(
                    closing, reason=form.cleaned_data["return_reason"], actor=request.user
                )
                messages.success(request, _("Closing returned to the cashier."))
            elif action == "bank":
                form = forms.BankDepositForm(request.POST)
                if not form.is_valid():
                    raise DomainError(_("Check the bank deposit: amount, slip number and date."))
                closing_services.record_bank_deposit(
                    closing,
                    amount=form.cleaned_data["bank_amount"],
                    reference=form.cleaned_data["bank_reference"],
                    date=form.cleaned_data["bank_date"],
                    actor=request.user,
                )
                messages.success(request, _("Bank deposit recorded."))
        except DomainError as exc:
            messages.error(request, str(exc.message))
        return redirect(closing.get_absolute_url())


class CloseDayView(AccessMixin, TemplateView):
    """The cashier's own day, counted blind: he types the cash he counted without being shown
    the system's figure; after he submits, the difference is shown. A count that differs
    stands — he explains it, he does not count again (finance may return the closing)."""

    template_name = "billing/close_day.html"
    permission = "billing.closing.change"
    title = gettext_lazy("Close my day")

    def todays_closing(self, day):
        return (
            DailyClosing.objects.for_access(self.access)
            .filter(cashier=self.request.user, business_date=day)
            .first()
        )

    def get_context_data(self, **kwargs):

        context = super().get_context_data(**kwargs)
        day = timezone.localdate()
        totals, count = closing_services.day_totals(self.access.community, self.request.user, day)
        closing = self.todays_closing(day)
        closed = closing is not None and closing.status in closing_services.LOCKING
        pending = (
            None
            if closed
            else closing_services.blind_count(
                community=self.access.community,
                cashier=self.request.user,
                day=day,
                closing=closing,
            )
        )
        cash_paid_out = closing_services.cash_paid_out(
            self.access.community, self.request.user, day
        )
        system_cash = totals.get(Channel.CASH, Decimal("0.00")) - cash_paid_out
        # Blind until counted: cash figures appear only once the count is in.
        revealed = closed or pending is not None
        context.update(
            day=day,
            count=count,
            closing=closing,
            closed=closed,
            revealed=revealed,
            pending=pending,
            channel_rows=[
                (Channel(k).label, v)
                for k, v in sorted(totals.items())
                if revealed or k != Channel.CASH
            ],
            has_cash=Channel.CASH in totals,
            cash_label=Channel.CASH.label,
            cash_paid_out=cash_paid_out,
            system_cash=system_cash if revealed else None,
            difference=(pending - system_cash) if pending is not None else None,
            payments=Payment.objects.for_access(self.access)
            .filter(cashier=self.request.user, business_date=day)
            .select_related("receipt", "unit"),
        )
        if not closed:
            context.setdefault(
                "form",
                forms.ExplainDifferenceForm() if pending is not None else forms.CloseDayForm(),
            )
        return context

    def post(self, request):
        from wuye.core.money import q2

        day = timezone.localdate()
        pending = closing_services.blind_count(
            community=self.access.community,
            cashier=request.user,
            day=day,
            closing=self.todays_closing(day),
        )
        if pending is not None:
            form = forms.ExplainDifferenceForm(request.POST)
            counted = pending if form.is_valid() else None
        else:
            form = forms.CloseDayForm(request.POST)
            counted = form.cleaned_data["counted_cash"] if form.is_valid() else None
        if counted is not None:
            try:
                closing = closing_services.submit_closing(
                    community=self.access.community,
                    cashier=request.user,
                    day=day,
                    counted_cash=counted,
                    explanation=form.cleaned_data.get("explanation", ""),
                    actor=request.user,
                )
            except DomainError as exc:
                if exc.field == "explanation" and pending is None:
                    # The count differs: it stands; now show the difference and ask why.
                    closing_services.record_blind_count(
                        community=self.access.community,
                        cashier=request.user,
                        day=day,
                        counted=q2(counted),
                    )
                    messages.warning(
                        request,
                        _(
                            "Your count differs from the system: explain the difference to close the day."
                        ),
                    )
                    return redirect("billing:close_day")
                form.add_error(exc.field if exc.field in form.fields else None, str(exc.message))
            else:
                messages.success(request, _("Your day is closed and waits for finance."))
                return redirect(closing.get_absolute_url())
        return self.render_to_response(self.get_context_data(form=form), status=400)


class DailyReportView(AccessMixin, TemplateView):
    """收费日报: one day's collections by cashier, channel and fee item; page, Excel, PDF."""

    template_name = "billing/daily_report.html"
    permission = "billing.closing.view"
    title = gettext_lazy("Daily collection report")

    def report(self):
        from django.db.models import Count, Sum

        from wuye.core.money import q2

        try:
            day = dt.date.fromisoformat(self.request.GET.get("date", ""))
        except ValueError:
            day = timezone.localdate()
        posted = (
            Payment.objects.for_access(self.access)
            .filter(business_date=day, status=PaymentStatus.POSTED)
            .exclude(channel=Channel.PREPAYMENT)
        )
        by_cashier = []
        for row in (
            posted.order_by()
            .values("cashier__username", "cashier__name", "channel")
            .annotate(total=Sum("amount"), n=Count("id"))
        ):
            by_cashier.append(
                {
                    "cashier": row["cashier__name"] or row["cashier__username"],
                    "channel": Channel(row["channel"]).label,
                    "count": row["n"],
                    "total": q2(row["total"]),
                }
            )
        by_item = [
            {"item": row["line__fee_item__name"], "total": q2(row["total"])}
            for row in Allocation.objects.for_access(self.access)
            .filter(payment__business_date=day, payment__status=PaymentStatus.POSTED)
            .order_by()
            .values("line__fee_item__name")
            .annotate(total=Sum("amount"))
            .order_by("line__fee_item__name")
        ]
        prepaid = q2(posted.aggregate(total=Sum("to_prepayment"))["total"])
        total = q2(posted.aggregate(total=Sum("amount"))["total"])
        voided = (
            Payment.objects.for_access(self.access)
            .filter(business_date=day, status=PaymentStatus.VOIDED)
            .count()
        )
        closings = (
            DailyClosing.objects.for_access(self.access)
            .filter(business_date=day)
            .select_related("cashier")
        )
        return {
            "day": day,
            "by_cashier": by_cashier,
            "by_item": by_item,
            "prepaid": prepaid,
            "total": total,
            "voided": voided,
            "closings": closings,
            "community": self.access.community,
        }

    def get(self, request, *args, **kwargs):
        fmt = request.GET.get("format")
        if fmt in ("xlsx", "pdf"):
            data = self.report()
            name = f"收费日报-{self.access.community.name}-{data['day']}"
            if fmt == "xlsx":
                from wuye.core.excel import xlsx_response

                return xlsx_response(
                    name,
                    [
                        (
                            _("By cashier and channel"),
                            [_("cashier"), _("payment method"), _("payments"), _("amount")],
                            [
                                [r["cashier"], str(r["channel"]), r["count"], r["total"]]
                                for r in data["by_cashier"]
                            ],
                        ),
                        (
                            _("By fee item"),
                            [_("fee item"), _("amount")],
                            [[r["item"], r["total"]] for r in data["by_item"]]
                            + [[str(_("kept as prepayment")), data["prepaid"]]],
                        ),
                        (
                            _("Daily closings"),
                            [
                                _("cashier"),
                                _("refunds paid out in cash"),
                                _("cash by the system"),
                                _("cash counted"),
                                _("difference"),
                                _("status"),
                            ],
                            [
                                [
                                    str(c.cashier),
                                    c.cash_paid_out,
                                    c.system_cash,
                                    c.counted_cash,
                                    c.difference,
                                    str(c.get_status_display()),
                                ]
                                for c in data["closings"]
                            ],
                        ),
                    ],
                )
            from wuye.core.pdf import pdf_response, render_pdf

            return pdf_response(
                render_pdf("billing/daily_report_pdf.html", data, request=request), f"{name}.pdf"
            )
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(self.report())
        return context


# --- Prepayment top-ups, deposits, refunds, waivers (BIL-08..10) ------------------------------------------


class CounterTopUpView(AccessMixin, View):
    """Top up a unit's prepayment, or take a deposit, at the counter (a receipt either way)."""

    permission = "billing.payment.change"
    kind = "top_up"

    def post(self, request):
        unit = get_object_or_404(
            Unit.objects.for_access(self.access), pk=request.POST.get("unit") or 0
        )
        form = (forms.DepositForm if self.kind == "deposit" else forms.TopUpForm)(request.POST)
        if not form.is_valid():
            for errors in form.errors.values():
                for error in errors:
                    messages.error(request, error)
            return redirect(f"{reverse('billing:counter')}?unit={unit.pk}")
        data = form.cleaned_data
        try:
            if self.kind == "deposit":
                deposit = payments.collect_deposit(
                    unit=unit,
                    amount=data["amount"],
                    purpose_text=data["purpose"],
                    channel=data["channel"],
                    cashier=request.user,
                    idempotency_key=data["key"],
                    payer_name=data.get("payer_name", ""),
                )
                payment = deposit.payment
            else:
                payment = payments.collect_payment(
                    unit=unit,
                    amount=data["amount"],
                    channel=data["channel"],
                    cashier=request.user,
                    idempotency_key=data["key"],
                    payer_name=data.get("payer_name", ""),
                    purpose="top_up",
                )
        except DomainError as exc:
            messages.error(request, str(exc.message))
            return redirect(f"{reverse('billing:counter')}?unit={unit.pk}")
        messages.success(
            request,
            _("Collected ¥%(amount)s; receipt %(number)s.")
            % {"amount": payment.amount, "number": payment.receipt.number},
        )
        return redirect(payment.receipt.get_absolute_url())


class CounterDepositView(CounterTopUpView):
    kind = "deposit"


class PrepaymentRefundRequestView(AccessMixin, View):
    permission = "billing.refund.change"

    def post(self, request):
        unit = get_object_or_404(
            Unit.objects.for_access(self.access), pk=request.POST.get("unit") or 0
        )
        form = forms.PrepaymentRefundForm(request.POST)
        try:
            if not form.is_valid():
                raise DomainError(_("Give the amount and the reason."))
            refund = payments.request_refund(
                unit=unit,
                kind="prepayment",
                amount=form.cleaned_data["amount"],
                reason=form.cleaned_data["reason"],
                actor=request.user,
            )
        except DomainError as exc:
            messages.error(request, str(exc.message))
            return redirect(f"{reverse('billing:counter')}?unit={unit.pk}")
        messages.success(request, _("Refund requested; finance decides."))
        return redirect(refund.get_absolute_url())


class DepositMixin(ScopedObjectMixin):
    model = Deposit
    perm_prefix = "billing.deposit"
    url_base = "billing:deposit"
    related = ("unit__building", "payment__receipt")
    page_actions = ("view",)


class DepositListView(DepositMixin, ObjectListView):
    filterset_class = filtersets.DepositFilterSet
    table_class = tables.DepositTable


class DepositDetailView(DepositMixin, ObjectDetailView):
    template_name = "billing/deposit_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["refunds"] = self.object.refunds.all()
        context["can_request"] = (
            self.access.has("billing.refund.change") and self.object.status == DepositStatus.HELD
        )
        context["refund_form"] = forms.DepositRefundForm()
        return context

    def post(self, request, pk):
        deposit = self.get_object()
        form = forms.DepositRefundForm(request.POST)
        try:
            if not form.is_valid():
                raise DomainError(_("Give the reason; deductions need an amount and a reason."))
            refund = payments.request_refund(
                unit=deposit.unit,
                kind="deposit",
                deposit=deposit,
                reason=form.cleaned_data["reason"],
                deductions=form.deductions(),
                actor=request.user,
            )
        except DomainError as exc:
            messages.error(request, str(exc.message))
            return redirect(deposit.get_absolute_url())
        messages.success(request, _("Refund requested; finance decides."))
        return redirect(refund.get_absolute_url())


class RefundMixin(ScopedObjectMixin):
    model = Refund
    perm_prefix = "billing.refund"
    url_base = "billing:refund"
    related = ("unit__building", "deposit", "decided_by", "created_by")
    page_actions = ("view",)


class RefundListView(RefundMixin, ObjectListView):
    filterset_class = filtersets.RefundFilterSet
    table_class = tables.RefundTable


class DecisionMixin:
    """approve / reject with a note, for refunds and waivers."""

    approve_permission = ""
    # payments.decide_refund / decide_waiver: (obj, *, approve, note, actor) -> the object
    decide: Callable[..., Decided] | None = None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_decide"] = (
            self.access.has(self.approve_permission)
            and self.object.status == ApprovalStatus.REQUESTED
        )
        context["decision_form"] = forms.DecisionForm()
        return context

    def post(self, request, pk):
        obj = self.get_object()
        form = forms.DecisionForm(request.POST)
        form.is_valid()
        try:
            type(self).decide(
                obj,
                approve=request.POST.get("action") == "approve",
                note=form.cleaned_data.get("note", ""),
                actor=request.user,
            )
        except DomainError as exc:
            messages.error(request, str(exc.message))
        else:
            messages.success(request, _("Decision recorded."))
        return redirect(obj.get_absolute_url())


class RefundDetailView(RefundMixin, DecisionMixin, ObjectDetailView):
    template_name = "billing/approval_detail.html"
    approve_permission = "billing.refund.approve"
    detail_fields = [
        "kind",
        "unit",
        "deposit",
        "amount",
        "reason",
        "channel",
        "status",
        "created_by",
        "decided_by",
        "decided_at",
        "decision_note",
        "paid_out_at",
        "paid_out_by",
        "payout_reference",
    ]
    decide = staticmethod(payments.decide_refund)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if (
            self.object.status == ApprovalStatus.APPROVED
            and self.object.paid_out_at is None
            and self.object.decided_by_id != self.request.user.pk
            and self.access.has("billing.refund.pay")
        ):
            context.setdefault(
                "payout_form", forms.RefundPayoutForm(initial={"channel": self.object.channel})
            )
        return context

    def post(self, request, pk):
        if "payout" not in request.POST:
            return super().post(request, pk)
        refund = self.get_object()
        form = forms.RefundPayoutForm(request.POST)
        if form.is_valid():
            try:
                payments.pay_out_refund(
                    refund,
                    actor=request.user,
                    channel=form.cleaned_data["channel"],
                    reference=form.cleaned_data["reference"],
                )
            except DomainError as exc:
                form.add_error(exc.field if exc.field in form.fields else None, str(exc.message))
            else:
                messages.success(request, _("Refund paid out."))
                return redirect(refund.get_absolute_url())
        self.object = refund
        return self.render_to_response(
            self.get_context_data(object=refund, payout_form=form), status=400
        )


class WaiverMixin(ScopedObjectMixin):
    model = Waiver
    perm_prefix = "billing.waiver"
    url_base = "billing:waiver"
    related = ("bill__unit__building", "line__fee_item", "decided_by", "created_by")
    page_actions = ("view",)


class WaiverListView(WaiverMixin, ObjectListView):
    filterset_class = filtersets.WaiverFilterSet
    table_class = tables.WaiverTable
    batch_actions = (
        BatchAction(
            "approve",
            gettext_lazy("Approve"),
            "billing.waiver.approve",
            icon="ti-check",
            confirm=gettext_lazy("Approve every ticked waiver?"),
            note=gettext_lazy("decision note"),
        ),
        BatchAction(
            "reject",
            gettext_lazy("Reject"),
            "billing.waiver.approve",
            icon="ti-x",
            confirm=gettext_lazy("Reject every ticked waiver?"),
            note=gettext_lazy("decision note"),
        ),
    )

    def batch_approve(self, waivers, approve=True):
        """Decide the ticked waivers together (BIL-10, `payments.decide_waivers`)."""
        form = forms.DecisionForm(self.request.POST)
        note = form.cleaned_data["note"] if form.is_valid() else ""
        decided, refused = payments.decide_waivers(
            waivers, approve=approve, note=note, actor=self.request.user
        )
        if decided:
            messages.success(
                self.request,
                (_("%(count)d waivers approved.") if approve else _("%(count)d waivers rejected."))
                % {"count": decided},
            )
        if refused:
            messages.error(
                self.request,
                _("Not decided: %(list)s")
                % {"list": "；".join([*refused[:10], "…"] if len(refused) > 10 else refused)},
            )
        return redirect(self.batch_back)

    def batch_reject(self, waivers):
        return self.batch_approve(waivers, approve=False)


class WaiverDetailView(WaiverMixin, DecisionMixin, ObjectDetailView):
    template_name = "billing/approval_detail.html"
    approve_permission = "billing.waiver.approve"
    detail_fields = [
        "bill",
        "line",
        "amount",
        "reason",
        "status",
        "created_by",
        "decided_by",
        "decided_at",
        "decision_note",
    ]
    decide = staticmethod(payments.decide_waiver)


class WaiverRequestView(BillMixin, View):
    """From a bill: ask the manager to waive part of one of its lines."""

    perm_prefix = "billing.waiver"
    action = "change"
    page_actions = ("view", "change")

    def post(self, request, pk):
        bill = get_object_or_404(Bill.objects.for_access(self.access), pk=pk)
        form = forms.WaiverForm(
            request.POST, lines=bill.lines.filter(amount__gt=0, cancelled=False)
        )
        try:
            if not form.is_valid():
                raise DomainError(_("Choose the line and give the amount and the reason."))
            waiver = payments.request_waiver(
                line=form.cleaned_data["line"],
                amount=form.cleaned_data["amount"],
                reason=form.cleaned_data["reason"],
                actor=request.user,
            )
        except DomainError as exc:
            messages.error(request, str(exc.message))
            return redirect(bill.get_absolute_url())
        messages.success(request, _("Waiver requested; the manager decides."))
        return redirect(waiver.get_absolute_url())


# --- Unit statement (BIL-16) --------------------------------------------------------------------------


def statement_context(unit, access):
    """Bills, payments, prepayment and deposits of one unit, with the balance owed."""
    from wuye.core.money import q2

    bills = list(
        Bill.objects.for_access(access)
        .filter(unit=unit)
        .exclude(status=BillStatus.CANCELLED)
        .order_by("period_start", "number")
    )
    payments_list = list(
        Payment.objects.for_access(access)
        .filter(unit=unit)
        .select_related("receipt", "cashier")
        .order_by("received_at")
    )
    wallet = list(
        WalletEntry.objects.for_access(access).filter(unit=unit).order_by("created_at", "id")
    )
    deposits = list(Deposit.objects.for_access(access).filter(unit=unit))
    return {
        "unit": unit,
        "bills": bills,
        "payments": payments_list,
        "wallet": wallet,
        "deposits": deposits,
        "billed": q2(sum((b.total for b in bills), Decimal("0"))),
        "paid": q2(sum((b.paid for b in bills), Decimal("0"))),
        "owed": q2(sum((b.outstanding for b in bills), Decimal("0"))),
        "wallet_balance": payments.wallet_balance(unit),
        "held": q2(
            sum((d.amount for d in deposits if d.status != DepositStatus.SETTLED), Decimal("0"))
        ),
        "today": timezone.localdate(),
        "community": access.community,
    }


class StatementView(AccessMixin, TemplateView):
    """对账单: a unit's bills, payments, balance and prepayment — page, PDF and Excel."""

    model = Unit  # the record in the URL (the isolation walk reads this)
    template_name = "billing/statement.html"
    permission = "billing.bill.view"
    title = gettext_lazy("Unit statement")

    def get(self, request, *args, **kwargs):
        unit = get_object_or_404(
            Unit.objects.for_access(self.access).select_related("building"), pk=kwargs["pk"]
        )
        data = statement_context(unit, self.access)
        fmt = request.GET.get("format")
        name = f"对账单-{unit.code}-{data['today']}"
        if fmt == "pdf":
            from wuye.core.pdf import pdf_response, render_pdf

            return pdf_response(
                render_pdf("billing/statement_pdf.html", data, request=request), f"{name}.pdf"
            )
        if fmt == "xlsx":
            from wuye.core.excel import xlsx_response

            return xlsx_response(
                name,
                [
                    (
                        _("Bills"),
                        [
                            _("bill number"),
                            _("period from"),
                            _("period until"),
                            _("amount"),
                            _("paid"),
                            _("outstanding"),
                        ],
                        [
                            [b.number, b.period_start, b.period_end, b.total, b.paid, b.outstanding]
                            for b in data["bills"]
                        ],
                    ),
                    (
                        _("Payments"),
                        [
                            _("receipt number"),
                            _("received at"),
                            _("amount"),
                            _("payment method"),
                            _("status"),
                        ],
                        [
                            [
                                getattr(getattr(p, "receipt", None), "number", ""),
                                p.received_at,
                                p.amount,
                                str(p.get_channel_display()),
                                str(p.get_status_display()),
                            ]
                            for p in data["payments"]
                        ],
                    ),
                    (
                        _("Prepayment"),
                        [_("time"), _("kind"), _("amount"), _("note")],
                        [
                            [w.created_at, str(w.get_kind_display()), w.amount, w.note]
                            for w in data["wallet"]
                        ],
                    ),
                ],
            )
        self.data = data
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(self.data)
        context["title"] = _("Statement of %(unit)s") % {"unit": self.data["unit"]}
        context["breadcrumbs"] = [
            (_("Units"), reverse("estate:unit_list")),
            (str(self.data["unit"]), self.data["unit"].get_absolute_url()),
            (_("Statement"), None),
        ]
        return context


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
    detail_fields=[
        "unit",
        "scheduled_for",
        "assignee",
        "contact",
        "note",
        "outcome",
        "outcome_note",
        "promised_date",
    ],
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
    detail_fields=[
        "unit",
        "contacted_at",
        "method",
        "person",
        "result",
        "promised_date",
        "promised_amount",
        "owed",
        "note",
        "created_by",
    ],
)


# --- Arrears, dunning and collection rates (BIL-14, BIL-15) ------------------------------------------


class ArrearsView(AccessMixin, TemplateView):
    """Arrears by building or zone in aging buckets, and by unit; notices and SMS from here."""

    template_name = "billing/arrears.html"
    permission = "billing.arrears.view"
    title = gettext_lazy("Arrears")

    def get(self, request, *args, **kwargs):
        from . import reports

        group = "zone" if request.GET.get("group") == "zone" else "building"
        bills = Bill.objects.for_arrears(self.access)
        self.aging, self.labels = reports.aging(bills, group_by=group)
        self.units = reports.arrears_by_unit(bills)
        self.group = group
        if request.GET.get("format") == "xlsx":
            from wuye.core.excel import xlsx_response

            return xlsx_response(
                f"欠费-{self.access.community.name}",
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
        context["late_fees"] = services.policy_for(
            self.access.community
        ).late_fee_enabled and self.access.has("billing.run.change")
        shown = self.units[:500]
        if self.access.has("billing.dunning.view"):
            latest = {}
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
        from . import dunning

        if not self.access.has("billing.arrears.dun"):
            from django.core.exceptions import PermissionDenied

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
        from wuye.core.pdf import pdf_response, render_pdf

        from . import dunning

        unit = get_object_or_404(
            Unit.objects.for_access(self.access).select_related("building"), pk=kwargs["pk"]
        )
        context = dunning.notice_context(unit)
        return pdf_response(
            render_pdf("billing/dunning_notice_pdf.html", context, request=request),
            f"催缴通知书-{unit.code}.pdf",
        )


class CollectionRateView(AccessMixin, TemplateView):
    template_name = "billing/collection_rates.html"
    permission = "billing.arrears.view"
    title = gettext_lazy("Collection rates")

    def get_context_data(self, **kwargs):
        from . import reports

        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        try:
            period = dt.date.fromisoformat(f"{self.request.GET.get('period')}-01")
        except ValueError:
            # The latest month billed: this month before its bills are issued shows nothing.
            period = reports.latest_billed_period(self.access.community, today) or today.replace(
                day=1
            )
        group = (
            self.request.GET.get("group")
            if self.request.GET.get("group") in ("building", "zone", "fee_item")
            else None
        )
        context.update(
            period=period,
            group=group,
            rows=reports.collection_rates(self.access.community, period, group_by=group),
            total=reports.collection_rates(self.access.community, period)[0] if group else None,
        )
        return context


class ArrearsSnapshotView(AccessMixin, TemplateView):
    """Arrears month by month (kept on each month's last day); the month's figure can be taken now."""

    template_name = "billing/arrears_snapshots.html"
    permission = "billing.arrears.view"
    title = gettext_lazy("Arrears by month")

    def get(self, request, *args, **kwargs):
        self.snapshots = list(ArrearsSnapshot.objects.for_access(self.access)[:36])
        self.labels = [b["label"] for b in self.snapshots[0].buckets] if self.snapshots else []
        if request.GET.get("format") == "xlsx":
            from wuye.core.excel import xlsx_response

            return xlsx_response(
                f"欠费月度统计-{self.access.community.name}",
                [
                    (
                        _("Arrears by month"),
                        [
                            _("month"),
                            _("as of"),
                            _("units owing"),
                            _("overdue bills"),
                            *self.labels,
                            _("total"),
                        ],
                        [
                            [
                                f"{s.month:%Y-%m}",
                                s.as_of,
                                s.units,
                                s.bills,
                                *[Decimal(b["amount"]) for b in s.buckets],
                                s.total,
                            ]
                            for s in self.snapshots
                        ],
                    )
                ],
            )
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if not self.access.has("billing.run.change"):
            raise PermissionDenied
        snapshot = services.take_arrears_snapshot(self.access.community, actor=request.user)
        messages.success(
            request,
            _("Arrears of %(month)s kept: %(total)s yuan.")
            % {"month": f"{snapshot.month:%Y-%m}", "total": snapshot.total},
        )
        return redirect("billing:arrears_snapshots")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # Newest first: each month's change against the month before it (the next row).
        earlier = [s.total for s in self.snapshots[1:]] + [None]
        context.update(
            rows=[
                (s, None if before is None else s.total - before)
                for s, before in zip(self.snapshots, earlier, strict=False)
            ],
            labels=self.labels,
            can_take=self.access.has("billing.run.change"),
        )
        return context


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
