"""Finance on the home page: last month not yet closed (FIN-06), receipt and cheque books with
numbers missing (FIN-10), invoices the tax system refused or has not answered (FIN-07)."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from .choices import MonthStatus
from .models import ContractInstalment, MonthClose, NumberedBook
from .services import invoice_reports
from .services.cash import cash_on_hand, open_breach, settings_for
from .services.claims import waiting_for
from .services.contracts import overdue
from .services.ledger import previous_month
from .services.registers import books_with_gaps


def home_cards(access):
    cards = []
    if access.has("finance.settings.change"):  # the finance office and the manager
        breach = open_breach(access.community)
        if breach is not None:
            cards.append(
                {
                    "label": _("Cash on hand over the limit of %(limit)s: to the bank today")
                    % {"limit": settings_for(access.community).cash_limit},
                    "value": cash_on_hand(access.community),
                    "url": reverse("finance:cashlimitbreach_list"),
                    "icon": "ti-alert-triangle",
                }
            )
    if access.has("finance.claim.view_all"):
        words = {
            "review": (_("Expense claims to review"), "submitted"),
            "approve": (_("Expense claims to approve"), "reviewed"),
            "pay": (_("Expense claims to pay"), "approved"),
        }
        for key, count in waiting_for(access).items():
            if count:
                label, status = words[key]
                cards.append(
                    {
                        "label": label,
                        "value": count,
                        "url": f"{reverse('finance:expenseclaim_list')}?status={status}",
                        "icon": "ti-receipt",
                    }
                )
    waiting = invoice_reports.waiting(access)
    if waiting.get("refused"):
        cards.append(
            {
                "label": _("Invoices refused by the tax system"),
                "value": waiting["refused"],
                "url": f"{reverse('finance:invoice_list')}?status=failed",
                "icon": "ti-file-alert",
            }
        )
    if waiting.get("stuck"):
        cards.append(
            {
                "label": _("Invoices not answered by the tax system"),
                "value": waiting["stuck"],
                "url": f"{reverse('finance:invoice_list')}?status=requested",
                "icon": "ti-file-time",
            }
        )
    if access.has("finance.contract.change"):
        late = overdue(ContractInstalment.objects.for_access(access), timezone.localdate()).count()
        if late:
            cards.append(
                {
                    "label": _("Contract instalments overdue"),
                    "value": late,
                    "url": f"{reverse('finance:contractinstalment_list')}?when=overdue",
                    "icon": "ti-calendar-due",
                }
            )
    if access.has("finance.ledger.close"):
        last = previous_month(timezone.localdate())
        closed = (
            MonthClose.objects.for_access(access)
            .filter(month=last, status=MonthStatus.CLOSED)
            .exists()
        )
        if not closed:
            cards.append(
                {
                    "label": _("Last month not yet closed"),
                    "value": f"{last:%Y-%m}",
                    "url": reverse("finance:ledger", args=[last.year, last.month]),
                    "icon": "ti-lock-open",
                }
            )
    if access.has("finance.book.view"):
        gapped = books_with_gaps(NumberedBook.objects.for_access(access)).count()
        if gapped:
            cards.append(
                {
                    "label": _("Receipt and cheque books with numbers missing"),
                    "value": gapped,
                    "url": f"{reverse('finance:numberedbook_list')}?with_gaps=true",
                    "icon": "ti-notebook",
                }
            )
    return cards
