from .assets import AssetTransfer, FixedAsset, Stocktake, StocktakeItem
from .budgets import Budget, BudgetLine
from .cash import CashLimitBreach, FinanceSettings, FundAccount, JournalEntry, PettyAdvance
from .claims import ClaimDocument, ClaimLine, ExpenseCategory, ExpenseClaim
from .closing import MonthClose
from .contracts import Contract, ContractDocument, ContractInstalment
from .disclosure import Disclosure
from .invoices import Invoice, InvoiceLine, InvoicePayment, InvoiceRate, InvoiceSettings
from .registers import BookNumber, NumberedBook, Seal, SealUse

__all__ = [
    "AssetTransfer",
    "FixedAsset",
    "Stocktake",
    "StocktakeItem",
    "BookNumber",
    "Budget",
    "BudgetLine",
    "CashLimitBreach",
    "ClaimDocument",
    "ClaimLine",
    "Contract",
    "ContractDocument",
    "ContractInstalment",
    "Disclosure",
    "ExpenseCategory",
    "ExpenseClaim",
    "FinanceSettings",
    "FundAccount",
    "Invoice",
    "InvoiceLine",
    "InvoicePayment",
    "InvoiceRate",
    "InvoiceSettings",
    "JournalEntry",
    "MonthClose",
    "NumberedBook",
    "PettyAdvance",
    "Seal",
    "SealUse",
]
