"""Fee items, their effective-dated standards and the community's billing policy (BIL-01, BIL-02)."""

import re
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wuye.core.models import ScopedModel
from wuye.core.money import Digits
from wuye.estate.choices import MeterKind, UnitUse

from ..choices import (
    REMAINDER_RULE_HELP,
    AreaBasis,
    Calculation,
    Cycle,
    FeeStart,
    RemainderRule,
    ShareBasis,
    TierBasis,
)

PRICE = Digits(max_digits=12, decimal_places=4)


QUANTITY = Digits(max_digits=14, decimal_places=4)


NOT_NEGATIVE = [MinValueValidator(Decimal("0"))]


class FeeItem(ScopedModel):
    """A fee item (物业服务费、水费、公摊电费、车位管理费…) and how it is computed."""

    code = models.CharField(_("code"), max_length=20)
    name = models.CharField(_("name"), max_length=50)
    calculation = models.CharField(_("calculation"), max_length=12, choices=Calculation.choices)
    area_basis = models.CharField(
        _("area basis"), max_length=6, choices=AreaBasis.choices, default=AreaBasis.GROSS
    )
    meter_kind = models.CharField(
        _("meter type"), max_length=12, choices=MeterKind.choices, blank=True
    )
    tier_basis = models.CharField(
        _("tier basis"), max_length=8, choices=TierBasis.choices, default=TierBasis.MONTHLY
    )
    share_basis = models.CharField(
        _("allocation basis"),
        max_length=12,
        choices=ShareBasis.choices,
        default=ShareBasis.INNER_AREA,
    )
    remainder_rule = models.CharField(
        _("remainder (尾差) goes"),
        max_length=8,
        choices=RemainderRule.choices,
        default=RemainderRule.LARGEST,
        help_text=REMAINDER_RULE_HELP,
    )
    shared_meter = models.ForeignKey(
        "estate.Meter",
        verbose_name=_("public meter shared"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Shared allocation: the public meter whose usage is shared"),
    )
    pass_through = models.BooleanField(
        _("collected for a utility (代收代缴)"),
        default=False,
        help_text=_(
            "Water, electricity or gas collected on behalf of the utility: no handling fee may be added."
        ),
    )
    applies_to_uses = models.JSONField(
        _("unit uses"), default=list, blank=True, help_text=_("Empty: every use")
    )
    buildings = models.ManyToManyField(
        "estate.Building", verbose_name=_("only these buildings"), blank=True, related_name="+"
    )
    units = models.ManyToManyField(
        "estate.Unit", verbose_name=_("only these units"), blank=True, related_name="+"
    )
    space_kinds = models.JSONField(_("parking space kinds"), default=list, blank=True)
    vacancy_applies = models.BooleanField(_("vacant-unit rate applies"), default=True)
    is_active = models.BooleanField(_("in use"), default=True)
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("fee item")
        verbose_name_plural = _("fee items")
        ordering = ["community_id", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["community", "code"], name="billing_feeitem_unique_code"
            ),
        ]

    def __str__(self):
        return f"{self.code} {self.name}"

    def get_absolute_url(self):
        return reverse("billing:feeitem_detail", args=[self.pk])

    def applies_to_use(self, use: str) -> bool:
        return not self.applies_to_uses or use in self.applies_to_uses

    @property
    def use_labels(self):
        return "、".join(str(UnitUse(u).label) for u in self.applies_to_uses) or "—"


class FeeStandard(ScopedModel):
    """The price of a fee item from a date on. Bills keep the price they were made with."""

    fee_item = models.ForeignKey(
        FeeItem, verbose_name=_("fee item"), on_delete=models.PROTECT, related_name="standards"
    )
    effective_from = models.DateField(_("effective from"))
    effective_to = models.DateField(_("effective until"), null=True, blank=True)
    unit_price = models.DecimalField(
        _("unit price"),
        validators=NOT_NEGATIVE,
        help_text=_("Per m² per month, per unit per month, or per meter unit"),
        **PRICE,
    )
    tiers = models.JSONField(
        _("tiers"),
        default=list,
        blank=True,
        help_text=_(
            'Tiered prices: [{"up_to": 10, "price": "3.50"}, {"up_to": null, "price": "5.00"}]'
        ),
    )
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("fee standard")
        verbose_name_plural = _("fee standards")
        ordering = ["community_id", "fee_item", "-effective_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["community", "fee_item", "effective_from"],
                name="billing_standard_unique_start",
            ),
            models.CheckConstraint(
                condition=Q(effective_to__isnull=True) | Q(effective_to__gte=F("effective_from")),
                name="billing_standard_dates",
            ),
        ]

    def __str__(self):
        return f"{self.fee_item.name} {self.effective_from}"

    def get_absolute_url(self):
        return reverse("billing:feestandard_detail", args=[self.pk])


_PART_SEPARATORS = re.compile(r"[,，、;；\s]+")


def receipt_part_names(text: str) -> list[str]:
    """The receipt form's parts (联) as the policy names them: "存根,客户,记账" → three."""
    return [part for part in _PART_SEPARATORS.split(text or "") if part]


def validate_receipt_parts(text: str) -> None:
    parts = receipt_part_names(text)
    if len(parts) > 5 or any(len(part) > 6 for part in parts):
        raise ValidationError(
            _("At most five parts of at most six characters each, e.g. 存根,客户,记账.")
        )


class BillingPolicy(ScopedModel):
    """How one community bills: cycle, due day, fee start, vacancy, late fees, prepayment."""

    cycle = models.CharField(
        _("billing cycle"), max_length=8, choices=Cycle.choices, default=Cycle.MONTH
    )
    due_day = models.PositiveSmallIntegerField(
        _("due day of the month"),
        default=15,
        validators=[MinValueValidator(1), MaxValueValidator(28)],
    )
    fee_start = models.CharField(
        _("fee start at handover"),
        max_length=12,
        choices=FeeStart.choices,
        default=FeeStart.NEXT_MONTH,
    )
    developer_name = models.CharField(
        _("developer account name"),
        max_length=100,
        blank=True,
        help_text=_("Unsold and developer-held units are billed to this account"),
    )
    vacant_rate = models.DecimalField(
        _("vacant-unit rate (%)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("100"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
    )
    payment_term_days = models.PositiveSmallIntegerField(
        _("payment term (days)"),
        default=10,
        validators=[MinValueValidator(1), MaxValueValidator(90)],
        help_text=_(
            "A bill is due on the due day of its first month, but never sooner than this many days after it is issued (a run issued late gives owners this long to pay)"
        ),
    )
    late_fee_enabled = models.BooleanField(_("charge late fees (违约金)"), default=False)
    late_fee_daily_rate = models.DecimalField(
        _("late fee per day (‰ of unpaid principal)"),
        max_digits=6,
        decimal_places=3,
        default=Decimal("0.5"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("10"))],
    )
    late_fee_grace_days = models.PositiveSmallIntegerField(_("late fee grace days"), default=30)
    prepayment_limit_months = models.PositiveSmallIntegerField(
        _("prepayment limit (months)"), default=12
    )
    auto_offset_prepayment = models.BooleanField(
        _("offset new bills from prepayments automatically"), default=True
    )
    receipt_parts = models.CharField(
        _("receipt parts (联)"),
        max_length=60,
        blank=True,
        default="存根,客户,记账",
        validators=[validate_receipt_parts],
        help_text=_(
            "The parts of the printed receipt form in order, separated by commas, e.g. 存根,客户,记账; printed along its side as 第一联 存根… Empty: none."
        ),
    )

    class Meta:
        verbose_name = _("billing policy")
        verbose_name_plural = _("billing policies")
        constraints = [
            models.UniqueConstraint(fields=["community"], name="billing_policy_one_per_community")
        ]

    def __str__(self):
        return str(_("Billing policy"))

    def get_absolute_url(self):
        return reverse("billing:policy")
