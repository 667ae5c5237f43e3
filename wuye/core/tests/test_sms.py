"""PLT-09 (COM-02 later builds on it): SMS goes through a configurable transport."""

import json

import pytest

from wuye.core.errors import DomainError
from wuye.core.sms import MemoryTransport, send_sms


@pytest.fixture(autouse=True)
def _empty_outbox():
    MemoryTransport.outbox.clear()
    yield
    MemoryTransport.outbox.clear()


def test_messages_go_through_the_configured_transport():
    """The test settings use the memory transport; nothing leaves the machine."""
    send_sms("13812345678", "您好，您的报修已受理。")
    assert [(m.phone, m.text) for m in MemoryTransport.outbox] == [
        ("13812345678", "您好，您的报修已受理。")
    ]


@pytest.mark.parametrize(
    ("phone", "text"), [("12345", "x"), ("13812345678", ""), ("13812345678", "长" * 501)]
)
def test_bad_messages_are_refused_and_nothing_is_sent(phone, text):
    with pytest.raises(DomainError):
        send_sms(phone, text)
    assert MemoryTransport.outbox == []


def test_file_transport_writes_json_lines(settings, tmp_path):
    settings.SMS_BACKEND = "file"
    settings.VAR_DIR = tmp_path
    send_sms("13900000000", "停水通知：明日 9:00–12:00")
    line = json.loads((tmp_path / "sms.log").read_text(encoding="utf-8").splitlines()[0])
    assert line["phone"] == "13900000000" and line["text"].startswith("停水通知")


def test_a_provider_is_a_dotted_path(settings):
    settings.SMS_BACKEND = "wuye.core.sms.MemoryTransport"
    send_sms("13700000000", "验证")
    assert len(MemoryTransport.outbox) == 1
