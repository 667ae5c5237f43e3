"""Text clean-up for what people type or paste: full-width characters, stray spaces."""

import unicodedata

_SPACES = {"\u3000", "\xa0", "\u2002", "\u2003", "\u2009", "\u200b", "\ufeff"}


def normalize(value) -> str:
    """Full-width letters and digits to ASCII (NFKC), odd spaces to none, ends trimmed."""
    if value is None:
        return ""
    text = str(value)
    text = "".join(" " if ch in _SPACES else ch for ch in text)
    text = unicodedata.normalize("NFKC", text)
    return text.strip()
