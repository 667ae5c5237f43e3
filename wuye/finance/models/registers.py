"""Registers of the finance office 领用登记 (FIN-10): every use of a seal, and the numbered
receipt books and cheque books — issued to a person, each number used or voided once, gaps
and double use found; nothing is deleted, a mistake is put right by a new entry."""

from __future__ import annotations

from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wuye.core.models import ScopedModel

from ..choices import BOOK_BADGES, BookKind, BookStatus, NumberStatus, SealKind

MAX_BOOK_NUMBERS = 1000


class Seal(ScopedModel):
    name = models.CharField(_("name"), max_length=50)
    kind = models.CharField(_("kind"), max_length=10, choices=SealKind.choices)
    keeper = models.ForeignKey(
        "org.User",
        verbose_name=_("keeper"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("seal")
        verbose_name_plural = _("seals")
        ordering = ["kind", "name"]
        constraints = [
            models.UniqueConstraint(fields=["community", "name"], name="finance_seal_name")
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("finance:seal_detail", args=[self.pk])


class SealUse(ScopedModel):
    """One use of a seal: on what, what for, who asked and who approved."""

    seal = models.ForeignKey(
        Seal, verbose_name=_("seal"), on_delete=models.PROTECT, related_name="uses"
    )
    used_at = models.DateTimeField(_("used at"), default=timezone.now)
    document = models.CharField(_("document"), max_length=100)
    purpose = models.CharField(_("purpose"), max_length=200)
    copies = models.PositiveIntegerField(_("copies"), default=1, validators=[MinValueValidator(1)])
    applicant = models.ForeignKey(
        "org.User", verbose_name=_("applicant"), on_delete=models.PROTECT, related_name="+"
    )
    approver = models.ForeignKey(
        "org.User", verbose_name=_("approved by"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("seal use")
        verbose_name_plural = _("seal uses")
        ordering = ["-used_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(copies__gte=1), name="finance_seal_copies"),
            models.CheckConstraint(
                condition=~Q(applicant=F("approver")), name="finance_seal_not_self_approved"
            ),
        ]

    def __str__(self):
        return f"{self.seal} · {self.document}"

    def get_absolute_url(self):
        return reverse("finance:sealuse_detail", args=[self.pk])


class NumberedBook(ScopedModel):
    """A receipt book or cheque book with its printed numbers first…last."""

    kind = models.CharField(_("kind"), max_length=8, choices=BookKind.choices)
    series = models.CharField(
        _("series"), max_length=20, blank=True, help_text=_("The letters printed before the number")
    )
    first_number = models.PositiveIntegerField(_("first number"))
    last_number = models.PositiveIntegerField(_("last number"))
    account = models.CharField(
        _("bank account"), max_length=50, blank=True, help_text=_("For a cheque book")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=BookStatus.choices, default=BookStatus.IN_STOCK
    )
    holder = models.ForeignKey(
        "org.User",
        verbose_name=_("held by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    issued_on = models.DateField(_("issued on"), null=True, blank=True)
    returned_on = models.DateField(_("returned on"), null=True, blank=True)

    class Meta:
        verbose_name = _("numbered book")
        verbose_name_plural = _("numbered books")
        ordering = ["kind", "series", "first_number"]
        constraints = [
            models.UniqueConstraint(
                fields=["community", "kind", "series", "first_number"], name="finance_book_start"
            ),
            models.CheckConstraint(
                condition=Q(last_number__gte=F("first_number")), name="finance_book_range"
            ),
            models.CheckConstraint(
                condition=~Q(status=BookStatus.ISSUED) | Q(holder__isnull=False),
                name="finance_book_issued_to_someone",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.series}{self.first_number}–{self.last_number}"

    def get_absolute_url(self):
        return reverse("finance:numberedbook_detail", args=[self.pk])

    @property
    def badge(self) -> str:
        return BOOK_BADGES[BookStatus(self.status)]

    @property
    def size(self) -> int:
        return self.last_number - self.first_number + 1


class BookNumber(ScopedModel):
    """One number of a book, used (for what, how much) or voided: each once."""

    book = models.ForeignKey(
        NumberedBook,
        verbose_name=_("numbered book"),
        on_delete=models.PROTECT,
        related_name="numbers",
    )
    number = models.PositiveIntegerField(_("number"))
    status = models.CharField(_("status"), max_length=8, choices=NumberStatus.choices)
    used_on = models.DateField(_("date"))
    amount = models.DecimalField(
        _("amount"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    party = models.CharField(_("paid by or to"), max_length=100, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("book number")
        verbose_name_plural = _("book numbers")
        ordering = ["book", "number"]
        constraints = [
            models.UniqueConstraint(fields=["book", "number"], name="finance_number_once"),
            models.CheckConstraint(
                condition=Q(amount__isnull=True) | Q(amount__gte=Decimal("0")),
                name="finance_number_amount",
            ),
        ]

    def __str__(self):
        return f"{self.book.series}{self.number}"

    def get_absolute_url(self):
        return self.book.get_absolute_url()
