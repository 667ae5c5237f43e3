"""Pinyin for searching Chinese names: 张三 → ("zhangsan", "zs")."""

from pypinyin import Style, lazy_pinyin


def pinyin_and_initials(text: str) -> tuple[str, str]:
    """Full pinyin and initials, lower-case ASCII; non-Chinese characters are kept as they are."""
    text = (text or "").strip()
    if not text:
        return "", ""
    full = "".join(lazy_pinyin(text, errors="default")).lower().replace(" ", "")
    initials = "".join(p[:1] for p in lazy_pinyin(text, style=Style.FIRST_LETTER, errors="default"))
    return full[:200], initials.lower().replace(" ", "")[:50]
