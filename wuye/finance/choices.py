from django.db import models
from django.utils.translation import gettext_lazy as _


class SealKind(models.TextChoices):
    OFFICIAL = "official", _("Official seal (公章)")
    FINANCE = "finance", _("Finance seal")
    CONTRACT = "contract", _("Contract seal")
    INVOICE = "invoice", _("Invoice seal")
    LEGAL = "legal", _("Legal representative's seal")
    OTHER = "other", _("Other seal")


class BookKind(models.TextChoices):
    RECEIPT = "receipt", _("Receipt book")
    CHEQUE = "cheque", _("Cheque book")


class BookStatus(models.TextChoices):
    IN_STOCK = "in_stock", _("In the safe")
    ISSUED = "issued", _("Issued")
    RETURNED = "returned", _("Returned")


BOOK_BADGES = {
    BookStatus.IN_STOCK: "bg-secondary-lt",
    BookStatus.ISSUED: "bg-green-lt",
    BookStatus.RETURNED: "bg-blue-lt",
}


class NumberStatus(models.TextChoices):
    USED = "used", _("Used")
    VOIDED = "voided", _("Voided")


class BookAction(models.TextChoices):
    ISSUE = "issue", _("Issue to a person")
    RECORD = "record_number", _("Record a number")
    RETURN = "return_book", _("Take the book back")


class MonthStatus(models.TextChoices):
    CLOSED = "closed", _("Books closed")
    REOPENED = "reopened", _("Reopened")


MONTH_BADGES = {MonthStatus.CLOSED: "bg-green-lt", MonthStatus.REOPENED: "bg-orange-lt"}
