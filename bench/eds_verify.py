"""EDS verifications per second on one core: RSA and KZ GOST-2015 (budgets 50 and 10 per s).

A "verification" is the full `SignatureVerifier.verify` of a detached NCALayer-like CMS with a
timestamp token and CRLs: signer signature, TST, chain, revocation. "cold" clears the cache of
verified signatures before each run (every certificate and CRL signature is checked again);
"warm" keeps it, as a worker does for NCA's intermediates and CRLs shared by many signatures;
here the same CMS is verified again, so its own signature is cached too: an upper bound.
The budget is judged on the cold figure.

Run: .venv/bin/python bench/eds_verify.py [--seconds 3]

`--large-crl [N]` (as a module: `.venv/bin/python -m bench.eds_verify --large-crl`) measures
instead the first verification in a fresh process when the revocation cache holds an
NCA-sized CRL of N entries (150,000 by default): the fetching task indexes it into the
shared table once (timed), then a new Python process verifies a signature through the
plugin (`services.run_verification`, database-backed index) — budget < 100 ms — and, for
comparison, walks the CRL in-process as every process did before (5.2 s at 150,000).
It needs the PostgreSQL of bench/common.py (DATABASE_URL overrides it).
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
    crls = [pki.crl(), pki.crl(pki.root), tsa_pki.crl(tsa_pki.tsa_root)]
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


FIRST_VERIFICATION_BUDGET_MS = 100.0


def _trust_environment(pki: TestPki, folder: Path) -> dict[str, str]:
    paths = {}
    for name, cert in (
        ("root", pki.root),
        ("ca", pki.intermediate),
        ("tsa-root", pki.tsa_root),
    ):
        paths[name] = folder / f"{name}.cer"
        paths[name].write_bytes(cert.der)
    return {
        "ESIGN_SURVEYS_TRUSTED_ROOT_SHA256": pki.root.sha256,
        "ESIGN_SURVEYS_CA_CERTIFICATES": f"{paths['root']},{paths['ca']}",
        "ESIGN_SURVEYS_TRUSTED_TSA_ROOT_SHA256": pki.tsa_root.sha256,
        "ESIGN_SURVEYS_TSA_CERTIFICATES": str(paths["tsa-root"]),
    }


def large_crl(entries: int) -> int:
    """Index at fetch time in this process, then time the first verification in a new one."""
    import json
    import random
    import subprocess
    import tempfile

    from bench.common import bench_database

    pki = TestPki.create(RsaTestKey, label="RSA")
    signer = pki.issue_person("900101300014")
    trust_folder = tempfile.mkdtemp(prefix="eds-bench-")
    # The trust configuration of both processes: the fetching task verifies each CRL's
    # signature with it when it indexes the CRL.
    os.environ.update(_trust_environment(pki, Path(trust_folder)))
    bench_database("mektep_bench_eds")
    from plugins.esign_surveys.models import CrlIndex, RevocationData
    from plugins.esign_surveys.tasks import _store

    generator = random.Random(150_000)
    started = time.perf_counter()
    listed = [(generator.getrandbits(120), pki.now - timedelta(days=30)) for _ in range(entries)]
    big = pki.crl(revoked=listed)
    built = time.perf_counter() - started
    RevocationData.objects.all().delete()
    CrlIndex.objects.all().delete()
    started = time.perf_counter()
    for key, der in (
        ("bench:nca", big),
        ("bench:root", pki.crl(pki.root)),
        ("bench:tsa", pki.crl(pki.tsa_root)),
    ):
        _store("crl", key, der)  # what refresh_revocation does with every fetched CRL
    indexed = time.perf_counter() - started
    payload = canonical_answer_bytes({"survey": 1, "answers": {"q1": "иә"}}, "bench-nonce")
    with tempfile.TemporaryDirectory() as folder:
        environment = dict(os.environ)
        (Path(folder) / "cms.pem").write_text(
            sign_cms(payload, signer, tsa=pki.tsa, timestamp_time=datetime_now())
        )
        (Path(folder) / "payload.json").write_bytes(payload)
        (Path(folder) / "crl.der").write_bytes(big)
        child = subprocess.run(
            [sys.executable, "-m", "bench.eds_verify", "--first-verification", folder],
            env=environment,
            cwd=Path(__file__).resolve().parents[1],
            capture_output=True,
            text=True,
            check=False,
        )
    if child.returncode:
        print(child.stdout, child.stderr)
        return 1
    if os.environ.get("BENCH_PROFILE"):
        print(child.stderr)
    figures = json.loads(child.stdout.strip().splitlines()[-1])
    first_ms = figures["first_verification_ms"]
    verdict = "ok" if first_ms < FIRST_VERIFICATION_BUDGET_MS else "TOO SLOW"
    print(f"CRL of {entries:,} entries: {len(big) / 1e6:.1f} MB, built in {built:.1f} s")
    print(f"indexed when fetched (3 CRLs, shared table): {indexed:.2f} s")
    print(
        f"first verification in a fresh process: {first_ms:.1f} ms "
        f"(budget < {FIRST_VERIFICATION_BUDGET_MS:.0f} ms) {verdict}; status {figures['status']}"
    )
    print(f"the same process walking the CRL itself (before): {figures['walk_s']:.2f} s")
    return 0 if verdict == "ok" and figures["status"] == "valid" else 1


def datetime_now():  # type: ignore[no-untyped-def]
    from datetime import UTC, datetime

    return datetime.now(UTC).replace(microsecond=0)


def first_verification(folder: str) -> int:
    """The child: a fresh process, Django set up, nothing cached; one verification timed."""
    import json

    from bench.common import bench_database

    bench_database("mektep_bench_eds")
    from plugins.esign_surveys import services
    from plugins.esign_surveys.eds.revocation import CrlIndexStore, load_crl

    cms = (Path(folder) / "cms.pem").read_text()
    payload = (Path(folder) / "payload.json").read_bytes()
    profiler = None
    if os.environ.get("BENCH_PROFILE"):  # where the first verification spends its time
        import cProfile

        profiler = cProfile.Profile()
        profiler.enable()
    started = time.perf_counter()
    result = services.run_verification(cms, payload, None)
    first_ms = (time.perf_counter() - started) * 1000
    if profiler is not None:
        import pstats

        profiler.disable()
        pstats.Stats(profiler, stream=sys.stderr).sort_stats("cumulative").print_stats(30)
    started = time.perf_counter()
    CrlIndexStore().revoked(load_crl((Path(folder) / "crl.der").read_bytes()))
    walk_s = time.perf_counter() - started
    print(
        json.dumps(
            {"first_verification_ms": first_ms, "status": str(result.status), "walk_s": walk_s}
        )
    )
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=3.0, help="time per measurement")
    parser.add_argument(
        "--large-crl",
        type=int,
        nargs="?",
        const=150_000,
        default=None,
        metavar="N",
        help="first verification in a fresh process with an N-entry CRL (default 150,000)",
    )
    parser.add_argument("--first-verification", metavar="FOLDER", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.first_verification:
        return first_verification(args.first_verification)
    if args.large_crl:
        return large_crl(args.large_crl)
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
