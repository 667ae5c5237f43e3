from .cash import CashLimitBreach, FinanceSettings, FundAccount, JournalEntry, PettyAdvance
from .closing import MonthClose
from .registers import BookNumber, NumberedBook, Seal, SealUse

__all__ = [
    "BookNumber",
    "CashLimitBreach",
    "FinanceSettings",
    "FundAccount",
    "JournalEntry",
    "MonthClose",
    "NumberedBook",
    "PettyAdvance",
    "Seal",
    "SealUse",
]
