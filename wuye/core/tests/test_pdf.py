"""PDF documents load their pictures and fonts from the static files, and nothing else."""

import pytest

from wuye.core import pdf


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
