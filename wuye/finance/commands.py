"""The actions on a receipt or cheque book, each declared once for the page and the API."""

from django.utils.translation import gettext_lazy as _

from wuye.core.commands import Command, Commands

from . import forms
from .choices import AccountAction, AdvanceAction, BookAction, EntryAction
from .models import FundAccount, JournalEntry, NumberedBook, PettyAdvance
from .services import cash, registers

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


ACCOUNT_COMMANDS = Commands(
    FundAccount,
    (
        Command(
            name=AccountAction.TRANSFER,
            form=forms.TransferForm,
            permission="finance.journal.change",
            run=cash.transfer,
            done=_("Moved; voucher %(voucher)s."),
            done_values=lambda account, entry: {"voucher": entry.voucher_no},
            api_doc="Move `amount` on `date` to `to_account` (cash on hand only to a bank: "
            "a deposit); two entries, each the other's leg.",
        ),
    ),
)

ENTRY_COMMANDS = Commands(
    JournalEntry,
    (
        Command(
            name=EntryAction.REVERSE,
            form=forms.ReverseEntryForm,
            permission="finance.journal.change",
            run=cash.reverse_entry,
            done=_("Reversed by voucher %(voucher)s."),
            done_values=lambda entry, reversal: {"voucher": reversal.voucher_no},
            api_doc="Reverse the entry today with its opposite (both legs of a transfer), "
            "giving the `reason`; never edited or deleted.",
        ),
    ),
)

ADVANCE_COMMANDS = Commands(
    PettyAdvance,
    (
        Command(
            name=AdvanceAction.SETTLE,
            form=forms.SettleAdvanceForm,
            permission="finance.journal.change",
            run=cash.settle_advance,
            done=_("Settled."),
            api_doc="Settle with what was `spent` (receipts) on `settled_on`: the rest comes "
            "back into the float, or the float pays what was laid out over the advance.",
        ),
    ),
)
