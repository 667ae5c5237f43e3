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

from wuye.core.commands import submit_form
from wuye.core.errors import DomainError
from wuye.core.validators import mask_phone
from wuye.core.views import AccessMixin
from wuye.estate.filtersets import UnitFilterSet
from wuye.estate.models import Unit, current_owners

from .. import forms
from ..choices import COUNTER_CHANNELS, DepositStatus, RefundKind
from ..closing import LOCKING
from ..commands import COLLECT
from ..models import DailyClosing, Deposit, Payment
from ..services.approvals import request_refund
from ..services.ledger import open_lines, owed_by_unit, wallet_balance

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
                COLLECT.form(
                    access=self.access,
                    initial={
                        "unit": unit.pk,
                        "idempotency_key": uuid.uuid4().hex,
                        "bill_ids": list(bills),
                        "channel": "cash",
                        # The owner usually pays; the cashier overwrites it for anyone else.
                        "payer_name": "、".join(p.name for p in owners),
                    },
                ),
            )
            form = context["form"]
            chosen = form["bill_ids"].value() if form.is_bound else list(bills)
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
        form = COLLECT.bind(request.POST, None, target=None, access=self.access)
        if form.is_valid():
            try:
                # The same key again (double click, back button, retry) is the same payment.
                payment = COLLECT.execute(None, form, actor=request.user)
            except DomainError as exc:
                form.add_error(exc.field if exc.field in form.fields else None, str(exc.message))
            else:
                messages.success(request, COLLECT.message(None, payment))
                return redirect(payment.receipt.get_absolute_url())
        return self.render_to_response(self.get_context_data(form=form, unit=unit), status=400)


# --- Prepayment top-ups, deposits, refunds, waivers (BIL-08..10) ------------------------------------------


class CounterTopUpView(AccessMixin, View):
    """Top up a unit's prepayment, or take a deposit, at the counter (a receipt either way):
    the counter's collect command with its purpose; a refusal goes back to the counter."""

    permission = "billing.payment.change"

    def post(self, request):
        unit = get_object_or_404(
            Unit.objects.for_access(self.access), pk=request.POST.get("unit") or 0
        )
        form = COLLECT.bind(request.POST, None, target=None, access=self.access)
        return submit_form(
            request,
            form,
            lambda _data: COLLECT.execute(None, form, actor=request.user),
            back=f"{reverse('billing:counter')}?unit={unit.pk}",
            done=lambda payment: COLLECT.message(None, payment),
            goto=lambda payment: payment.receipt.get_absolute_url(),
        )


class PrepaymentRefundRequestView(AccessMixin, View):
    permission = "billing.refund.change"

    def post(self, request):
        unit = get_object_or_404(
            Unit.objects.for_access(self.access), pk=request.POST.get("unit") or 0
        )
        return submit_form(
            request,
            forms.PrepaymentRefundForm(request.POST, access=self.access),
            lambda data: request_refund(
                unit=data["unit"],
                kind=RefundKind.PREPAYMENT,
                amount=data["amount"],
                reason=data["reason"],
                actor=request.user,
            ),
            back=f"{reverse('billing:counter')}?unit={unit.pk}",
            done=lambda _refund: _("Refund requested; finance decides."),
            goto=lambda refund: refund.get_absolute_url(),
        )
