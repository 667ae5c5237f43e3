from .budgets import Budget, BudgetLine
from .cash import CashLimitBreach, FinanceSettings, FundAccount, JournalEntry, PettyAdvance
from .claims import ClaimDocument, ClaimLine, ExpenseCategory, ExpenseClaim
from .closing import MonthClose
from .registers import BookNumber, NumberedBook, Seal, SealUse

__all__ = [
    "BookNumber",
    "Budget",
    "BudgetLine",
    "CashLimitBreach",
    "ClaimDocument",
    "ClaimLine",
    "ExpenseCategory",
    "ExpenseClaim",
    "FinanceSettings",
    "FundAccount",
    "JournalEntry",
    "MonthClose",
    "NumberedBook",
    "PettyAdvance",
    "Seal",
    "SealUse",
]
