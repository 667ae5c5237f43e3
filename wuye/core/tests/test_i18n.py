"""PLT-05: Simplified Chinese first, English on request; the catalog is complete."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

PO = Path(settings.BASE_DIR) / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"


@pytest.mark.django_db
def test_pages_render_in_simplified_chinese_by_default(community_a, mgr_a, login):
    """PLT-05: whatever the browser asks for, a page starts in zh-hans."""
    client = login(mgr_a)
    body = client.get(
        reverse("org:staff_list"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9"
    ).content.decode()
    assert '<html lang="zh-hans">' in body
    for text in ("工作台", "员工", "导出 Excel", "退出登录"):
        assert text in body


@pytest.mark.django_db
def test_english_is_available_on_request(community_a, mgr_a, login):
    """PLT-05: choosing English in the header switches the interface."""
    client = login(mgr_a)
    response = client.post(reverse("set_language"), {"language": "en", "next": reverse("home")})
    assert response.status_code == 302
    body = client.get(reverse("home")).content.decode()
    assert '<html lang="en">' in body
    assert "Workbench" in body and "工作台" not in body


@pytest.mark.django_db
def test_login_page_is_chinese(client):
    """PLT-05: the first page anyone sees is Chinese."""
    body = client.get(reverse("login")).content.decode()
    assert "登录" in body and "用户名" in body and "密码" in body


@pytest.mark.django_db
def test_money_and_dates_are_localized(community_a, mgr_a, login):
    """PLT-05: dates are shown as YYYY-MM-DD in tables."""
    from wuye.org.tests.factories import DelegationFactory

    DelegationFactory(community=community_a, delegator=mgr_a, delegate=mgr_a)
    body = login(mgr_a).get(reverse("org:delegation_list")).content.decode()
    assert re.search(r"20\d\d年\d{1,2}月\d{1,2}日|20\d\d-\d\d-\d\d", body)


def test_every_message_has_a_chinese_translation():
    """PLT-05: no untranslated or fuzzy entry in the zh_Hans catalog."""
    text = PO.read_text(encoding="utf-8")
    entries = text.split("\n\n")[1:]
    untranslated = []
    for entry in entries:
        if entry.startswith("#~"):
            continue
        if "#, fuzzy" in entry:
            untranslated.append(entry)
            continue
        strs = re.findall(r'msgstr(?:\[\d\])? ((?:".*"\n?)+)', entry + "\n")
        if not strs or any(s.strip() == '""' for s in strs):
            untranslated.append(entry.splitlines()[-2] if len(entry.splitlines()) > 1 else entry)
    assert not untranslated, untranslated[:10]


def _msgids(po_text: str) -> set[str]:
    """Every msgid and msgid_plural, with wrapped continuation lines joined."""
    found = re.findall(r'^msgid(?:_plural)? ((?:".*"\n)+)', po_text + "\n", re.M)
    return {"".join(re.findall(r'^"(.*)"$', block, re.M)) for block in found}


def test_msgid_parser_joins_wrapped_lines():
    """PLT-05: a long msgid wrapped by makemessages is still compared whole."""
    text = 'msgid ""\n"Send a header "\n"of 64."\nmsgstr ""\n\nmsgid "Short"\nmsgstr "短"\n'
    assert _msgids(text) == {"Send a header of 64.", "Short"}


def test_catalog_is_up_to_date_with_the_code(tmp_path):
    """PLT-05: every translatable string in the code is in the catalog (run `make messages`)."""
    from django.core.management import call_command

    known = _msgids(PO.read_text(encoding="utf-8"))
    # Collect the strings makemessages would extract, into a scratch locale.
    import shutil

    scratch = tmp_path / "project"
    scratch.mkdir()
    shutil.copytree(
        Path(settings.BASE_DIR) / "wuye",
        scratch / "wuye",
        ignore=shutil.ignore_patterns("__pycache__", "tests"),
    )
    (scratch / "locale").mkdir()
    import os

    old = os.getcwd()
    os.chdir(scratch)
    try:
        call_command("makemessages", locale=["zh_Hans"], verbosity=0, no_location=True)
    finally:
        os.chdir(old)
    extracted = (scratch / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po").read_text(
        encoding="utf-8"
    )
    wanted = {m for m in _msgids(extracted) if m}
    missing = sorted(wanted - known)
    assert not missing, f"run `make messages` and translate: {missing[:10]}"
