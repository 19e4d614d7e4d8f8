"""A submission reaches the school's mailboxes through a real SMTP conversation (aiosmtpd
sink on 127.0.0.1), not only Django's in-memory outbox."""

import socket

from django.test import override_settings

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Message

from .conftest import VALID, host

pytestmark = pytest.mark.django_db


class Sink(Message):
    def __init__(self):
        super().__init__()
        self.messages = []

    def handle_message(self, message):
        self.messages.append(message)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def smtp_sink():
    handler = Sink()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield controller, handler
    controller.stop()


def test_submission_is_delivered_over_smtp(
    client, school_a, feedback_page, smtp_sink, django_capture_on_commit_callbacks
):
    controller, sink = smtp_sink
    with (
        override_settings(
            EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
            EMAIL_HOST="127.0.0.1",
            EMAIL_PORT=controller.port,
            EMAIL_USE_TLS=False,
            EMAIL_HOST_USER="",
            EMAIL_HOST_PASSWORD="",
        ),
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = client.post("/kk/feedback/", VALID, **host(school_a))
    assert response.status_code == 302
    assert len(sink.messages) == 1
    delivered = sink.messages[0]
    assert delivered["X-RcptTo"] == "office@school-a.kz, director@school-a.kz"
    assert delivered["Reply-To"] == "aigul@example.kz"
    body = delivered.get_payload(decode=True).decode()
    assert "1-сыныпқа қабылдау қашан басталады?" in body
