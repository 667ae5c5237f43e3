from .closing import MonthClose
from .registers import BookNumber, NumberedBook, Seal, SealUse

__all__ = ["BookNumber", "MonthClose", "NumberedBook", "Seal", "SealUse"]
