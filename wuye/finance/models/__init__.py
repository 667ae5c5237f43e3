from .registers import BookNumber, NumberedBook, Seal, SealUse

__all__ = ["BookNumber", "NumberedBook", "Seal", "SealUse"]
