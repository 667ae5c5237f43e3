"""SMS transports that misbehave, for the sender's tests (SMS_BACKEND takes their path)."""

from wuye.core.sms import SmsMessage, SmsTransportError


class CrashingTransport:
    """Hands over two messages, then the worker dies in the middle of the third."""

    sent: list[SmsMessage] = []

    def send(self, message):
        if len(self.sent) == 2:
            raise KeyboardInterrupt("worker killed")
        self.sent.append(message)
        return "ok"


class FlakyTransport:
    """Refuses 13800000001 once (temporarily) and 13800000002 for good."""

    calls: list[str] = []

    def send(self, message):
        self.calls.append(message.phone)
        if message.phone == "13800000002":
            raise SmsTransportError("isv.MOBILE_NUMBER_ILLEGAL", permanent=True)
        if message.phone == "13800000001" and self.calls.count(message.phone) == 1:
            raise SmsTransportError("isv.BUSINESS_LIMIT_CONTROL")
        return "ok-1"
