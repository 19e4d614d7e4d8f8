"""EDS verifications per second on one core: RSA and KZ GOST-2015 (budgets 50 and 10 per s).

A "verification" is the full `SignatureVerifier.verify` of a detached NCALayer-like CMS with a
timestamp token and CRLs: signer signature, TST, chain, revocation. "cold" clears the cache of
verified signatures before each run (every certificate and CRL signature is checked again);
"warm" keeps it, as a worker does for NCA's intermediates and CRLs shared by many signatures;
here the same CMS is verified again, so its own signature is cached too: an upper bound.
The budget is judged on the cold figure.

Run: .venv/bin/python bench/eds_verify.py [--seconds 3]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from plugins.esign_surveys.eds import (  # noqa: E402
    SignatureVerifier,
    VerificationPolicy,
    canonical_answer_bytes,
)
from plugins.esign_surveys.eds.algorithms import verified_signatures  # noqa: E402
from plugins.esign_surveys.eds.testpki import GostTestKey, RsaTestKey, TestPki, sign_cms  # noqa: E402

BUDGETS = {"RSA": 50.0, "GOST-2015-512": 10.0}


def scenario(key_factory: type, label: str, tsa_pki: TestPki | None):  # type: ignore[no-untyped-def]
    pki = TestPki.create(key_factory, label=label)
    tsa_pki = tsa_pki or pki
    signer = pki.issue_person("900101300014")
    payload = canonical_answer_bytes({"survey": 1, "answers": {"q1": "иә"}}, "bench-nonce")
    blob = sign_cms(payload, signer, tsa=tsa_pki.tsa, timestamp_time=pki.now)
    policy = VerificationPolicy.build(
        trusted_root_sha256=[pki.root.sha256],
        certificates=[pki.root.der, pki.intermediate.der],
        trusted_tsa_root_sha256=[tsa_pki.tsa_root.sha256],
        tsa_certificates=[tsa_pki.tsa_root.der],
    )
    crls = [pki.crl(), pki.crl(pki.root)]
    return pki, SignatureVerifier(policy), blob, payload, crls


def rate(verify, seconds: float, cold: bool) -> float:  # type: ignore[no-untyped-def]
    count, started = 0, time.perf_counter()
    while True:
        if cold:
            verified_signatures.clear()
        result = verify()
        assert result.is_valid, result.reason
        count += 1
        elapsed = time.perf_counter() - started
        if elapsed >= seconds and count >= 3:
            return count / elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=3.0, help="time per measurement")
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core, as the budget says
    rsa = scenario(RsaTestKey, "RSA", None)
    gost = scenario(GostTestKey, "GOST", rsa[0])
    rows = []
    for name, (pki, verifier, blob, payload, crls) in (("RSA", rsa), ("GOST-2015-512", gost)):
        now = pki.now + timedelta(minutes=5)

        def verify(verifier=verifier, blob=blob, payload=payload, crls=crls, now=now):  # type: ignore[no-untyped-def]
            return verifier.verify(blob, payload, crls=crls, now=now)

        cold = rate(verify, args.seconds, cold=True)
        warm = rate(verify, args.seconds, cold=False)
        rows.append((name, cold, warm, BUDGETS[name]))
    print(f"{'algorithm':<16}{'cold /s':>10}{'warm /s':>10}{'budget /s':>11}  verdict")
    ok = True
    for name, cold, warm, budget in rows:
        verdict = "ok" if cold >= budget else "TOO SLOW"
        ok &= cold >= budget
        print(f"{name:<16}{cold:>10.1f}{warm:>10.1f}{budget:>11.0f}  {verdict}")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
