"""The cashier's counter: collecting, prepayments, deposits, prepayment refunds."""

import uuid
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from wuye.core.errors import DomainError
from wuye.core.validators import mask_phone
from wuye.core.views import AccessMixin
from wuye.estate.filtersets import UnitFilterSet
from wuye.estate.models import Unit, current_owners

from .. import forms
from ..choices import COUNTER_CHANNELS, DepositStatus
from ..closing import LOCKING
from ..models import Bill, DailyClosing, Deposit, Payment
from ..services.approvals import request_refund
from ..services.counter import collect_payment
from ..services.ledger import open_lines, owed_by_unit, wallet_balance
from ..services.wallet import collect_deposit

# --- The cashier counter (BIL-06..08, BIL-11) ------------------------------------------------------------


def closed_day(access, user, day):
    """The cashier's submitted or confirmed closing of `day` (the day is locked), or None."""

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
        owners, owed = current_owners(ids), owed_by_unit(ids)
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
            lines = open_lines(unit)
            bills: dict[int, dict[str, Any]] = {}
            for line in lines:
                entry = bills.setdefault(line.bill_id, {"bill": line.bill, "owed": 0, "lines": []})
                entry["owed"] += line.owed
                entry["lines"].append(line)
            open_bills = Bill.objects.filter(pk__in=bills)
            owners = current_owners([unit.pk]).get(unit.pk, [])
            context["owners"] = [{"name": p.name, "phone": mask_phone(p.phone)} for p in owners]
            context["bills"] = list(bills.values())
            context["owed_total"] = sum((b["owed"] for b in bills.values()), Decimal("0.00"))
            context["wallet"] = wallet_balance(unit)
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
        open_bills = Bill.objects.filter(pk__in={line.bill_id for line in open_lines(unit)})
        form = forms.CollectForm(request.POST, bills=open_bills)
        if form.is_valid():
            data = form.cleaned_data
            try:
                payment = collect_payment(
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
                    messages.error(request, str(error))
            return redirect(f"{reverse('billing:counter')}?unit={unit.pk}")
        data = form.cleaned_data
        try:
            if self.kind == "deposit":
                deposit = collect_deposit(
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
                payment = collect_payment(
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
            refund = request_refund(
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
