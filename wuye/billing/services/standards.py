"""Billing writes for the policy and the fee standards."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from wuye.core.audit import record_event
from wuye.core.errors import DomainError

from ..models import BillingPolicy, BillLine, FeeStandard

# --- Policy, fee items, standards -----------------------------------------------------------------


def policy_for(community) -> BillingPolicy:
    """The community's billing policy; the defaults stated on the settings page until edited."""
    policy = BillingPolicy.objects.filter(community=community).first()
    return policy or BillingPolicy(community=community)


@transaction.atomic
def save_policy(form, *, actor, community):
    policy = form.save(commit=False)
    policy.community = community
    if policy.pk is None:
        policy.created_by = actor
    policy.save()
    record_event(
        verb="billing.policy_saved",
        actor=actor,
        community=community,
        target=policy,
        message=_("Billing policy saved"),
        data={"fields": sorted(form.changed_data)},
    )
    return policy


@transaction.atomic
def save_standard(form, *, actor, community):
    """A new price from a date on; the previous open-ended standard ends the day before."""
    standard = form.save(commit=False)
    creating = standard.pk is None
    if creating:
        standard.community = community
        standard.created_by = actor
        if BillLine.objects.filter(
            standard__fee_item=standard.fee_item,
            period__gte=standard.effective_from,
            cancelled=False,
        ).exists():
            raise DomainError(
                _(
                    "Bills have already been issued with the old price for periods from this date; choose a later date."
                ),
                field="effective_from",
            )
        previous = (
            FeeStandard.objects.filter(
                fee_item=standard.fee_item, effective_from__lt=standard.effective_from
            )
            .filter(Q(effective_to__isnull=True) | Q(effective_to__gte=standard.effective_from))
            .first()
        )
        if previous is not None:
            previous.effective_to = standard.effective_from - dt.timedelta(days=1)
            previous.save(update_fields=["effective_to", "updated_at"])
    elif BillLine.objects.filter(standard=standard, cancelled=False).exists():
        raise DomainError(
            _(
                "This standard has been used on bills and cannot be changed; add a new standard from a later date."
            )
        )
    overlapping = (
        FeeStandard.objects.filter(fee_item=standard.fee_item)
        .exclude(pk=standard.pk)
        .filter(effective_from__gte=standard.effective_from)
    )
    if standard.effective_to is not None:
        overlapping = overlapping.filter(effective_from__lte=standard.effective_to)
    if overlapping.exists():
        raise DomainError(
            _("Another standard of this fee item starts inside this period."),
            field="effective_from",
        )
    standard.save()
    record_event(
        verb="billing.standard_saved",
        actor=actor,
        community=community,
        target=standard,
        message=_("Fee standard %(item)s from %(date)s: %(price)s")
        % {
            "item": standard.fee_item.name,
            "date": standard.effective_from,
            "price": standard.unit_price,
        },
    )
    return standard
