"""Outside bodies the center works with, and the log of contacts with them."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wuye.core.models import ScopedModel

from ..choices import ContactKind, LiaisonChannel


class ExternalContact(ScopedModel):
    """An outside body the center works with (房管局、居委会、派出所、utilities…)."""

    organization = models.CharField(_("organization"), max_length=100)
    kind = models.CharField(_("kind"), max_length=12, choices=ContactKind.choices)
    contact_name = models.CharField(_("contact person"), max_length=50, blank=True)
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("external contact")
        verbose_name_plural = _("external contacts")
        ordering = ["community_id", "kind", "organization"]
        constraints = [
            models.UniqueConstraint(
                fields=["community", "organization", "contact_name"], name="estate_contact_unique"
            )
        ]

    def __str__(self):
        return f"{self.organization} {self.contact_name}".strip()

    def get_absolute_url(self):
        return reverse("estate:externalcontact_detail", args=[self.pk])


class LiaisonLog(ScopedModel):
    """One contact with an outside body: when, how, about what, and what follows (MGR-9)."""

    contact = models.ForeignKey(
        ExternalContact,
        verbose_name=_("external contact"),
        on_delete=models.PROTECT,
        related_name="liaisons",
    )
    date = models.DateField(_("date"), default=timezone.localdate)
    channel = models.CharField(
        _("channel"), max_length=10, choices=LiaisonChannel.choices, default=LiaisonChannel.PHONE
    )
    subject = models.CharField(_("subject"), max_length=100)
    content = models.TextField(_("content"), blank=True)
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handled by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    follow_up = models.CharField(_("follow-up"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("liaison record")
        verbose_name_plural = _("liaison log")
        ordering = ["-date", "-id"]

    def __str__(self):
        return f"{self.date} {self.subject}"

    def get_absolute_url(self):
        return reverse("estate:liaisonlog_detail", args=[self.pk])
