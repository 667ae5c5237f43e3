"""Text clean-up for what people type or paste: full-width characters, stray spaces."""

# Full-width ASCII (Ｕ+FF01–FF5E) → ASCII, except the punctuation Chinese text uses as its own
# （，：；！？） — “一区（东）” must stay as typed, while “１３８…” and “Ａ座” become 138…/A座.
_KEEP = {"！", "（", "）", "，", "：", "；", "？"}
_TABLE: dict[int, int | None] = {
    code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F) if chr(code) not in _KEEP
}
_TABLE.update({0x3000: 0x20, 0xA0: 0x20, 0x2002: 0x20, 0x2003: 0x20, 0x2009: 0x20})
_TABLE.update({0x200B: None, 0xFEFF: None})


def normalize(value) -> str:
    """Full-width digits and letters to ASCII, odd spaces to plain ones, ends trimmed."""
    if value is None:
        return ""
    return str(value).translate(_TABLE).strip()
