"""Real local mail servers for the intake tests: Dovecot (IMAP and POP3, installed from the
Debian archive: `apt-get install dovecot-imapd dovecot-pop3d`) started on free ports in a
temporary directory, and an aiosmtpd SMTP sink for outgoing mail."""

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

DOVECOT = shutil.which("dovecot") or "/usr/sbin/dovecot"

CONFIG = """
base_dir = {root}/run
state_dir = {root}/state
log_path = {root}/dovecot.log
protocols = imap pop3
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
first_valid_uid = 1
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {root}/passwd
}}
userdb {{
  driver = static
  args = uid={uid} gid={gid} home={root}/home/%u
}}
mail_location = maildir:~/Maildir
service imap-login {{
  inet_listener imap {{
    port = {imap_port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
service pop3-login {{
  inet_listener pop3 {{
    port = {pop3_port}
  }}
  inet_listener pop3s {{
    port = 0
  }}
}}
service stats {{
  unix_listener stats-reader {{
    mode = 0666
  }}
  unix_listener stats-writer {{
    mode = 0666
  }}
}}
"""


def dovecot_available():
    return os.path.exists(DOVECOT) and os.geteuid() == 0


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Dovecot:
    def __init__(self, user, password):
        self.user, self.password = user, password
        self.root = Path(tempfile.mkdtemp(prefix="mektep-dovecot-"))
        self.root.chmod(0o755)
        self.imap_port, self.pop3_port = free_port(), free_port()
        self.process = None

    def __enter__(self):
        # Mail is stored as an unprivileged user: Dovecot refuses uid 0.
        nobody = pwd.getpwnam("nobody")
        for name in ("run", "state", "home"):
            (self.root / name).mkdir()
        os.chown(self.root / "home", nobody.pw_uid, nobody.pw_gid)
        (self.root / "passwd").write_text(f"{self.user}:{{PLAIN}}{self.password}\n")
        (self.root / "dovecot.conf").write_text(
            CONFIG.format(
                root=self.root,
                uid=nobody.pw_uid,
                gid=nobody.pw_gid,
                imap_port=self.imap_port,
                pop3_port=self.pop3_port,
            )
        )
        self.process = subprocess.Popen(
            [DOVECOT, "-F", "-c", str(self.root / "dovecot.conf")],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", self.pop3_port), timeout=0.2).close()
                socket.create_connection(("127.0.0.1", self.imap_port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        return self

    def deliver(self, raw):
        import imaplib

        client = imaplib.IMAP4("127.0.0.1", self.imap_port)
        client.login(self.user, self.password)
        client.append("INBOX", None, None, raw)
        client.logout()

    def __exit__(self, *exc):
        self.process.terminate()
        self.process.wait(timeout=10)
        shutil.rmtree(self.root, ignore_errors=True)
