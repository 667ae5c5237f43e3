"""The actions on a receipt or cheque book, each declared once for the page and the API."""

from django.utils.translation import gettext_lazy as _

from wuye.core.commands import Command, Commands

from . import forms
from .choices import (
    AccountAction,
    AdvanceAction,
    AssetAction,
    BookAction,
    BudgetAction,
    ClaimAction,
    ContractAction,
    DisclosureAction,
    EntryAction,
    InstalmentAction,
    InvoiceAction,
    StocktakeAction,
)
from .models import (
    Budget,
    Contract,
    ContractInstalment,
    Disclosure,
    ExpenseClaim,
    FixedAsset,
    FundAccount,
    Invoice,
    JournalEntry,
    NumberedBook,
    PettyAdvance,
    Stocktake,
)
from .services import (
    assets,
    budgets,
    cash,
    claims,
    contracts,
    disclosure,
    invoices,
    registers,
)

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
            permission="finance.advance.change",
            run=cash.settle_advance,
            done=_("Settled."),
            api_doc="Settle with what was `spent` (receipts) on `settled_on`: the rest comes "
            "back into the float, or the float pays what was laid out over the advance.",
        ),
    ),
)


CLAIM_COMMANDS = Commands(
    ExpenseClaim,
    (
        Command(
            name=ClaimAction.ADD_LINE,
            form=forms.ClaimLineForm,
            permission="finance.claim.change",
            run=claims.add_line,
            done=_("Line added."),
            api_path="add-line",
            api_doc="The claimant adds a line (category, amount, invoice type and number — an "
            "invoice is claimed once) while the claim is a draft or returned.",
        ),
        Command(
            name=ClaimAction.REMOVE_LINE,
            form=forms.RemoveLineForm,
            permission="finance.claim.change",
            run=claims.remove_line,
            done=_("Line removed."),
            api_path="remove-line",
            api_doc="The claimant removes the line `line` (its id) while the claim is open.",
        ),
        Command(
            name=ClaimAction.ATTACH,
            form=forms.AttachForm,
            permission="finance.claim.change",
            run=claims.attach,
            done=_("Documents attached."),
            api_doc="multipart: `kind` (a checklist item or 其他) and `uploads` (PDF or pictures, "
            "checked by their content).",
        ),
        Command(
            name=ClaimAction.SUBMIT,
            permission="finance.claim.change",
            run=claims.submit_claim,
            done=_("Submitted to finance."),
            api_doc="The claimant submits the claim (again, once completed) for finance's review.",
        ),
        Command(
            name=ClaimAction.REVIEW,
            form=forms.ReviewClaimForm,
            permission="finance.claim.review",
            run=claims.review_claim,
            done=_("Reviewed."),
            api_doc="Finance's pre-review: the checklist's documents not handed in, with those "
            "ticked in `missing_items`, return the claim naming them; none, it goes to the "
            "manager.",
        ),
        Command(
            name=ClaimAction.APPROVE,
            permission="finance.claim.approve",
            run=claims.approve_claim,
            done=_("Approved."),
            api_doc="The manager approves a reviewed claim (not his own); above the set amount "
            "it waits for the company.",
        ),
        Command(
            name=ClaimAction.COMPANY_APPROVE,
            permission="finance.claim.company",
            run=claims.company_approve_claim,
            done=_("Approved for the company."),
            api_path="company-approve",
            api_doc="A company administrator approves a claim above the service center's amount.",
        ),
        Command(
            name=ClaimAction.REJECT,
            form=forms.RejectClaimForm,
            run=claims.reject_claim,
            done=_("Rejected."),
            api_doc="Finance (before approval), the manager or the company rejects the claim for "
            "good, with the `reason`.",
        ),
        Command(
            name=ClaimAction.PAY,
            form=forms.PayClaimForm,
            permission="finance.claim.pay",
            run=claims.pay_claim,
            done=_("Paid."),
            api_doc="Finance pays an approved claim from `account` (petty cash or a bank) on "
            "`date`; the journal entry is made.",
        ),
    ),
)


BUDGET_COMMANDS = Commands(
    Budget,
    (
        Command(
            name=BudgetAction.IMPORT,
            form=forms.ImportBudgetForm,
            permission="finance.budget.change",
            run=budgets.import_budget,
            done=_("The draft is filled in from the workbook."),
            api_path="import",
            api_doc="multipart `file`: the workbook (类型, 项目, 1月…12月, 全年合计) replaces the "
            "draft's lines, all or nothing; every wrong row is named.",
        ),
        Command(
            name=BudgetAction.APPROVE,
            permission="finance.budget.approve",
            run=budgets.approve_budget,
            done=_("The budget is in force."),
            api_doc="The manager puts the draft in force; the version it replaces is kept.",
        ),
        Command(
            name=BudgetAction.REVISE,
            permission="finance.budget.change",
            run=budgets.revise_budget,
            done=_("A revision is started."),
            opens_result=True,
            api_doc="A new draft version copied from the budget in force.",
        ),
    ),
)


CONTRACT_COMMANDS = Commands(
    Contract,
    (
        Command(
            name=ContractAction.ATTACH,
            form=forms.ContractDocumentForm,
            permission="finance.contract.change",
            run=contracts.attach_documents,
            done=_("Documents attached."),
            api_doc="multipart: `title` (合同正本, 补充协议…) and `uploads` (PDF or pictures, "
            "checked by their content); kept with the contract, never replaced.",
        ),
        Command(
            name=ContractAction.TERMINATE,
            form=forms.TerminateContractForm,
            permission="finance.contract.change",
            run=contracts.terminate_contract,
            done=_("Terminated; the instalments after that day are cancelled."),
            api_doc="End the contract on `terminated_on` with the `reason`; the instalments due "
            "after it are cancelled.",
        ),
        Command(
            name=ContractAction.RENEW,
            form=forms.RenewContractForm,
            permission="finance.contract.change",
            run=contracts.renew_contract,
            done=_("Renewed."),
            opens_result=True,
            api_doc="The next contract from the day after this one ends, to `ends_on`, with its "
            "`amount` and `schedule`.",
        ),
    ),
)

INSTALMENT_COMMANDS = Commands(
    ContractInstalment,
    (
        Command(
            name=InstalmentAction.SETTLE,
            form=forms.SettleInstalmentForm,
            permission="finance.contract.change",
            run=contracts.settle_instalment,
            done=_("Entered in the journal."),
            api_doc="Receive (income contract) or pay (expense contract) the instalment through "
            "`account` on `date`: one journal entry.",
        ),
    ),
)


ASSET_COMMANDS = Commands(
    FixedAsset,
    (
        Command(
            name=AssetAction.TRANSFER,
            form=forms.TransferAssetForm,
            permission="finance.asset.change",
            run=assets.transfer_asset,
            done=_("Moved; the transfer is recorded."),
            api_doc="Move the asset (building, room, facility, custodian) on `moved_on`; the "
            "transfer is kept.",
        ),
        Command(
            name=AssetAction.DISPOSE,
            form=forms.DisposeAssetForm,
            permission="finance.asset.change",
            run=assets.dispose_asset,
            done=_("Disposed of; depreciated through this month."),
            api_doc="Dispose of the asset on `disposed_on`, saying how; it is depreciated "
            "through that month.",
        ),
    ),
)

STOCKTAKE_COMMANDS = Commands(
    Stocktake,
    (
        Command(
            name=StocktakeAction.CHECK,
            form=forms.CheckAssetForm,
            permission="finance.stocktake.change",
            run=assets.check_asset,
            done=_("%(tag)s: %(result)s."),
            done_values=lambda stocktake, item: {
                "tag": item.asset.tag,
                "result": item.get_result_display(),
            },
            api_doc="One asset by its `tag`: `found`, `missing` or `damaged` (again replaces).",
        ),
        Command(
            name=StocktakeAction.CLOSE,
            permission="finance.stocktake.change",
            run=assets.close_stocktake,
            done=_("Closed; every asset not seen is entered as missing."),
            api_doc="Close the stocktake: the assets in use not checked are entered missing.",
        ),
    ),
)


DISCLOSURE_COMMANDS = Commands(
    Disclosure,
    (
        Command(
            name=DisclosureAction.PUBLISH,
            permission="finance.disclosure.publish",
            run=disclosure.publish_disclosure,
            done=_("Published; the notice no longer changes."),
            api_doc="The manager (not who drafted it) approves the draft: its figures are frozen "
            "and it is published.",
        ),
    ),
)


INVOICE_COMMANDS = Commands(
    Invoice,
    (
        Command(
            name=InvoiceAction.RETRY,
            permission="finance.invoice.issue",
            run=invoices.retry_invoice,
            done=_("Sent to the tax system again."),
            api_doc="Ask the tax system again, with the same request number: an invoice it did "
            "not answer for, or a red-letter invoice it refused.",
        ),
        Command(
            name=InvoiceAction.REVERSE,
            form=forms.ReverseInvoiceForm,
            permission="finance.invoice.reverse",
            run=invoices.reverse_invoice,
            done=_("Red-letter invoice requested."),
            opens_result=True,
            api_doc="Reverse the issued invoice in full by a red-letter invoice (红字发票), with "
            "the `reason`; its payments can be invoiced again once the red-letter one is issued.",
        ),
    ),
)
