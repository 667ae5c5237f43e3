"""PDF documents (receipts, notices, reports) from HTML templates with WeasyPrint.

Chinese text needs a CJK font installed on the server (Debian: fonts-noto-cjk); the templates
ask for Noto Sans CJK SC and fall back to any CJK font fontconfig knows.
"""

from pathlib import Path
from urllib.parse import quote

from django.contrib.staticfiles import finders
from django.http import HttpResponse
from django.template.loader import render_to_string


def _static_fetcher():
    """WeasyPrint's URL fetcher for our documents: /static/… from disk and data: URLs; nothing
    is fetched over the network or from elsewhere on disk.

    WeasyPrint 70 takes a `URLFetcher` (the plain-function fetcher of earlier versions, and
    its `default_url_fetcher`, are gone: static resources silently failed to load)."""
    from weasyprint.urls import URLFetcher

    class StaticFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            # Documents are rendered with base_url "/": "/static/x.png" arrives as
            # "file:///static/x.png".
            if url.startswith("data:"):
                return super().fetch(url, headers)
            if "/static/" in url:
                path = url.split("/static/", 1)[1].split("?")[0].split("#")[0]
                found = finders.find(path)
                if found:
                    return super().fetch(Path(found).as_uri(), headers)
            raise ValueError(f"PDF resources come from static files only, not {url}")

    return StaticFetcher(allowed_protocols={"file", "data"})


# Made once per process: a URLFetcher builds an SSL context (tens of milliseconds), and the
# font scan is shared between documents. Sharing the fetcher is safe here: its only
# per-request state serves HTTP redirects, and it fetches files and data: URLs only.
_FONT_CONFIG = None
_FETCHER = None


def render_pdf(template: str, context: dict, *, request=None) -> bytes:
    from weasyprint import HTML
    from weasyprint.text.fonts import FontConfiguration

    global _FONT_CONFIG, _FETCHER
    if _FONT_CONFIG is None:
        _FONT_CONFIG = FontConfiguration()
        _FETCHER = _static_fetcher()
    html = render_to_string(template, context, request=request)
    document = HTML(string=html, base_url="/", url_fetcher=_FETCHER)
    return document.write_pdf(font_config=_FONT_CONFIG)


def pdf_response(data: bytes, filename: str, *, inline=True) -> HttpResponse:
    response = HttpResponse(data, content_type="application/pdf")
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = (
        f"{disposition}; filename=\"document.pdf\"; filename*=UTF-8''{quote(filename)}"
    )
    return response
