"""SMS transports. Modules send through `send_sms`; which transport carries the message is
configuration (SMS_BACKEND): "file" (var/sms.log, the default), "console", "memory" (tests),
or the dotted path of a provider's transport class with the same `send` method.

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


class ConsoleTransport:
    """Prints each message (development)."""

    def send(self, message: SmsMessage) -> None:
        sys.stdout.write(f"[SMS] {message.phone}: {message.text}\n")


class FileTransport:
    """Appends each message as a JSON line to var/sms.log (default; inspect it to see what went out)."""

    _lock = threading.Lock()

    def send(self, message: SmsMessage) -> None:
        path = settings.VAR_DIR / "sms.log"
        line = json.dumps(asdict(message), ensure_ascii=False)
        with self._lock, open(path, "a", encoding="utf-8") as handle:
            handle.write(line + "\n")


class MemoryTransport:
    """Keeps messages in `outbox` (tests)."""

    outbox: list[SmsMessage] = []

    def send(self, message: SmsMessage) -> None:
        self.outbox.append(message)


TRANSPORTS = {"console": ConsoleTransport, "file": FileTransport, "memory": MemoryTransport}


def get_transport():
    name = settings.SMS_BACKEND
    transport_class = TRANSPORTS.get(name) or import_string(name)
    return transport_class()


def send_sms(phone: str, text: str) -> SmsMessage:
    """Send one text message; a bad number or an empty or overlong text is refused."""
    phone = (phone or "").strip()
    if not MOBILE_RE.match(phone):
        raise DomainError(
            _("“%(phone)s” is not a mainland mobile number; no SMS sent.") % {"phone": phone}
        )
    text = (text or "").strip()
    if not text or len(text) > MAX_LENGTH:
        raise DomainError(_("An SMS needs 1 to %(max)d characters.") % {"max": MAX_LENGTH})
    message = SmsMessage(phone=phone, text=text)
    get_transport().send(message)
    return message
