"""The actions on a receipt or cheque book, each declared once for the page and the API."""

from django.utils.translation import gettext_lazy as _

from wuye.core.commands import Command, Commands

from . import forms
from .choices import BookAction
from .models import NumberedBook
from .services import registers

BOOK_COMMANDS = Commands(
    NumberedBook,
    (
        Command(
            name=BookAction.ISSUE,
            form=forms.IssueBookForm,
            permission="finance.book.change",
            run=registers.issue_book,
            done=_("Issued."),
            api_doc="Issue the book from the safe to `holder` on `issued_on`.",
        ),
        Command(
            name=BookAction.RECORD,
            form=forms.RecordNumberForm,
            permission="finance.book.change",
            run=registers.record_number,
            done=_("Number %(number)s recorded."),
            done_values=lambda book, entry: {"number": f"{book.series}{entry.number}"},
            api_path="record-number",
            api_doc="Record one `number` as `used` (with `amount`, `party`) or `voided` (with "
            "the `note` why); each number once.",
        ),
        Command(
            name=BookAction.RETURN,
            form=forms.ReturnBookForm,
            permission="finance.book.change",
            run=registers.return_book,
            done=_("Taken back; %(count)d numbers were never recorded."),
            done_values=lambda book, missing: {"count": len(missing)},
            api_path="return",
            api_doc="The holder hands the book back on `returned_on`; the numbers never "
            "recorded are its gaps.",
        ),
    ),
)
