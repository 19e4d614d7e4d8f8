"""Fixtures shared by the school-site tests: a real SMTP sink (aiosmtpd on 127.0.0.1) that
Django's SMTP backend delivers to, for the tests of e-mails that must really go out."""

import socket
from email.header import decode_header, make_header

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Message


class SmtpSink(Message):
    """Collects every message the server accepts, as email.message.Message objects."""

    def __init__(self):
        super().__init__()
        self.messages = []

    def handle_message(self, message):
        self.messages.append(message)

    def to(self, address):
        return [m for m in self.messages if m["X-RcptTo"] == address]


def subject(message):
    return str(make_header(decode_header(message["Subject"])))


def body(message):
    return message.get_payload(decode=True).decode(message.get_content_charset() or "utf-8")


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def smtp_sink(settings):
    sink = SmtpSink()
    controller = Controller(sink, hostname="127.0.0.1", port=_free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = controller.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    try:
        yield sink
    finally:
        # The server's event loop runs in the controller's own thread: stop() ends it and
        # joins the thread. Close the loop too if the thread died before it could, so that
        # no loop outlives the test (a leftover loop breaks Playwright's sync API later).
        controller.stop(no_assert=True)
        if not controller.loop.is_closed():
            controller.loop.close()
