"""QR codes as inline SVG (pages and PDFs alike: no image files, no network)."""

import segno
from django.utils.safestring import SafeString, mark_safe


def qr_svg(text: str, *, scale: int = 4) -> SafeString:
    """The QR code of `text` as an <svg> element to put in a page or a PDF template."""
    # segno writes the SVG itself from the code's modules: nothing of `text` is in the markup.
    return mark_safe(segno.make(text, error="m").svg_inline(scale=scale, title=None))  # noqa: S308
