"""Finance on the home page: receipt and cheque books with numbers missing (FIN-10)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from .models import NumberedBook
from .services.registers import books_with_gaps


def home_cards(access):
    cards = []
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
