"""Cash, petty cash and bank (FIN-04, FIN-05): the community's money accounts and their journals
(现金日记账、银行日记账), the staff advances paid from the petty cash float, the history of the
cash-on-hand limit breached, and the finance office's settings.

A journal entry is never changed or deleted: a mistake is reversed (冲销) by a new entry."""

from __future__ import annotations

from decimal import Decimal
from typing import ClassVar

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wuye.core.models import ScopedManager, ScopedModel, ScopedQuerySet
from wuye.core.money import MONEY

from ..choices import ADVANCE_BADGES, AccountKind, AdvanceStatus, EntryKind

POSITIVE = [MinValueValidator(Decimal("0.01"))]


class FinanceSettings(ScopedModel):
    """A community's finance settings; the defaults until edited."""

    cash_limit = models.DecimalField(
        _("cash on hand limit"),
        default=Decimal("2000.00"),
        validators=POSITIVE,
        help_text=_("Cash held above this goes to the bank the same day (库存现金限额)"),
        **MONEY,
    )
    budget_alert_percent = models.DecimalField(
        _("budget variance highlighted above (%)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("10.00"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
    )
    claim_company_over = models.DecimalField(
        _("claims approved by the company above"),
        default=Decimal("5000.00"),
        validators=POSITIVE,
        help_text=_("An expense claim of more than this is approved by the company too"),
        **MONEY,
    )

    class Meta:
        verbose_name = _("finance settings")
        verbose_name_plural = _("finance settings")
        constraints = [
            models.UniqueConstraint(fields=["community"], name="finance_settings_one"),
            models.CheckConstraint(condition=Q(cash_limit__gt=0), name="finance_cash_limit_pos"),
        ]

    def __str__(self):
        return str(_("finance settings"))


class FundAccount(ScopedModel):
    """Where the community's money is: the cash the counter takes (one per community), petty
    cash floats held by a custodian, bank accounts (one of them receives the cash deposits)."""

    kind = models.CharField(_("kind"), max_length=10, choices=AccountKind.choices)
    name = models.CharField(_("name"), max_length=60)
    bank_name = models.CharField(_("bank"), max_length=60, blank=True)
    account_number = models.CharField(_("account number"), max_length=40, blank=True)
    custodian = models.ForeignKey(
        "org.User",
        verbose_name=_("custodian"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    float_amount = models.DecimalField(
        _("float (定额备用金)"),
        default=Decimal("0"),
        help_text=_("Petty cash: the fixed amount the float is topped up to"),
        **MONEY,
    )
    opening_balance = models.DecimalField(_("opening balance"), default=Decimal("0"), **MONEY)
    opening_date = models.DateField(_("opening date"))
    receives_deposits = models.BooleanField(
        _("receives the counter's cash deposits"), default=False
    )
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("money account")
        verbose_name_plural = _("money accounts")
        ordering = ["kind", "name"]
        constraints = [
            models.UniqueConstraint(fields=["community", "name"], name="finance_account_name"),
            # The counter's takings go to one cash account; the deposits to one bank account.
            models.UniqueConstraint(
                fields=["community"], condition=Q(kind="cash"), name="finance_one_cash_account"
            ),
            models.UniqueConstraint(
                fields=["community"],
                condition=Q(receives_deposits=True),
                name="finance_one_deposit_account",
            ),
            models.CheckConstraint(
                condition=Q(receives_deposits=False) | Q(kind="bank"),
                name="finance_deposits_to_bank",
                violation_error_message=_("Only a bank account receives the cash deposits."),
            ),
            models.CheckConstraint(
                condition=Q(opening_balance__gte=0) & Q(float_amount__gte=0),
                name="finance_account_not_negative",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("finance:fundaccount_detail", args=[self.pk])


class JournalEntryQuerySet(ScopedQuerySet):
    def for_access(self, access):
        """The community's entries; a cashier and nothing else sees only her own days' takings
        and their deposits."""
        queryset = super().for_access(access)
        if access is not None and not access.has("finance.journal.view_all"):
            queryset = queryset.filter(cashier=access.user)
        return queryset


JournalEntryManager = ScopedManager.from_queryset(JournalEntryQuerySet)


class JournalEntry(ScopedModel):
    """One line of an account's journal: money in or out, with its voucher number (gap-free per
    account kind and year). Written only by the services; a mistake is reversed, never edited."""

    objects: ClassVar = JournalEntryManager()

    account = models.ForeignKey(
        FundAccount,
        verbose_name=_("money account"),
        on_delete=models.PROTECT,
        related_name="entries",
    )
    date = models.DateField(_("date"))
    voucher_no = models.CharField(_("voucher no."), max_length=20, editable=False)
    kind = models.CharField(_("kind"), max_length=16, choices=EntryKind.choices)
    summary = models.CharField(_("summary (摘要)"), max_length=120)
    counterparty = models.CharField(_("counter-party"), max_length=100, blank=True)
    amount_in = models.DecimalField(_("in"), default=Decimal("0"), **MONEY)
    amount_out = models.DecimalField(_("out"), default=Decimal("0"), **MONEY)
    # What wrote it, for the entries that arrive by themselves (a closing, a deposit): the
    # same source never writes twice into one account.
    source = models.CharField(_("source"), max_length=40, blank=True, editable=False)
    cashier = models.ForeignKey(
        "org.User",
        verbose_name=_("cashier"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    # The other leg of a transfer (a deposit is a transfer from cash to the bank).
    counter_entry = models.OneToOneField(
        "self",
        verbose_name=_("other leg"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    reversal_of = models.OneToOneField(
        "self",
        verbose_name=_("reverses"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reversed_by",
        editable=False,
    )
    advance = models.ForeignKey(
        "finance.PettyAdvance",
        verbose_name=_("advance"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="entries",
        editable=False,
    )

    class Meta:
        verbose_name = _("journal entry")
        verbose_name_plural = _("journal entries")
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["account", "date"], name="finance_entry_account_day")]
        constraints = [
            models.UniqueConstraint(
                fields=["community", "voucher_no"], name="finance_entry_voucher_once"
            ),
            models.UniqueConstraint(
                fields=["account", "source"],
                condition=~Q(source=""),
                name="finance_entry_source_once",
            ),
            models.CheckConstraint(
                condition=(Q(amount_in__gt=0) & Q(amount_out=0))
                | (Q(amount_out__gt=0) & Q(amount_in=0)),
                name="finance_entry_one_side",
            ),
        ]

    def __str__(self):
        return self.voucher_no

    def get_absolute_url(self):
        return reverse("finance:journalentry_detail", args=[self.pk])

    @property
    def amount(self) -> Decimal:
        return self.amount_in or self.amount_out


class PettyAdvance(ScopedModel):
    """Cash advanced from a petty cash float to a member of staff (借支), settled later with the
    receipts for what was spent and the rest of the cash returned."""

    number = models.CharField(_("number"), max_length=20, editable=False)
    account = models.ForeignKey(
        FundAccount, verbose_name=_("petty cash"), on_delete=models.PROTECT, related_name="+"
    )
    borrower = models.ForeignKey(
        "org.User", verbose_name=_("advanced to"), on_delete=models.PROTECT, related_name="+"
    )
    amount = models.DecimalField(_("amount"), validators=POSITIVE, **MONEY)
    purpose = models.CharField(_("purpose"), max_length=120)
    issued_on = models.DateField(_("advanced on"))
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=AdvanceStatus.choices,
        default=AdvanceStatus.OUTSTANDING,
        editable=False,
    )
    spent = models.DecimalField(_("spent"), null=True, blank=True, editable=False, **MONEY)
    settled_on = models.DateField(_("settled on"), null=True, blank=True, editable=False)
    settlement_note = models.CharField(_("what was spent"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("petty cash advance")
        verbose_name_plural = _("petty cash advances")
        ordering = ["-issued_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["community", "number"], name="finance_advance_no"),
            models.CheckConstraint(condition=Q(amount__gt=0), name="finance_advance_positive"),
            models.CheckConstraint(
                condition=Q(status=AdvanceStatus.OUTSTANDING)
                | (Q(spent__gte=0) & Q(settled_on__isnull=False)),
                name="finance_advance_settled",
            ),
        ]

    def __str__(self):
        return self.number

    def get_absolute_url(self):
        return reverse("finance:pettyadvance_detail", args=[self.pk])

    @property
    def badge(self) -> str:
        return ADVANCE_BADGES[AdvanceStatus(self.status)]


class CashLimitBreach(ScopedModel):
    """A time the community's cash on hand stood above its limit: from the posting that took it
    over until the one (normally a bank deposit) that brought it back under."""

    started_at = models.DateTimeField(_("over the limit since"))
    ended_at = models.DateTimeField(_("back under the limit at"), null=True, blank=True)
    limit = models.DecimalField(_("cash on hand limit"), **MONEY)
    peak = models.DecimalField(_("highest cash on hand"), **MONEY)
    started_by = models.ForeignKey(
        JournalEntry,
        verbose_name=_("entry that went over"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    ended_by = models.ForeignKey(
        JournalEntry,
        verbose_name=_("entry that came back under"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("cash limit breach")
        verbose_name_plural = _("cash limit breaches")
        ordering = ["-started_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["community"],
                condition=Q(ended_at__isnull=True),
                name="finance_one_open_breach",
            )
        ]

    def __str__(self):
        return f"{self.started_at:%Y-%m-%d %H:%M}"

    def get_absolute_url(self):
        return reverse("finance:cashlimitbreach_list")
