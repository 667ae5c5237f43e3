"""PDF documents (receipts, notices, reports) from HTML templates with WeasyPrint.

Chinese text needs a CJK font installed on the server (Debian: fonts-noto-cjk); the templates
ask for Noto Sans CJK SC and fall back to any CJK font fontconfig knows.
"""

from urllib.parse import quote

from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import HttpResponse
from django.template.loader import render_to_string


def _fetch_static(url):
    """Serve /static/… from disk to WeasyPrint; nothing is fetched over the network."""
    from weasyprint import default_url_fetcher

    if url.startswith(("file://", "data:")):
        return default_url_fetcher(url)
    if url.startswith(settings.STATIC_URL) or "/static/" in url:
        path = url.split("/static/", 1)[1].split("?")[0]
        found = finders.find(path)
        if found:
            return default_url_fetcher(f"file://{found}")
    raise ValueError(f"PDF resources come from static files only, not {url}")


_FONT_CONFIG = None


def render_pdf(template: str, context: dict, *, request=None) -> bytes:
    from weasyprint import HTML
    from weasyprint.text.fonts import FontConfiguration

    global _FONT_CONFIG
    if _FONT_CONFIG is None:
        _FONT_CONFIG = FontConfiguration()  # fontconfig's scan is shared between documents
    html = render_to_string(template, context, request=request)
    return HTML(string=html, base_url="/", url_fetcher=_fetch_static).write_pdf(
        font_config=_FONT_CONFIG
    )


def pdf_response(data: bytes, filename: str, *, inline=True) -> HttpResponse:
    response = HttpResponse(data, content_type="application/pdf")
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = (
        f"{disposition}; filename=\"document.pdf\"; filename*=UTF-8''{quote(filename)}"
    )
    return response
