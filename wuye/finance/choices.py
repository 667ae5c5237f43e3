from decimal import Decimal

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


class AccountKind(models.TextChoices):
    CASH = "cash", _("Cash on hand (counter takings)")
    PETTY = "petty", _("Petty cash (备用金)")
    BANK = "bank", _("Bank account")


# The cash the community holds (the 库存现金 limit counts both).
CASH_KINDS = (AccountKind.CASH, AccountKind.PETTY)


class EntryKind(models.TextChoices):
    CLOSING = "closing", _("Counter takings of a closed day")
    DEPOSIT = "deposit", _("Cash handed to the bank")
    TRANSFER = "transfer", _("Transfer between accounts")
    INCOME = "income", _("Other income")
    EXPENSE = "expense", _("Expense paid")
    ADVANCE = "advance", _("Advance to staff (借支)")
    ADVANCE_RETURN = "advance_return", _("Advance settled, cash returned")
    BANK_CHARGE = "bank_charge", _("Bank charges and interest")
    REVERSAL = "reversal", _("Reversal (冲销)")


# What FIN enters by hand; the rest are written by the services (closings, deposits,
# transfers, advances, reversals).
MANUAL_KINDS = (EntryKind.INCOME, EntryKind.EXPENSE, EntryKind.BANK_CHARGE)


class Direction(models.TextChoices):
    IN = "in", _("Money in")
    OUT = "out", _("Money out")


class AdvanceStatus(models.TextChoices):
    OUTSTANDING = "outstanding", _("Outstanding")
    SETTLED = "settled", _("Settled (advance)")


ADVANCE_BADGES = {AdvanceStatus.OUTSTANDING: "bg-orange-lt", AdvanceStatus.SETTLED: "bg-green-lt"}


class AccountAction(models.TextChoices):
    TRANSFER = "transfer", _("Transfer to another account")


class EntryAction(models.TextChoices):
    REVERSE = "reverse", _("Reverse this entry")


class AdvanceAction(models.TextChoices):
    SETTLE = "settle", _("Settle the advance")


class ClaimStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted for review")
    RETURNED = "returned", _("Returned for documents")
    REVIEWED = "reviewed", _("Reviewed by finance")
    AWAITING_COMPANY = "awaiting_company", _("Awaiting the company's approval")
    APPROVED = "approved", _("Approved, to be paid")
    PAID = "paid", _("Paid")
    REJECTED = "rejected", _("Rejected")


CLAIM_BADGES = {
    ClaimStatus.DRAFT: "bg-secondary-lt",
    ClaimStatus.SUBMITTED: "bg-blue-lt",
    ClaimStatus.RETURNED: "bg-orange-lt",
    ClaimStatus.REVIEWED: "bg-cyan-lt",
    ClaimStatus.AWAITING_COMPANY: "bg-purple-lt",
    ClaimStatus.APPROVED: "bg-teal-lt",
    ClaimStatus.PAID: "bg-green-lt",
    ClaimStatus.REJECTED: "bg-red-lt",
}

# While the claimant may still change what the claim holds.
CLAIM_EDITABLE = (ClaimStatus.DRAFT, ClaimStatus.RETURNED)


class InvoiceType(models.TextChoices):
    VAT_SPECIAL = "vat_special", _("VAT special invoice (专票)")
    VAT_ORDINARY = "vat_ordinary", _("VAT ordinary invoice (普票)")
    DIGITAL = "digital", _("Fully digital invoice (数电票)")
    RECEIPT = "receipt", _("Receipt or other voucher (no invoice)")


class ClaimAction(models.TextChoices):
    ADD_LINE = "add_line", _("Add a line")
    REMOVE_LINE = "remove_line", _("Remove a line")
    ATTACH = "attach", _("Attach documents")
    SUBMIT = "submit", _("Submit")
    REVIEW = "review", _("Pre-review")
    APPROVE = "approve", _("Approve")
    COMPANY_APPROVE = "company_approve", _("Approve for the company")
    REJECT = "reject", _("Reject")
    PAY = "pay", _("Pay")


class BudgetStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    APPROVED = "approved", _("Approved (in force)")
    SUPERSEDED = "superseded", _("Superseded by a revision")


BUDGET_BADGES = {
    BudgetStatus.DRAFT: "bg-secondary-lt",
    BudgetStatus.APPROVED: "bg-green-lt",
    BudgetStatus.SUPERSEDED: "bg-muted-lt",
}


class BudgetKind(models.TextChoices):
    INCOME = "income", _("Income")
    EXPENSE = "expense", _("Expense")


class BudgetAction(models.TextChoices):
    IMPORT = "import_excel", _("Import from Excel")
    APPROVE = "approve", _("Approve")
    REVISE = "revise", _("Start a revision")


class ContractKind(models.TextChoices):
    INCOME = "income", _("Income contract")
    EXPENSE = "expense", _("Expense contract")


class ContractCategory(models.TextChoices):
    ADVERTISING = "advertising", _("Advertising")
    SPACE_LEASE = "space_lease", _("Space lease")
    PARKING_LEASE = "parking_lease", _("Parking lease")
    COMMON_USE = "common_use", _("Use of common areas")
    CLEANING = "cleaning", _("Cleaning (subcontracted)")
    SECURITY = "security", _("Security (subcontracted)")
    ELEVATOR = "elevator", _("Elevator maintenance")
    GREENING = "greening", _("Greening (subcontracted)")
    OTHER_SERVICE = "other_service", _("Other services")


INCOME_CATEGORIES = (
    ContractCategory.ADVERTISING,
    ContractCategory.SPACE_LEASE,
    ContractCategory.PARKING_LEASE,
    ContractCategory.COMMON_USE,
)


class ContractStatus(models.TextChoices):
    ACTIVE = "active", _("In force")
    TERMINATED = "terminated", _("Terminated")
    RENEWED = "renewed", _("Renewed (followed by its renewal)")


CONTRACT_BADGES = {
    ContractStatus.ACTIVE: "bg-green-lt",
    ContractStatus.TERMINATED: "bg-red-lt",
    ContractStatus.RENEWED: "bg-blue-lt",
}


class PaymentSchedule(models.TextChoices):
    ONCE = "once", _("Once, at the start")
    MONTHLY = "monthly", _("Monthly")
    QUARTERLY = "quarterly", _("Quarterly")
    HALF_YEARLY = "half_yearly", _("Half-yearly")
    YEARLY = "yearly", _("Yearly")


SCHEDULE_MONTHS = {
    PaymentSchedule.MONTHLY: 1,
    PaymentSchedule.QUARTERLY: 3,
    PaymentSchedule.HALF_YEARLY: 6,
    PaymentSchedule.YEARLY: 12,
}


class InstalmentStatus(models.TextChoices):
    PENDING = "pending", _("Due")
    SETTLED = "settled", _("Received or paid")
    CANCELLED = "cancelled", _("Cancelled with the contract")


class ContractAction(models.TextChoices):
    ATTACH = "attach", _("Attach documents")
    TERMINATE = "terminate", _("Terminate")
    RENEW = "renew", _("Renew")


class InstalmentAction(models.TextChoices):
    SETTLE = "settle", _("Receive or pay")


class AssetCategory(models.TextChoices):
    BUILDING_EQUIPMENT = "equipment", _("Building equipment")
    MACHINERY = "machinery", _("Machinery and tools")
    VEHICLE = "vehicle", _("Vehicles")
    ELECTRONICS = "electronics", _("Electronics and office equipment")
    FURNITURE = "furniture", _("Furniture")
    OTHER = "other", _("Other assets")


class AssetStatus(models.TextChoices):
    IN_USE = "in_use", _("In use")
    DISPOSED = "disposed", _("Disposed of")


class StocktakeResult(models.TextChoices):
    FOUND = "found", _("Found")
    MISSING = "missing", _("Missing")
    DAMAGED = "damaged", _("Damaged")


class AssetAction(models.TextChoices):
    TRANSFER = "transfer", _("Transfer")
    DISPOSE = "dispose", _("Dispose of")


class StocktakeAction(models.TextChoices):
    CHECK = "check", _("Check an asset")
    CLOSE = "close", _("Close the stocktake")


class DisclosureStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class DisclosureAction(models.TextChoices):
    PUBLISH = "publish", _("Approve and publish")


# --- Invoices 发票 (FIN-07) -------------------------------------------------------------------


class TaxpayerKind(models.TextChoices):
    GENERAL = "general", _("General VAT taxpayer (一般纳税人)")
    SMALL = "small", _("Small-scale taxpayer (小规模纳税人)")


class BuyerKind(models.TextChoices):
    PERSON = "person", _("Individual (个人)")
    COMPANY = "company", _("Company or organisation (单位)")


class InvoiceClass(models.TextChoices):
    """The fully digital invoice's two kinds (数电票)."""

    ORDINARY = "ordinary", _("Digital ordinary invoice (数电普票)")
    SPECIAL = "special", _("Digital VAT special invoice (数电专票)")


class InvoiceKind(models.TextChoices):
    BLUE = "blue", _("Blue (issued)")
    RED = "red", _("Red-letter (reversal)")


class InvoiceStatus(models.TextChoices):
    REQUESTED = "requested", _("Being issued")
    ISSUED = "issued", _("Issued (invoice)")
    FAILED = "failed", _("Refused by the tax system")
    REVERSED = "reversed", _("Reversed (red-letter)")


INVOICE_BADGES = {
    InvoiceStatus.REQUESTED: "bg-yellow-lt",
    InvoiceStatus.ISSUED: "bg-green-lt",
    InvoiceStatus.FAILED: "bg-red-lt",
    InvoiceStatus.REVERSED: "bg-secondary-lt",
}

# VAT rates and levy rates a property service center's invoices use (税率/征收率).
TAX_RATES = [
    (Decimal("0.13"), "13%"),
    (Decimal("0.09"), "9%"),
    (Decimal("0.06"), "6%"),
    (Decimal("0.05"), "5%"),
    (Decimal("0.03"), "3%"),
    (Decimal("0.01"), "1%"),
    (Decimal("0.00"), "0%"),
]


class InvoiceAction(models.TextChoices):
    RETRY = "retry", _("Send again")
    REVERSE = "reverse", _("Reverse with a red-letter invoice")
