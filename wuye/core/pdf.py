"""PDF documents (receipts, notices, reports) from HTML templates with WeasyPrint.

Chinese text needs a CJK font installed on the server (Debian: fonts-noto-cjk); the templates
ask for Noto Sans CJK SC and fall back to any CJK font fontconfig knows.

The installed CJK fonts hold 65,000 glyphs in a 20 MB collection, and WeasyPrint copies and
subsets the whole file for every document (a third of a receipt's time). `make setup` therefore
cuts each of them down once, on this machine, to the characters Wuye's documents print
(`manage.py build_pdf_fonts`, into var/pdf-fonts/); the templates ask for those first and for
the system font after them, which also prints any character the smaller font lacks (a rare
name). Without the smaller fonts documents look the same, only slower.
"""

import atexit
import dataclasses
import re
from pathlib import Path
from typing import Any
from urllib.parse import quote

from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe


@dataclasses.dataclass(frozen=True)
class PdfFont:
    """A font made from an installed system font for the PDF documents."""

    family: str  # the name templates ask for, first in their font-family
    file: str  # its file name under pdf_font_dir()
    source: str  # the system font it is made from (a fontconfig pattern)
    weight: int


PDF_FONTS = (
    PdfFont("Wuye PDF Sans", "wuye-sans-sc-regular.otf", "Noto Sans CJK SC:weight=80", 400),
    PdfFont("Wuye PDF Sans", "wuye-sans-sc-bold.otf", "Noto Sans CJK SC:weight=200", 700),
    PdfFont("Wuye PDF Serif", "wuye-serif-sc-regular.otf", "Noto Serif CJK SC:weight=80", 400),
    PdfFont("Wuye PDF Serif", "wuye-serif-sc-bold.otf", "Noto Serif CJK SC:weight=200", 700),
)
# The templates' /pdf-fonts/<file> URLs; served from pdf_font_dir() by the fetcher below.
PDF_FONT_URL = "/pdf-fonts/"


def pdf_font_dir() -> Path:
    return Path(settings.VAR_DIR) / "pdf-fonts"


def pdf_font_faces() -> SafeString:
    """@font-face rules for the PDF fonts built on this machine (none when they are absent,
    so WeasyPrint does not look for them and warn for every document)."""
    folder = pdf_font_dir()
    rules = [
        f'@font-face {{ font-family: "{font.family}"; font-weight: {font.weight}; '
        f'src: url("{PDF_FONT_URL}{font.file}"); }}'
        for font in PDF_FONTS
        if (folder / font.file).is_file()
    ]
    return mark_safe("\n  ".join(rules))  # noqa: S308 (our constants, nothing from a user)


def _static_fetcher():
    """WeasyPrint's URL fetcher for our documents: /static/… from disk, the PDF fonts built
    into var/pdf-fonts/ and data: URLs; nothing is fetched over the network or from elsewhere
    on disk.

    WeasyPrint 70 takes a `URLFetcher` (the plain-function fetcher of earlier versions, and
    its `default_url_fetcher`, are gone: static resources silently failed to load)."""
    from weasyprint.urls import URLFetcher  # on first use: weasyprint takes ~2 s to import

    class StaticFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            # Documents are rendered with base_url "/": "/static/x.png" arrives as
            # "file:///static/x.png".
            if url.startswith("data:"):
                return super().fetch(url, headers)
            if url.startswith(f"file://{PDF_FONT_URL}"):
                name = url.removeprefix(f"file://{PDF_FONT_URL}")
                # Only the files we build, by their exact names: no other path gets through.
                if name in {font.file for font in PDF_FONTS}:
                    found = pdf_font_dir() / name
                    if found.is_file():
                        return super().fetch(found.as_uri(), headers)
                raise ValueError(f"No PDF font {url}")
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
# A document's <style>, parsed once per distinct text (a fifth of a receipt's time): the
# receipts of a size share one. Parsing registers its @font-face rules with the font
# configuration, so the parsed sheets go with the configuration they were made for.
_STYLESHEETS: dict[str, Any] = {}
_STYLESHEETS_CONFIG = None  # the font configuration the kept sheets were parsed with
_STYLE = re.compile(r"<style>(.*?)</style>", re.S)
# Let go of them before the interpreter takes WeasyPrint apart at exit (a configuration they
# hold would then fail to remove its temporary folder, noisily).
atexit.register(_STYLESHEETS.clear)


def render_pdf(template: str, context: dict, *, request=None) -> bytes:
    """The template rendered to a PDF. Its <style> (one, in the head) is taken out and applied
    as a parsed stylesheet kept for the next document with the same style."""
    # On first use, not at every start-up of a web or task worker: weasyprint takes ~2 s to import.
    from weasyprint import HTML
    from weasyprint.text.fonts import FontConfiguration

    global _FONT_CONFIG, _FETCHER, _STYLESHEETS_CONFIG
    if _FONT_CONFIG is None:
        _FONT_CONFIG = FontConfiguration()
        _FETCHER = _static_fetcher()
    if _STYLESHEETS_CONFIG is not _FONT_CONFIG:
        _STYLESHEETS.clear()
        _STYLESHEETS_CONFIG = _FONT_CONFIG
    context = {**context, "pdf_font_faces": pdf_font_faces()}
    html = str(render_to_string(template, context, request=request))
    stylesheets = []
    style = _STYLE.search(html)
    if style:
        stylesheets.append(_stylesheet(style.group(1)))
        html = html[: style.start()] + html[style.end() :]
    document = HTML(string=html, base_url="/", url_fetcher=_FETCHER)
    return document.write_pdf(stylesheets=stylesheets, font_config=_FONT_CONFIG)


def _stylesheet(text: str):
    from weasyprint import CSS

    sheet = _STYLESHEETS.get(text)
    if sheet is None:
        if len(_STYLESHEETS) >= 64:  # a thermal slip's height varies with its lines
            _STYLESHEETS.clear()
        sheet = CSS(string=text, base_url="/", url_fetcher=_FETCHER, font_config=_FONT_CONFIG)
        _STYLESHEETS[text] = sheet
    return sheet


def pdf_response(data: bytes, filename: str, *, inline=True) -> HttpResponse:
    response = HttpResponse(data, content_type="application/pdf")
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = (
        f"{disposition}; filename=\"document.pdf\"; filename*=UTF-8''{quote(filename)}"
    )
    return response
