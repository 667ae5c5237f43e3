"""PDF documents load their pictures and fonts from the static files and the PDF fonts made
on this machine, and nothing else."""

import re
import zlib
from io import StringIO
from types import SimpleNamespace

import pytest
from django.core.management import call_command
from django.template.loader import render_to_string

from wuye.core import pdf
from wuye.core.management.commands import build_pdf_fonts


def test_static_files_and_data_urls_are_served_to_weasyprint():
    fetcher = pdf._static_fetcher()
    # Rendered with base_url "/": a template's "/static/…" arrives as a file URL.
    response = fetcher.fetch("file:///static/wuye/favicon.svg")
    assert b"<svg" in response.read()
    response.close()
    response = fetcher.fetch("data:text/plain;base64,5pS25o2u")
    assert response.read().decode() == "收据"
    response.close()


@pytest.mark.parametrize(
    "url",
    [
        "http://example.com/logo.png",
        "https://example.com/font.woff2",
        "file:///etc/passwd",
        "file:///static/no/such/file.png",
    ],
)
def test_anything_else_is_refused(url):
    with pytest.raises(ValueError):
        pdf._static_fetcher().fetch(url)


def test_a_document_embeds_a_static_picture(monkeypatch):
    monkeypatch.setattr(
        pdf,
        "render_to_string",
        lambda *args, **kwargs: '<p>收据</p><img src="/static/wuye/favicon.svg" width="40">',
    )
    with_picture = pdf.render_pdf("unused.html", {})
    monkeypatch.setattr(pdf, "render_to_string", lambda *args, **kwargs: "<p>收据</p>")
    without = pdf.render_pdf("unused.html", {})
    assert with_picture.startswith(b"%PDF") and len(with_picture) > len(without)


# --- The PDF fonts cut down from the system fonts (build_pdf_fonts) --------------------------

SANS = pdf.PDF_FONTS[0]


def fonts_in(data: bytes) -> set[str]:
    """The font names a PDF embeds (WeasyPrint compresses its objects: look inside)."""
    text = data
    for stream in re.findall(rb"stream\r?\n(.*?)\r?\nendstream", data, re.S):
        try:
            text += zlib.decompress(stream)
        except zlib.error:
            continue
    return {name.decode() for name in re.findall(rb"/BaseFont\s*/[A-Z]{6}\+([\w-]+)", text)}


@pytest.fixture(scope="module")
def small_sans(tmp_path_factory):
    """The receipt's regular font as build_pdf_fonts makes it, only with fewer characters (the
    whole set takes half a minute): enough for the receipt below, except a rare name."""
    found = build_pdf_fonts.find_source(SANS)
    if found is None:
        pytest.skip("Noto Sans CJK SC is not installed (Debian: fonts-noto-cjk)")
    folder = tmp_path_factory.mktemp("var") / "pdf-fonts"
    folder.mkdir()
    # Every character of the receipt paid by 王明 (the HTML's other characters are ASCII).
    html = render_to_string("billing/receipt_pdf.html", receipt_context("王明"))
    build_pdf_fonts.build(SANS, *found, folder / SANS.file, set(map(ord, html)))
    return folder


@pytest.fixture
def fresh_fonts(monkeypatch):
    """A font configuration of the test's own: fonts it registers do not outlive it."""
    monkeypatch.setattr(pdf, "_FONT_CONFIG", None)


def receipt_context(payer):
    return {
        "receipt": SimpleNamespace(
            number="SJ2026000001",
            verification_code="26715BFA",
            community=SimpleNamespace(name="阳光小区", company=SimpleNamespace(name="阳光物业")),
        ),
        "payment": SimpleNamespace(
            payer_name=payer,
            amount="223.75",
            unit=SimpleNamespace(address="1栋1单元0101", code="1-1-0101"),
        ),
        "rows": [{"item": "物业费", "period": None, "amount": "223.75"}],
        "in_words": "人民币贰佰贰拾叁元柒角伍分",
        "size": "half",
    }


def receipt(payer):
    return pdf.render_pdf("billing/receipt_pdf.html", receipt_context(payer))


def test_gb2312_is_in_the_pdf_fonts_and_a_rare_name_is_not():
    characters = build_pdf_fonts.characters()
    assert {ord(c) for c in "收据缴款人物业费贰佰（）：，。¥￥—·"} <= characters
    assert ord("喆") not in characters and 7000 < len(characters) < 9000


@pytest.mark.usefixtures("fresh_fonts")
def test_a_receipt_prints_with_the_pdf_font_and_a_rare_character_from_the_system_font(
    settings, small_sans
):
    settings.VAR_DIR = small_sans.parent
    assert "Wuye PDF Sans" in pdf.pdf_font_faces()
    assert fonts_in(receipt("王明")) == {"Wuye-PDF-Sans"}
    # 喆 is not in the smaller font: the system font named after it in font-family prints it.
    assert fonts_in(receipt("张喆")) == {"Wuye-PDF-Sans", "Noto-Sans-CJK-SC"}


@pytest.mark.usefixtures("fresh_fonts")
def test_without_the_pdf_fonts_a_receipt_uses_the_system_font(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    assert pdf.pdf_font_faces() == ""
    if build_pdf_fonts.find_source(SANS) is None:
        pytest.skip("Noto Sans CJK SC is not installed (Debian: fonts-noto-cjk)")
    assert fonts_in(receipt("张喆")) == {"Noto-Sans-CJK-SC"}


def test_only_the_pdf_fonts_are_served_from_var(settings, small_sans):
    settings.VAR_DIR = small_sans.parent
    fetcher = pdf._static_fetcher()
    response = fetcher.fetch(f"file:///pdf-fonts/{SANS.file}")
    assert response.read() == (small_sans / SANS.file).read_bytes()
    response.close()
    (small_sans / "notes.txt").write_text("x")
    for url in (
        "file:///pdf-fonts/notes.txt",
        "file:///pdf-fonts/../../etc/passwd",
        f"file:///pdf-fonts/{pdf.PDF_FONTS[2].file}",  # a font of the list not made here
    ):
        with pytest.raises(ValueError):
            fetcher.fetch(url)


def test_the_fonts_are_made_once_and_again_when_the_system_font_changes(
    settings, tmp_path, monkeypatch
):
    settings.VAR_DIR = tmp_path
    source = tmp_path / "system.ttc"
    source.write_bytes(b"font")
    made = []

    def fake_build(font, source, index, target, code_points=None):
        made.append(font.file)
        target.write_bytes(b"OTTO")
        return 1

    monkeypatch.setattr(build_pdf_fonts, "find_source", lambda font: (source, 2))
    monkeypatch.setattr(build_pdf_fonts, "build", fake_build)
    call_command("build_pdf_fonts", verbosity=0)
    assert made == [font.file for font in pdf.PDF_FONTS]
    assert (tmp_path / "pdf-fonts" / ".built").exists()
    call_command("build_pdf_fonts", verbosity=0)
    assert len(made) == len(pdf.PDF_FONTS)
    source.write_bytes(b"a newer font")
    call_command("build_pdf_fonts", verbosity=0)
    assert len(made) == 2 * len(pdf.PDF_FONTS)


def test_a_missing_system_font_is_said_and_tried_again_next_time(settings, tmp_path, monkeypatch):
    settings.VAR_DIR = tmp_path
    monkeypatch.setattr(build_pdf_fonts, "find_source", lambda font: None)
    errors = StringIO()
    call_command("build_pdf_fonts", verbosity=0, stderr=errors)
    assert "fonts-noto-cjk" in errors.getvalue()
    assert not (tmp_path / "pdf-fonts" / ".built").exists()
