"""The fake NCALayer stops its server and closes its event loop when its block ends, so no
loop is left running on the test's thread for Playwright's sync API to trip over."""

import asyncio
import socket

import pytest

from .conftest import IIN
from .fake_ncalayer import FakeNcaLayer


def test_fake_ncalayer_leaves_no_server_and_no_loop_behind(rsa_pki, tmp_path):
    with FakeNcaLayer(rsa_pki.issue_person(IIN), rsa_pki.tsa, rsa_pki.now, tmp_path) as fake:
        assert fake.thread.is_alive()
        with socket.create_connection(("127.0.0.1", 13579), timeout=5):
            pass
    assert not fake.thread.is_alive() and fake.loop.is_closed()
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection(("127.0.0.1", 13579), timeout=5)
    with pytest.raises(RuntimeError):  # no running loop on the test's thread
        asyncio.get_running_loop()


def test_a_taken_port_is_reported(rsa_pki, tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        fake = FakeNcaLayer(
            rsa_pki.issue_person(IIN), rsa_pki.tsa, rsa_pki.now, tmp_path, port=port
        )
        with pytest.raises(RuntimeError, match="could not listen"):
            fake.__enter__()
    assert not fake.thread.is_alive() and fake.loop.is_closed()
