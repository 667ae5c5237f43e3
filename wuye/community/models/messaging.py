"""The notification center's text messages (COM-02, CSS-12, CSR-7): templates with variables,
saved recipient lists (typed or from Excel), opt-outs, and campaigns — a text to a target,
prepared into one delivery per mobile number, sent in the background and logged per recipient."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wuye.core.models import ScopedModel
from wuye.core.validators import validate_mobile

from ..choices import (
    CAMPAIGN_BADGES,
    DELIVERY_BADGES,
    CampaignStatus,
    DeliveryStatus,
    MessageKind,
    SkipReason,
    TargetKind,
)


class MessageTemplate(ScopedModel):
    """A text with variables ({姓名}, {房号}, {金额}, {日期}, {小区}), checked when saved."""

    name = models.CharField(_("name"), max_length=50)
    kind = models.CharField(
        _("kind"), max_length=10, choices=MessageKind.choices, default=MessageKind.SERVICE
    )
    text = models.TextField(_("text"))
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("message template")
        verbose_name_plural = _("message templates")
        ordering = ["community_id", "name"]
        constraints = [
            models.UniqueConstraint(fields=["community", "name"], name="community_template_name")
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("community:messagetemplate_detail", args=[self.pk])


class RecipientList(ScopedModel):
    """A saved list of recipients (typed in, or read from an Excel file)."""

    name = models.CharField(_("name"), max_length=50)
    note = models.CharField(_("note"), max_length=200, blank=True)
    size = models.PositiveIntegerField(_("recipients"), default=0, editable=False)

    class Meta:
        verbose_name = _("recipient list")
        verbose_name_plural = _("recipient lists")
        ordering = ["community_id", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["community", "name"], name="community_list_name")
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("community:recipientlist_detail", args=[self.pk])


class RecipientEntry(ScopedModel):
    recipient_list = models.ForeignKey(
        RecipientList, verbose_name=_("list"), on_delete=models.CASCADE, related_name="entries"
    )
    position = models.PositiveIntegerField(_("row"))
    name = models.CharField(_("full name"), max_length=50, blank=True)
    phone = models.CharField(_("mobile phone"), max_length=11, validators=[validate_mobile])
    unit_code = models.CharField(_("unit"), max_length=100, blank=True)
    amount = models.DecimalField(
        _("amount"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    date = models.DateField(_("date"), null=True, blank=True)

    class Meta:
        verbose_name = _("list entry")
        verbose_name_plural = _("list entries")
        ordering = ["recipient_list", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient_list", "phone"], name="community_entry_phone_once"
            )
        ]

    def __str__(self):
        return f"{self.name} {self.phone}"

    def get_absolute_url(self):
        return self.recipient_list.get_absolute_url()


class OptOut(ScopedModel):
    """A mobile number that receives no marketing messages or greetings (legal and service
    notices still go)."""

    phone = models.CharField(_("mobile phone"), max_length=11, validators=[validate_mobile])
    reason = models.CharField(_("reason"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("SMS opt-out")
        verbose_name_plural = _("SMS opt-outs")
        ordering = ["community_id", "-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["community", "phone"], name="community_optout_once")
        ]

    def __str__(self):
        return self.phone

    def get_absolute_url(self):
        return reverse("community:optout_detail", args=[self.pk])


class Campaign(ScopedModel):
    """A text message to many: prepared into deliveries, then sent in the background (never in
    quiet hours unless urgent), each recipient once."""

    number = models.CharField(_("number"), max_length=20, editable=False)
    title = models.CharField(_("title"), max_length=100)
    kind = models.CharField(
        _("kind"), max_length=10, choices=MessageKind.choices, default=MessageKind.SERVICE
    )
    template = models.ForeignKey(
        MessageTemplate,
        verbose_name=_("template"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    text = models.TextField(_("text"))
    urgent = models.BooleanField(
        _("urgent"), default=False, help_text=_("Sent in quiet hours too (21:00–08:00)")
    )
    target = models.CharField(
        _("send to"), max_length=10, choices=TargetKind.choices, default=TargetKind.BUILDINGS
    )
    zones = models.ManyToManyField(
        "org.Zone", verbose_name=_("zones"), blank=True, related_name="+"
    )
    buildings = models.ManyToManyField(
        "estate.Building", verbose_name=_("buildings"), blank=True, related_name="+"
    )
    recipient_list = models.ForeignKey(
        RecipientList,
        verbose_name=_("recipient list"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    scheduled_at = models.DateTimeField(_("send at"), null=True, blank=True)
    occasion = models.CharField(_("occasion"), max_length=20, blank=True, editable=False)
    status = models.CharField(
        _("status"), max_length=10, choices=CampaignStatus.choices, default=CampaignStatus.DRAFT
    )
    prepared_at = models.DateTimeField(_("prepared at"), null=True, blank=True)
    total = models.PositiveIntegerField(_("recipients"), default=0)
    skipped = models.PositiveIntegerField(_("not sent"), default=0)
    without_phone = models.PositiveIntegerField(_("without a mobile number"), default=0)
    queued_at = models.DateTimeField(_("queued at"), null=True, blank=True)
    queued_by = models.ForeignKey(
        "org.User",
        verbose_name=_("sent by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    waiting = models.CharField(_("waiting for"), max_length=100, blank=True)
    lease_until = models.DateTimeField(null=True, blank=True, editable=False)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    cancel_reason = models.CharField(_("why cancelled"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("SMS campaign")
        verbose_name_plural = _("SMS campaigns")
        ordering = ["-id"]
        constraints = [
            models.UniqueConstraint(fields=["community", "number"], name="community_campaign_no"),
            models.CheckConstraint(
                condition=~Q(target=TargetKind.LIST) | Q(recipient_list__isnull=False),
                name="community_campaign_list_target",
            ),
        ]
        indexes = [models.Index(fields=["status", "scheduled_at"])]

    def __str__(self):
        return f"{self.number} {self.title}"

    def get_absolute_url(self):
        return reverse("community:campaign_detail", args=[self.pk])

    @property
    def badge(self) -> str:
        return CAMPAIGN_BADGES[CampaignStatus(self.status)]


class Delivery(ScopedModel):
    """One recipient of a campaign (one per mobile number): the text as rendered for them, and
    what became of it."""

    campaign = models.ForeignKey(
        Campaign, verbose_name=_("campaign"), on_delete=models.CASCADE, related_name="deliveries"
    )
    phone = models.CharField(_("mobile phone"), max_length=11)
    name = models.CharField(_("full name"), max_length=50, blank=True)
    unit_code = models.CharField(_("unit"), max_length=100, blank=True)
    text = models.TextField(_("text"))
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=DeliveryStatus.choices,
        default=DeliveryStatus.PENDING,
    )
    skip_reason = models.CharField(
        _("why not sent"), max_length=10, choices=SkipReason.choices, blank=True
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    last_error = models.CharField(_("error"), max_length=200, blank=True)
    provider_ref = models.CharField(_("provider's id"), max_length=64, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("delivery log")
        ordering = ["campaign", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "phone"], name="community_delivery_once_per_phone"
            )
        ]
        indexes = [models.Index(fields=["campaign", "status"])]

    def __str__(self):
        return f"{self.name} {self.phone}"

    def get_absolute_url(self):
        return reverse("community:campaign_log", args=[self.campaign_id]) + f"?phone={self.phone}"

    @property
    def badge(self) -> str:
        return DELIVERY_BADGES[DeliveryStatus(self.status)]
