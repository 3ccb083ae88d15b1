"""A real SMTP server on loopback for the mail tests: Debian's
python3-aiosmtpd, run in this process on the port the test stack's mail
sender hands its messages to (tests/stack.py: Stack.smtp_port).

    sink = smtp_sink.shared(stack)      # one server for the whole run
    m = sink.wait_one(lambda m: m.to == account.email)
    m.subject, m.text, m.html, m.links(), m["List-Unsubscribe"]

Recipients whose address starts with "bounce" are refused with 550, as a
real server refuses an unknown mailbox. sink.stop() and sink.start() take
the server away and bring it back on the same port (SMTP down, then up).
"""

import atexit
import email
import email.policy
import re
import threading
import time

from aiosmtpd.controller import Controller


class Message:
    """One message as received: envelope and parsed content."""

    def __init__(self, mail_from, rcpt_tos, data):
        self.mail_from = mail_from
        self.rcpt_tos = rcpt_tos
        self.raw = data
        self.msg = email.message_from_bytes(data, policy=email.policy.default)
        self.to = self.msg["To"].addresses[0].addr_spec if self.msg["To"] else None
        self.subject = str(self.msg["Subject"] or "")
        self.text = self._part("text/plain")
        self.html = self._part("text/html")

    def _part(self, ctype):
        part = self.msg.get_body(preferencelist=(ctype.split("/")[1],))
        return part.get_content() if part is not None else ""

    def __getitem__(self, header):
        value = self.msg[header]
        return str(value) if value is not None else None

    def links(self, path=""):
        """The URLs of the text part that contain path."""
        return [u for u in re.findall(r"https?://\S+", self.text) if path in u]

    def link(self, path):
        found = self.links(path)
        assert found, "no link with %r in:\n%s" % (path, self.text)
        return found[0]

    def __repr__(self):
        return "Message(to=%r, subject=%r)" % (self.to, self.subject)


class _Handler:
    def __init__(self, sink):
        self.sink = sink

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower().startswith("bounce"):
            return "550 5.1.1 No such mailbox here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        m = Message(envelope.mail_from, list(envelope.rcpt_tos), envelope.content)
        with self.sink.lock:
            self.sink.messages.append(m)
        return "250 Message accepted for delivery"


class Sink:
    def __init__(self, port):
        self.port = port
        self.messages = []
        self.lock = threading.Lock()
        self.controller = None

    def start(self):
        if self.controller is None:
            self.controller = Controller(_Handler(self), hostname="127.0.0.1", port=self.port)
            self.controller.start()
        return self

    def stop(self):
        if self.controller is not None:
            self.controller.stop()
            self.controller = None

    @property
    def running(self):
        return self.controller is not None

    def all(self, predicate=lambda m: True):
        with self.lock:
            return [m for m in self.messages if predicate(m)]

    def wait(self, predicate, count=1, timeout=30):
        """Waits until at least count messages match; returns them all."""
        deadline = time.monotonic() + timeout
        while True:
            found = self.all(predicate)
            if len(found) >= count:
                return found
            if time.monotonic() > deadline:
                raise AssertionError("%d message(s) expected within %ss, %d came: %r" % (
                    count, timeout, len(found), found))
            time.sleep(0.1)

    def wait_one(self, predicate, timeout=30):
        return self.wait(predicate, 1, timeout)[0]

    def to(self, address, timeout=30, subject=None):
        """The first message to address (whose subject contains subject)."""
        return self.wait_one(lambda m: m.to == address and (subject is None or subject in m.subject),
                             timeout)

    def none(self, predicate, wait=3):
        """Asserts that no message matching predicate comes within wait seconds."""
        time.sleep(wait)
        found = self.all(predicate)
        assert not found, "unexpected message(s): %r" % found


_shared = {}


def shared(stack):
    """The one sink of a stack, started on its smtp_port (kept for the run)."""
    sink = _shared.get(stack.smtp_port)
    if sink is None:
        sink = _shared[stack.smtp_port] = Sink(stack.smtp_port)
        atexit.register(sink.stop)
    return sink.start()
