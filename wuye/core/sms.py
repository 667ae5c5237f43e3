"""SMS transports. Modules send through `send_sms`; which transport carries the message is
configuration (SMS_BACKEND): "file" (var/sms.log, the default), "console", "memory" (tests),
or the dotted path of a provider's transport class with the same `send` method.

A transport is a class with one method, `send(message: SmsMessage) -> str | None`: it hands the
message to the carrier and returns the provider's id for it (or None). It raises
`SmsTransportError` when the provider refuses — `permanent=True` when trying again cannot help
(an unknown or blacklisted number, a text the provider rejects), otherwise the message is
retried later. `message.ref` is the sender's own key for the message (a campaign's delivery):
a provider that accepts a caller's id (Alibaba Cloud's `OutId`, Tencent Cloud's
`SessionContext`) should pass it, so a retry can be matched to the first try. The provider's
credentials come from the environment, never from settings files. docs/sms.md describes a
provider transport.

Call it from `transaction.on_commit` (or a task): a message must never leave for a change that
was rolled back.
"""

from __future__ import annotations

import json
import sys
import threading
from dataclasses import asdict, dataclass, field

from django.conf import settings
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from .errors import DomainError
from .validators import MOBILE_RE

MAX_LENGTH = 500  # providers split long texts; 500 characters is about 8 parts


@dataclass
class SmsMessage:
    phone: str
    text: str
    sent_at: str = field(default_factory=lambda: timezone.now().isoformat())
    ref: str = ""


class SmsTransportError(Exception):
    """The provider refused or failed; `permanent` when trying again cannot help."""

    def __init__(self, message: str, *, permanent: bool = False):
        super().__init__(message)
        self.permanent = permanent


class ConsoleTransport:
    """Prints each message (development)."""

    def send(self, message: SmsMessage) -> str | None:
        sys.stdout.write(f"[SMS] {message.phone}: {message.text}\n")
        return None


class FileTransport:
    """Appends each message as a JSON line to var/sms.log (default; inspect it to see what went out)."""

    _lock = threading.Lock()

    def send(self, message: SmsMessage) -> str | None:
        path = settings.VAR_DIR / "sms.log"
        line = json.dumps(asdict(message), ensure_ascii=False)
        with self._lock, open(path, "a", encoding="utf-8") as handle:
            handle.write(line + "\n")
        return None


class MemoryTransport:
    """Keeps messages in `outbox` (tests)."""

    outbox: list[SmsMessage] = []

    def send(self, message: SmsMessage) -> str | None:
        self.outbox.append(message)
        return f"mem-{len(self.outbox)}"


TRANSPORTS = {"console": ConsoleTransport, "file": FileTransport, "memory": MemoryTransport}


def get_transport():
    name = settings.SMS_BACKEND
    transport_class = TRANSPORTS.get(name) or import_string(name)
    return transport_class()


def check_message(phone: str, text: str) -> tuple[str, str]:
    """The number and text as they will go out; a bad number or an empty or overlong text is
    refused."""
    phone = (phone or "").strip()
    if not MOBILE_RE.match(phone):
        raise DomainError(
            _("“%(phone)s” is not a mainland mobile number; no SMS sent.") % {"phone": phone}
        )
    text = (text or "").strip()
    if not text or len(text) > MAX_LENGTH:
        raise DomainError(_("An SMS needs 1 to %(max)d characters.") % {"max": MAX_LENGTH})
    return phone, text


def send_sms(phone: str, text: str, *, ref: str = "") -> SmsMessage:
    """Send one text message; a bad number or an empty or overlong text is refused."""
    phone, text = check_message(phone, text)
    message = SmsMessage(phone=phone, text=text, ref=ref)
    get_transport().send(message)
    return message
