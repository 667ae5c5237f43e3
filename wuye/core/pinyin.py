"""Pinyin for searching Chinese names: 张三 → ("zhangsan", "zs")."""

from functools import lru_cache

from pypinyin import lazy_pinyin


# Names repeat (a 20,000-row import holds a few thousand distinct ones) and pypinyin's phrase
# segmentation costs more than the rest of saving a person: remember recent results.
@lru_cache(maxsize=32768)
def pinyin_and_initials(text: str) -> tuple[str, str]:
    """Full pinyin and initials, lower-case ASCII; non-Chinese characters are kept as they are."""
    text = (text or "").strip()
    if not text:
        return "", ""
    # pypinyin's FIRST_LETTER style is the first letter of each NORMAL syllable (and keeps a
    # non-Chinese run as it is in both), so one conversion gives both.
    parts = lazy_pinyin(text, errors="default")
    full = "".join(parts).lower().replace(" ", "")
    initials = "".join(p[:1] for p in parts)
    return full[:200], initials.lower().replace(" ", "")[:50]
