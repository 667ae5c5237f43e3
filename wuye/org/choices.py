from django.db import models
from django.utils.translation import gettext_lazy as _

from wuye.core.roles import CompanyRole, Post  # noqa: F401  (re-exported for org code)


class ServiceGrade(models.TextChoices):
    """National property service grade of a community; it sets default time limits."""

    FIRST = "1", _("Grade 1")
    SECOND = "2", _("Grade 2")
    THIRD = "3", _("Grade 3")


class DepartmentKind(models.TextChoices):
    CUSTOMER_SERVICE = "CS", _("Customer service")
    ENGINEERING = "ENG", _("Engineering")
    SECURITY = "SEC", _("Order maintenance")
    CLEANING = "CLN", _("Cleaning")
    GREENING = "GRN", _("Greening")
    FINANCE = "FIN", _("Finance")
    QUALITY = "QC", _("Quality")
    GENERAL = "GEN", _("General affairs")


class DelegationState(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    ACTIVE = "active", _("In effect")
    EXPIRED = "expired", _("Expired")
    REVOKED = "revoked", _("Revoked")


DELEGATION_BADGES = {
    DelegationState.SCHEDULED: "bg-blue-lt",
    DelegationState.ACTIVE: "bg-green-lt",
    DelegationState.EXPIRED: "bg-secondary-lt",
    DelegationState.REVOKED: "bg-red-lt",
}
