"""Background work: revocation data (CRL/OCSP) fetching and caching, re-verification, and
sealing receipts. Every task is idempotent and safe to retry (acks_late is the project
default)."""

import hashlib
import logging

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from celery import shared_task
from celery.result import EagerResult

from .eds import fetch
from .eds.certificates import fingerprint_sha256, load_certificates

logger = logging.getLogger(__name__)


def _store(kind, key, der):
    from .models import RevocationData
    from .services import index_crl

    if kind == "crl":
        # Indexed before it is cached, so that no request ever walks a large CRL itself.
        try:
            index_crl(der)
        except Exception as exc:  # noqa: BLE001 - an unreadable CRL is ignored by the verifier too
            logger.warning("esign_surveys: CRL %s cannot be indexed: %s", key, exc)
    RevocationData.objects.update_or_create(
        key=key,
        defaults={
            "kind": kind,
            "der": der,
            "sha256": hashlib.sha256(der).hexdigest(),
            "fetched_at": timezone.now(),
            "error": "",
        },
    )


def _known_certificates():
    return load_certificates(
        [open(path, "rb").read() for path in settings.ESIGN_SURVEYS_CA_CERTIFICATES]
    )


def _known_tsa_certificates():
    return load_certificates(
        [open(path, "rb").read() for path in settings.ESIGN_SURVEYS_TSA_CERTIFICATES]
    )


def _tsa_certificates(signatures):
    """The certificates carried in the timestamp tokens of `signatures`: the TSA's own
    revocation is checked too, so its CRL and OCSP are fetched like the signer's."""
    from asn1crypto import cms

    for signature in signatures:
        token = signature.timestamp_token
        if not token:
            continue
        try:
            signed_data = cms.ContentInfo.load(bytes(token))["content"]
            carried = [
                choice.chosen
                for choice in signed_data["certificates"] or ()
                if choice.name == "certificate"
            ]
        except Exception:  # noqa: BLE001, S112 - a stored odd token: nothing to fetch for it
            continue
        yield from carried


def _issuer_of(cert, candidates):
    for candidate in candidates:
        if candidate.subject == cert.issuer:
            return candidate
    return None


def _signer_certificates(signatures):
    from .eds import parse_cms

    for signature in signatures:
        if not signature.cms_der:
            continue
        try:
            parsed = parse_cms(bytes(signature.cms_der))
        except Exception:  # noqa: BLE001, S112 - stored malformed input: nothing to fetch for it
            continue
        yield parsed.signer_certificate, parsed.certificates


# A pending signature's re-check is queued again this many times, this far apart, while its
# revocation data cannot be had; the hourly run picks up whatever is left after that.
RECHECK_ATTEMPTS = 3
RECHECK_DELAY_SECONDS = 300


@shared_task
def refresh_revocation(signature_ids=None, attempt=0):
    """Fetch the configured CRLs, the CRLs and OCSP answers named by the certificates of
    signatures still waiting for revocation data (signers and TSAs), then re-verify those
    signatures. Idempotent: only signatures still pending are touched. Queued for given
    signatures, it retries (up to 3 times, 5 minutes apart) while they stay pending; the
    hourly run picks up whatever is left."""
    from .models import Signature
    from .services import reverify

    pending = Signature.objects.filter(status="revocation_unknown")
    if signature_ids:
        pending = pending.filter(pk__in=signature_ids)
    pending = list(pending.select_related("response__survey"))
    crl_urls = list(settings.ESIGN_SURVEYS_CRL_URLS)
    ca_certs = _known_certificates() + _known_tsa_certificates()
    for cert in ca_certs:
        crl_urls.extend(fetch.crl_urls(cert))
    ocsp_jobs = []
    for signer_cert, carried in _signer_certificates(pending):
        crl_urls.extend(fetch.crl_urls(signer_cert))
        issuer = _issuer_of(signer_cert, list(carried) + ca_certs)
        if issuer is not None and fetch.ocsp_urls(signer_cert):
            ocsp_jobs.append((signer_cert, issuer))
    carried_tsa = list(_tsa_certificates(pending))
    for tsa_cert in carried_tsa:
        crl_urls.extend(fetch.crl_urls(tsa_cert))
        issuer = _issuer_of(tsa_cert, carried_tsa + ca_certs)
        if issuer is not None and issuer is not tsa_cert and fetch.ocsp_urls(tsa_cert):
            ocsp_jobs.append((tsa_cert, issuer))
    failures = []
    for url in dict.fromkeys(crl_urls):
        try:
            _store("crl", url, fetch.fetch_crl(url))
        except fetch.FetchError as exc:
            failures.append(str(exc))
    for cert, issuer in ocsp_jobs:
        key = f"ocsp:{fingerprint_sha256(issuer)[:16]}:{cert.serial_number:x}"
        try:
            _store("ocsp", key, fetch.fetch_ocsp(cert, issuer))
        except fetch.FetchError as exc:
            failures.append(str(exc))
    if crl_urls:
        from .services import prune_crl_indexes

        prune_crl_indexes()
    still_pending = [
        signature.pk for signature in pending if reverify(signature).status == "revocation_unknown"
    ]
    for failure in failures:
        logger.warning("esign_surveys revocation fetch: %s", failure)
    retried = None
    if signature_ids and still_pending and attempt < RECHECK_ATTEMPTS:
        # Queued again for just those (a new message, not an exception: the run itself
        # succeeded, the data is what is missing).
        retried = refresh_revocation.apply_async(
            kwargs={"signature_ids": still_pending, "attempt": attempt + 1},
            countdown=RECHECK_DELAY_SECONDS,
        )
    if isinstance(retried, EagerResult):  # eager (tests): the re-check already ran
        return retried.result
    return {
        "pending": len(pending),
        "still_pending": still_pending,
        "failures": failures,
        "attempt": attempt,
    }


@shared_task
def reverify_survey(survey_id):
    """Re-check every stored signature of a survey with today's revocation data."""
    from .models import Signature
    from .services import reverify

    refresh_revocation.apply()  # fresh revocation data first
    count = 0
    for signature in Signature.objects.filter(
        response__survey_id=survey_id, cms_der__isnull=False
    ).select_related("response__survey"):
        reverify(signature)
        count += 1
    return count


@shared_task(bind=True, max_retries=3, default_retry_delay=60)
def seal_receipt(self, response_id, language="kk"):
    """Render and seal the receipt once; a retry after success finds it and stops."""
    from pyhanko.sign.timestamps import TimestampRequestError

    from .models import Receipt, Response
    from .receipts import SealNotConfigured, render_pdf, seal_pdf

    response = Response.objects.select_related("survey", "site").get(pk=response_id)
    if Receipt.objects.filter(response=response).exists():
        return "exists"
    pdf = render_pdf(response, language)
    try:
        sealed, cert_sha256, timestamped = seal_pdf(pdf)
    except SealNotConfigured:
        logger.warning("esign_surveys: receipts are not sealed, no organisation key set")
        return "not-configured"
    except (OSError, TimestampRequestError) as exc:  # TSA unreachable: try again later
        raise self.retry(exc=exc) from exc
    with transaction.atomic():
        Receipt.objects.get_or_create(
            response=response,
            defaults={
                "pdf": sealed,
                "sha256": hashlib.sha256(sealed).hexdigest(),
                "seal_certificate_sha256": cert_sha256,
                "timestamped": timestamped,
            },
        )
    return "sealed"
