"""A fake NCALayer: a minimal TLS websocket server on 127.0.0.1:13579 (RFC 6455, text frames
only) that signs what it is asked to with the test PKI, as NCALayer would with a real key.

`mode` "basics" answers the current `kz.gov.pki.knca.basics` API with a PEM CMS; "legacy"
refuses basics (as an old NCALayer without the module does) and answers `commonUtils`'
createCAdESFromBase64 with bare base64 DER."""

from __future__ import annotations

import asyncio
import base64
import datetime
import hashlib
import json
import ssl
import struct
import threading

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from plugins.esign_surveys.eds.testpki import sign_cms

GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"


def _tls_context(folder):
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName(
                [x509.IPAddress(__import__("ipaddress").ip_address("127.0.0.1"))]
            ),
            critical=False,
        )
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = folder / "ncalayer.pem", folder / "ncalayer.key"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert_path, key_path)
    return context


class FakeNcaLayer:
    """Use as a context manager. The server and its event loop live on a thread of their own
    and both end in __exit__: the server is closed, open connections are cancelled and the
    loop is closed, so nothing asyncio is left behind for later tests (a leftover running
    loop breaks Playwright's sync API)."""

    def __init__(
        self, signer, tsa, timestamp_time, folder, mode="basics", port=13579, transform=None
    ):
        self.signer, self.tsa, self.timestamp_time = signer, tsa, timestamp_time
        self.mode = mode
        self.transform = transform  # DER -> DER: what a broken key store or token returns
        self.port = port
        self.requests = []
        self.context = _tls_context(folder)
        self.loop = None
        self.failure = None
        self.ready = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self):
        self.thread.start()
        if not self.ready.wait(10):
            raise RuntimeError("the fake NCALayer did not start within 10 s")
        if self.failure is not None:
            self.thread.join(10)
            raise RuntimeError(f"the fake NCALayer could not listen: {self.failure!r}")
        return self

    def __exit__(self, *exc):
        self.loop.call_soon_threadsafe(self.stopping.set)
        self.thread.join(10)
        if self.thread.is_alive() or not self.loop.is_closed():
            raise RuntimeError("the fake NCALayer did not stop")

    def _run(self):
        # The loop is created, run and closed on this thread only; it is never set as the
        # current loop of any thread.
        self.loop = asyncio.new_event_loop()
        try:
            self.loop.run_until_complete(self._serve())
        except OSError as error:  # the port is taken: reported by __enter__
            self.failure = error
            self.ready.set()
        finally:
            self.loop.run_until_complete(self.loop.shutdown_asyncgens())
            self.loop.close()

    async def _serve(self):
        self.stopping = asyncio.Event()
        self.clients = set()
        server = await asyncio.start_server(
            self._track, "127.0.0.1", self.port, ssl=self.context, reuse_address=True
        )
        self.ready.set()
        async with server:
            await self.stopping.wait()
            server.close()
            for task in list(self.clients):
                task.cancel()
            await asyncio.gather(*self.clients, return_exceptions=True)
            await server.wait_closed()

    async def _track(self, reader, writer):
        task = asyncio.current_task()
        self.clients.add(task)
        try:
            await self._client(reader, writer)
        finally:
            self.clients.discard(task)

    async def _client(self, reader, writer):
        try:
            head = await reader.readuntil(b"\r\n\r\n")
            headers = {}
            for line in head.decode("latin-1").split("\r\n")[1:]:
                if ":" in line:
                    name, value = line.split(":", 1)
                    headers[name.strip().lower()] = value.strip()
            accept = base64.b64encode(
                hashlib.sha1((headers["sec-websocket-key"] + GUID).encode()).digest()  # noqa: S324 - RFC 6455
            ).decode()
            writer.write(
                b"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                b"Connection: Upgrade\r\nSec-WebSocket-Accept: " + accept.encode() + b"\r\n\r\n"
            )
            self._send(writer, {"result": {"version": "1.4"}})
            while True:
                opcode, payload = await self._frame(reader)
                if opcode == 8:
                    break
                if opcode == 1:
                    request = json.loads(payload)
                    self.requests.append(request)
                    self._send(writer, self._answer(request))
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError, ssl.SSLError):
            pass
        finally:
            writer.close()

    def _answer(self, request):
        module = request.get("module")
        if module == "kz.gov.pki.knca.basics":
            if self.mode != "basics":
                return {"status": False, "code": "MODULE_NOT_FOUND", "message": "no basics"}
            data = base64.b64decode(request["args"]["data"])
            if self.transform is not None:
                der = self.transform(
                    sign_cms(
                        data,
                        self.signer,
                        tsa=self.tsa,
                        timestamp_time=self.timestamp_time,
                        output="der",
                    )
                )
                body = base64.b64encode(der).decode("ascii")
                pem = f"-----BEGIN CMS-----\n{body}\n-----END CMS-----\n"
            else:
                pem = sign_cms(
                    data,
                    self.signer,
                    tsa=self.tsa,
                    timestamp_time=self.timestamp_time,
                    output="pem",
                )
            return {"status": True, "body": {"result": pem}}
        if module == "kz.gov.pki.knca.commonUtils":
            storage, key_type, data, attach = request["args"]
            assert key_type == "SIGNATURE" and attach is False
            blob = sign_cms(
                base64.b64decode(data),
                self.signer,
                tsa=self.tsa,
                timestamp_time=self.timestamp_time,
                output="base64",
            )
            return {"code": "200", "responseObject": blob}
        return {"status": False, "code": "UNKNOWN_MODULE"}

    @staticmethod
    async def _frame(reader):
        first, second = await reader.readexactly(2)
        opcode, length = first & 0x0F, second & 0x7F
        if length == 126:
            (length,) = struct.unpack(">H", await reader.readexactly(2))
        elif length == 127:
            (length,) = struct.unpack(">Q", await reader.readexactly(8))
        mask = await reader.readexactly(4) if second & 0x80 else b"\0\0\0\0"
        data = await reader.readexactly(length)
        return opcode, bytes(b ^ mask[i % 4] for i, b in enumerate(data)).decode()

    @staticmethod
    def _send(writer, message):
        data = json.dumps(message).encode()
        if len(data) < 126:
            header = struct.pack(">BB", 0x81, len(data))
        elif len(data) < 65536:
            header = struct.pack(">BBH", 0x81, 126, len(data))
        else:
            header = struct.pack(">BBQ", 0x81, 127, len(data))
        writer.write(header + data)
