"""The plugin's logic between the views, the tasks and the `eds` library: who may answer,
freezing canonical bytes with a single-use nonce, verifying and recording evidence, poll
results. Django-aware; the cryptography stays in `eds`."""

from __future__ import annotations

import contextlib
import hashlib
import json
from collections import Counter
from datetime import timedelta
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from accounts.roles import Role

from . import eds
from .eds.certificates import fingerprint_sha256
from .eds.revocation import (
    CrlIndexStore,
    IndexedCrl,
    crl_number,
    crl_sha256,
    is_delta_crl,
    iter_revoked,
    load_crl,
    verify_crl_signature,
)
from .models import (
    CrlIndex,
    EvidenceBlob,
    Response,
    RevocationData,
    RevokedSerial,
    Signature,
    SigningChallenge,
    Survey,
    Verification,
)

# What a person reads for each verification status; the library's technical reason is shown
# beside it (and kept in the evidence) for support staff.
STATUS_MESSAGES = {
    "valid": gettext_lazy("The signature is valid."),
    "invalid_signature": gettext_lazy(
        "The signature does not match your answers (they were signed in another form)."
    ),
    "untrusted_chain": gettext_lazy(
        "The certificate was not issued by a trusted certification centre (NCA RK)."
    ),
    "expired": gettext_lazy("The certificate was not valid at the time of signing."),
    "revoked": gettext_lazy("The certificate has been revoked."),
    "revocation_unknown": gettext_lazy(
        "The signature awaits the revocation check of its certificate: it is repeated "
        "automatically, and the answer counts as signed only once the check passes."
    ),
    "wrong_key_usage": gettext_lazy(
        "This key is for logging in (AUTH), not for signing: choose the RSA or GOST signing key."
    ),
    "iin_mismatch": gettext_lazy("The certificate's IIN is not the IIN of your account."),
    "unsupported_algorithm": gettext_lazy(
        "This certificate's algorithm (GOST 2004) is no longer supported: use a current key."
    ),
    "malformed": gettext_lazy(
        "The signature could not be read: it is damaged or not a CMS signature."
    ),
    "untrusted_tsa": gettext_lazy("The timestamp comes from an untrusted time-stamping service."),
    "invalid_timestamp": gettext_lazy("The signature's timestamp is invalid."),
    "timestamp_required": gettext_lazy("The signature has no timestamp."),
    "too_large": gettext_lazy("The signature is too large."),
    "replayed": gettext_lazy(
        "This signing request has already been used. Sign again from the answer page."
    ),
    "expired_challenge": gettext_lazy("The signing request has expired. Sign again."),
}


def status_message(status):
    return str(STATUS_MESSAGES.get(status, status))


# Names of the certificate issuer's fields as the receipt prints them (docs/glossary.md,
# "EDS certificates"); asn1crypto's own labels are English.
ISSUER_FIELD_LABELS = {
    "common_name": pgettext_lazy("certificate issuer", "Name"),
    "country_name": pgettext_lazy("certificate issuer", "Country"),
    "organization_name": pgettext_lazy("certificate issuer", "Organisation"),
    "organizational_unit_name": pgettext_lazy("certificate issuer", "Unit"),
    "locality_name": pgettext_lazy("certificate issuer", "Locality"),
    "state_or_province_name": pgettext_lazy("certificate issuer", "Region"),
    "serial_number": pgettext_lazy("certificate issuer", "Serial number"),
    "email_address": pgettext_lazy("certificate issuer", "E-mail"),
}


def issuer_fields(signature):
    """[(label, value)] of the signer certificate's issuer, labels in the active language.
    Read from the CMS as received; an unreadable one gives the stored text unlabelled."""
    try:
        issuer = eds.parse_cms(bytes(signature.cms_der)).signer_certificate.issuer.native
    except Exception:  # noqa: BLE001 - a malformed attempt: fall back to the stored text
        return [("", signature.certificate_issuer)] if signature.certificate_issuer else []
    rows = []
    for key, value in issuer.items():
        values = value if isinstance(value, list) else [value]
        label = ISSUER_FIELD_LABELS.get(key, key)
        rows.extend((str(label), str(item)) for item in values)
    return rows


# --- trust configuration ---------------------------------------------------------------


def _read_all(paths):
    return [Path(path).read_bytes() for path in paths]


@lru_cache(maxsize=4)
def _policy(roots, certificates, tsa_roots, tsa_certificates, require_timestamp):
    return eds.VerificationPolicy.build(
        trusted_root_sha256=roots,
        certificates=_read_all(certificates),
        trusted_tsa_root_sha256=tsa_roots,
        tsa_certificates=_read_all(tsa_certificates),
        require_timestamp=require_timestamp,
    )


def verification_policy():
    """The pinned roots and certificates from settings (built once per configuration)."""
    return _policy(
        tuple(settings.ESIGN_SURVEYS_TRUSTED_ROOT_SHA256),
        tuple(settings.ESIGN_SURVEYS_CA_CERTIFICATES),
        tuple(settings.ESIGN_SURVEYS_TRUSTED_TSA_ROOT_SHA256),
        tuple(settings.ESIGN_SURVEYS_TSA_CERTIFICATES),
        settings.ESIGN_SURVEYS_REQUIRE_TIMESTAMP,
    )


# --- audience ----------------------------------------------------------------------------


# The platform keeps no class register (accounts and schools know roles per school and
# parent-child links, not classes): a survey for classes lists them itself, the respondent
# picks one (a validated choice) and the results filter by it.
CLASS_ROLES = (Role.STUDENT, Role.PARENT)


def schools_of_site(site):
    """The schools a site speaks for: a school site its own school, a portal the schools of
    its territory."""
    from schools.models import Portal, School

    own = School.objects.filter(site=site)
    if own.exists():
        return own
    portal = Portal.objects.filter(site=site).first()
    return portal.schools() if portal else School.objects.none()


def memberships(user, site):
    """The visitor's (school id, role) pairs at the schools `site` speaks for, in a stable
    order. A parent linked to a student of such a school (GuardianLink) belongs to it as a
    parent even without a parent role there."""
    from accounts.models import RoleAssignment

    if not user.is_authenticated:
        return []
    schools = schools_of_site(site)
    pairs = list(
        RoleAssignment.objects.filter(user=user, school__in=schools)
        .order_by("pk")
        .values_list("school_id", "role")
    )
    children = (
        RoleAssignment.objects.filter(
            user__guardian_links__guardian=user, role=Role.STUDENT, school__in=schools
        )
        .order_by("pk")
        .values_list("school_id", flat=True)
    )
    pairs += [(school_id, Role.PARENT.value) for school_id in children]
    return list(dict.fromkeys(pairs))


def respondent(survey, request):
    """(school id or None, role) recorded with an answer: the role the audience asked for,
    at the school where the visitor holds it; a school site's answers belong to its school."""
    pairs = memberships(request.user, survey.site)
    wanted = {
        Survey.Audience.ROLES: set(survey.audience_roles),
        Survey.Audience.CLASSES: set(CLASS_ROLES),
    }.get(survey.audience)
    if wanted:
        pairs = [pair for pair in pairs if pair[1] in wanted] or pairs
    school_id, role = pairs[0] if pairs else (None, "")
    from schools.models import School

    own_school = School.objects.filter(site=survey.site).values_list("pk", flat=True).first()
    return (own_school or school_id), role


def audience_problem(survey, request, *, check_answered=True):
    """None when the visitor may answer `survey` now, else a translated reason.
    `check_answered=False` leaves out "already answered", which depends on the visitor."""
    if not survey.is_open():
        if survey.opens_at and timezone.now() < survey.opens_at:
            return _("This survey is not open yet.")
        return _("This survey is closed.")
    user = request.user
    if survey.audience != Survey.Audience.ANONYMOUS and not user.is_authenticated:
        return _("Log in to answer this survey.")
    if not user.is_superuser:
        roles = {role for _school, role in memberships(user, survey.site)}
        if survey.audience == Survey.Audience.ROLES and not roles & set(survey.audience_roles):
            return _("This survey is for other participants of the school.")
        if survey.audience == Survey.Audience.CLASSES and not roles & set(CLASS_ROLES):
            return _("This survey is for the school's students and parents.")
    if check_answered and not survey.multiple_answers and already_answered(survey, request):
        return _("You have already answered this survey.")
    return None


def already_answered(survey, request):
    if request.user.is_authenticated:
        return survey.responses.filter(user=request.user).exists()
    key = request.session.session_key
    return bool(key) and survey.responses.filter(session_key=key).exists()


# --- answers and challenges ------------------------------------------------------------


def signed_document(response):
    """What the respondent signs, before the nonce is added."""
    return {
        "platform": "mektep",
        "site": response.site.hostname,
        "survey": {"id": response.survey_id, "slug": response.survey.slug},
        "response": str(response.public_id),
        "submitted_at": response.created_at.isoformat(),
        "class": response.class_name,
        "answers": response.answers,
    }


# What a signature binds of an answer: if any of it differs from the stored answer, the
# answer was changed after signing (e.g. in the database) and must not pass as signed.
SIGNED_FIELDS = ("response", "survey", "class", "answers")

ALTERED_MESSAGE = gettext_lazy(
    "Warning: the answer differs from what was signed. It was changed after signing; "
    "only the signed version (signed.json in the evidence) is valid."
)


def signature_of_record(response):
    """The signature a signed or pending answer rests on (its latest valid one, else its
    latest pending one); None for an unsigned answer."""
    for status in ("valid", "revocation_unknown"):
        signature = response.signatures.filter(status=status).order_by("-received_at").first()
        if signature is not None:
            return signature
    return None


def differs_from_signed(response, signature=None):
    """True when the stored answer is not what `signature` (by default the signature of
    record) signed, or the signed bytes no longer match their recorded hash."""
    signature = signature or signature_of_record(response)
    if signature is None:
        return False
    data = bytes(signature.signed_bytes)
    if hashlib.sha256(data).hexdigest() != signature.signed_bytes_sha256:
        return True
    try:
        document = json.loads(data)
    except ValueError:
        return True
    current = json.loads(json.dumps(signed_document(response)))  # JSON types, as signed
    return any(document.get(key) != current.get(key) for key in SIGNED_FIELDS)


def issue_challenge(response):
    """Freeze the canonical bytes with a new single-use nonce valid for a limited time."""
    nonce = eds.new_nonce()
    payload = eds.canonical_answer_bytes(signed_document(response), nonce)
    return SigningChallenge.objects.create(
        response=response,
        nonce=nonce,
        payload=payload,
        expires_at=timezone.now() + timedelta(seconds=settings.ESIGN_SURVEYS_CHALLENGE_SECONDS),
    )


class ChallengeError(Exception):
    def __init__(self, status):
        super().__init__(status)
        self.status = status


def open_challenge(response, nonce):
    """The challenge a submission answers, still unused and unexpired (not consumed yet:
    a submission that cannot even be parsed must leave it usable for a retry)."""
    challenge = SigningChallenge.objects.filter(response=response, nonce=nonce).first()
    if challenge is None or challenge.used_at is not None:
        raise ChallengeError("replayed")
    if challenge.expires_at <= timezone.now():
        raise ChallengeError("expired_challenge")
    return challenge


def consume_challenge(response, nonce):
    """Mark the challenge used exactly once; a second use (a replay) or an expired one
    raises ChallengeError."""
    challenge = open_challenge(response, nonce)
    now = timezone.now()
    updated = SigningChallenge.objects.filter(pk=challenge.pk, used_at__isnull=True).update(
        used_at=now
    )
    if updated != 1:  # another request consumed it between our read and our write
        raise ChallengeError("replayed")
    challenge.used_at = now
    return challenge


# --- verification ----------------------------------------------------------------------


def cached_revocation(cms_input):
    """CRLs and OCSP responses from the cache the Celery task fills (never fetched here).
    A CRL the task verified and indexed comes as its metadata (eds.IndexedCrl): the 7 MB of
    NCA's CRL are neither loaded nor parsed on a request."""
    from asn1crypto import x509

    cached = list(RevocationData.objects.filter(kind="crl").values_list("pk", "sha256"))
    indexed = {
        row.sha256: row
        for row in CrlIndex.objects.filter(sha256__in=[sha256 for _pk, sha256 in cached]).exclude(
            verified_with=""
        )
    }
    crls, unindexed = [], []
    for pk, sha256 in cached:
        row = indexed.get(sha256)
        if row is None:
            unindexed.append(pk)
            continue
        crls.append(
            IndexedCrl(
                sha256=row.sha256,
                issuer=x509.Name.load(bytes(row.issuer_der)),
                this_update=row.this_update,
                next_update=row.next_update,
                is_delta=row.is_delta,
                verified_with=row.verified_with,
            )
        )
    if unindexed:
        crls += [
            bytes(der)
            for der in RevocationData.objects.filter(pk__in=unindexed).values_list("der", flat=True)
        ]
    serial = None
    with contextlib.suppress(Exception):  # unparsable input: the verifier reports it
        serial = eds.parse_cms(cms_input).signer_certificate.serial_number
    ocsps = []
    if serial is not None:
        ocsps = [
            bytes(d)
            for d in RevocationData.objects.filter(
                kind="ocsp", key__endswith=f":{serial:x}"
            ).values_list("der", flat=True)
        ]
    return crls, ocsps


def expected_iin(response):
    if not response.survey.require_iin_match:
        return None
    user = response.user
    return (getattr(user, "iin", "") or "") if user else ""


class DatabaseCrlIndex(CrlIndexStore):
    """Revoked serials from the `CrlIndex` table, which the fetching task fills once per CRL
    (`index_crl`): a request looks one serial up instead of walking a 150,000-entry CRL, and
    every worker shares the index. A CRL nobody indexed (put in the cache by other means) is
    walked in this process as before."""

    def lookup(self, crl_list, serial):
        key = crl_list.sha256 if isinstance(crl_list, IndexedCrl) else crl_sha256(crl_list)
        if not CrlIndex.objects.filter(sha256=key).exists():
            return super().lookup(crl_list, serial)  # raises for an IndexedCrl
        row = (
            RevokedSerial.objects.filter(crl__sha256=key, serial=format(serial, "x"))
            .values_list("revoked_at", "reason")
            .first()
        )
        return (row[0], row[1] or None) if row else None


database_crl_index = DatabaseCrlIndex(size=4)


def index_crl(der):
    """Index a fetched CRL's revoked serials once (idempotent: keyed by the CRL's SHA-256,
    which also names it among several CRL numbers of one issuer). Returns the CrlIndex."""
    from django.db import IntegrityError

    crl_list = load_crl(der)
    key = crl_sha256(crl_list)
    existing = CrlIndex.objects.filter(sha256=key).first()
    if existing is not None:
        return existing
    tbs = crl_list["tbs_cert_list"]
    number = crl_number(crl_list)
    # Verified once here with the configured CA and TSA certificates, so that a verification
    # can rely on the index without loading the CRL to check its signature again.
    policy = verification_policy()
    verified_with = ""
    for candidate in (*policy.roots.certificates, *policy.tsa_roots.certificates):
        if candidate.subject != tbs["issuer"]:
            continue
        try:
            verify_crl_signature(crl_list, candidate)
        except Exception:  # noqa: BLE001, S112 - not this key: try the next candidate
            continue
        verified_with = fingerprint_sha256(candidate)
        break
    rows = {}
    for serial, revoked_at, reason in iter_revoked(crl_list):
        rows[format(serial, "x")] = (revoked_at, reason or "")
    try:
        with transaction.atomic():
            index = CrlIndex.objects.create(
                sha256=key,
                issuer=tbs["issuer"].human_friendly[:2000],
                issuer_der=tbs["issuer"].dump(),
                crl_number="" if number is None else str(number),
                this_update=tbs["this_update"].native,
                next_update=tbs["next_update"].native,
                is_delta=is_delta_crl(crl_list),
                verified_with=verified_with,
                entries=len(rows),
            )
            RevokedSerial.objects.bulk_create(
                (
                    RevokedSerial(crl=index, serial=serial, revoked_at=when, reason=reason[:40])
                    for serial, (when, reason) in rows.items()
                ),
                batch_size=5000,
            )
    except IntegrityError:  # another worker indexed the same CRL at the same time
        return CrlIndex.objects.get(sha256=key)
    return index


def prune_crl_indexes():
    """Drop the indexes of CRLs no longer in the revocation cache."""
    current = RevocationData.objects.filter(kind="crl").values_list("sha256", flat=True)
    return CrlIndex.objects.exclude(sha256__in=list(current)).delete()[0]


def run_verification(cms_input, signed_bytes, iin, challenge_issued_at=None):
    """Verify with the cached revocation data only; `challenge_issued_at` is when the signed
    bytes were frozen: a timestamp older than that cannot be genuine."""
    crls, ocsps = cached_revocation(cms_input)
    verifier = eds.SignatureVerifier(verification_policy(), crl_index=database_crl_index)
    return verifier.verify(
        cms_input,
        signed_bytes,
        crls=crls,
        ocsp_responses=ocsps,
        expected_iin=iin,
        challenge_issued_at=challenge_issued_at,
    )


def _revocation_summary(result):
    summary, blobs = [], []
    for item in result.revocation_evidence:
        digest = item.sha256 or hashlib.sha256(item.der).hexdigest()
        blob = EvidenceBlob.objects.filter(sha256=digest).first()
        if blob is None:
            # An indexed CRL's bytes are read once, when it first serves as evidence.
            der = item.der or (
                RevocationData.objects.filter(sha256=digest).values_list("der", flat=True).first()
            )
            if der is not None:
                blob, _created = EvidenceBlob.objects.get_or_create(
                    sha256=digest, defaults={"kind": item.kind, "der": bytes(der)}
                )
        if blob is not None:
            blobs.append(blob)
        summary.append(
            {
                "kind": item.kind,
                "serial": item.certificate_serial,
                "status": item.status,
                "revoked_at": item.revoked_at.isoformat() if item.revoked_at else None,
                "sha256": digest,
            }
        )
    return summary, blobs


def state_for(status):
    if status == "valid":
        return Response.State.SIGNED
    if status == "revocation_unknown":
        return Response.State.PENDING
    return Response.State.UNSIGNED


@transaction.atomic
def record_signature(
    response, challenge, cms_received, result, *, api="", user_agent="", consumed=True
):
    """Store the attempt and its evidence. An attempt that did not consume its challenge
    (malformed input) keeps the signed bytes but no link to the still usable challenge."""
    signer = result.signer
    summary, blobs = _revocation_summary(result)
    iin = expected_iin(response)
    signature = Signature.objects.create(
        response=response,
        site=response.site,
        challenge=challenge if consumed else None,
        signed_bytes=bytes(challenge.payload),
        signed_bytes_sha256=challenge.payload_sha256,
        cms_received=cms_received,
        cms_der=result.cms_der,
        received_format=result.received_format or "",
        api=api[:20],
        user_agent=user_agent[:400],
        signer_name=(signer.common_name or "") if signer else "",
        signer_surname=(signer.surname or "") if signer else "",
        signer_patronymic=(signer.patronymic or "") if signer else "",
        signer_iin=(signer.iin or "") if signer else "",
        signer_bin=(signer.bin or "") if signer else "",
        signer_organisation=(signer.organisation or "") if signer else "",
        signer_email=(signer.email or "") if signer else "",
        certificate_serial=signer.certificate_serial if signer else "",
        certificate_issuer=signer.issuer if signer else "",
        certificate_subject=signer.subject if signer else "",
        certificate_sha256=signer.certificate_sha256 if signer else "",
        certificate_not_before=signer.not_before if signer else None,
        certificate_not_after=signer.not_after if signer else None,
        algorithm=result.algorithm or "",
        timestamp_time=result.timestamp_time,
        timestamp_token=result.timestamp.der if result.timestamp else None,
        tsa_subject=result.timestamp.tsa_subject if result.timestamp else "",
        chain_sha256=list(result.chain_sha256),
        iin_matches=None if iin is None or not signer else signer.iin == iin,
        status=str(result.status),
        reason=result.reason,
        validation_time=result.validation_time,
        validated_at=result.validated_at,
        revocation=summary,
    )
    signature.evidence.add(*blobs)
    Verification.objects.create(
        signature=signature,
        status=signature.status,
        reason=signature.reason,
        validated_at=result.validated_at,
        validation_time=result.validation_time,
        revocation=summary,
    )
    _set_response_state(response)
    return signature


def _set_response_state(response):
    """A response is as signed as its best signature."""
    statuses = set(response.signatures.values_list("status", flat=True))
    if "valid" in statuses:
        state = Response.State.SIGNED
    elif "revocation_unknown" in statuses:
        state = Response.State.PENDING
    else:
        state = Response.State.UNSIGNED
    if response.state != state:
        response.state = state
        response.save(update_fields=["state"])
        from .models import Receipt

        Receipt.objects.filter(response=response).delete()  # re-issued with the new state


def reverify(signature):
    """Re-check a stored signature with today's cached revocation data; appends history."""
    if not signature.cms_der:
        return signature
    challenge = signature.challenge
    result = run_verification(
        bytes(signature.cms_der),
        bytes(signature.signed_bytes),
        expected_iin(signature.response),
        challenge.created_at if challenge else None,
    )
    summary, blobs = _revocation_summary(result)
    with transaction.atomic():
        Verification.objects.create(
            signature=signature,
            status=str(result.status),
            reason=result.reason,
            validated_at=result.validated_at,
            validation_time=result.validation_time,
            revocation=summary,
        )
        signature.status = str(result.status)
        signature.reason = result.reason
        signature.validated_at = result.validated_at
        signature.validation_time = result.validation_time
        signature.revocation = summary
        signature.save(
            update_fields=["status", "reason", "validated_at", "validation_time", "revocation"]
        )
        signature.evidence.add(*blobs)
        _set_response_state(signature.response)
    return signature


# --- polls -------------------------------------------------------------------------------

# One vote per person: a signed-in voter is counted by account, an anonymous one by a
# long-lived device cookie signed by the server (a forged or altered one is not accepted),
# and a ceiling of anonymous votes per client address and poll within a window keeps
# cookie-clearing scripts in check without locking out a school behind one NAT address.
DEVICE_COOKIE = "esign_device"
DEVICE_COOKIE_SALT = "esign_surveys.device"
DEVICE_COOKIE_AGE = 60 * 60 * 24 * 365 * 2


def poll_address_limit():
    """(votes, seconds): anonymous votes one address may cast in one poll per window."""
    return (
        getattr(settings, "ESIGN_SURVEYS_POLL_VOTES_PER_ADDRESS", 60),
        getattr(settings, "ESIGN_SURVEYS_POLL_ADDRESS_WINDOW_SECONDS", 3600),
    )


def device_id(request):
    """The id of this browser's signed device cookie, or None (absent, forged or expired)."""
    return request.get_signed_cookie(
        DEVICE_COOKIE, default=None, salt=DEVICE_COOKIE_SALT, max_age=DEVICE_COOKIE_AGE
    )


def ensure_device_cookie(request, reply):
    """Give the browser a device cookie when it has no valid one (on csrf.json and the vote
    page, i.e. before any vote)."""
    if device_id(request) is None:
        import secrets

        reply.set_signed_cookie(
            DEVICE_COOKIE,
            secrets.token_urlsafe(18),
            salt=DEVICE_COOKIE_SALT,
            max_age=DEVICE_COOKIE_AGE,
            secure=request.is_secure(),
            httponly=True,
            samesite="Lax",
        )
    return reply


def voter_key(request):
    """What a poll counts once: the account, else the device; None without a device cookie."""
    if request.user.is_authenticated:
        return hashlib.sha256(f"user:{request.user.pk}".encode()).hexdigest()
    device = device_id(request)
    return hashlib.sha256(f"device:{device}".encode()).hexdigest() if device else None


def address_key(request):
    """A keyed hash of the client address (the address itself is not stored)."""
    from django.utils.crypto import salted_hmac

    from axes.helpers import get_client_ip_address

    try:
        address = get_client_ip_address(request) or ""
    except Exception:  # noqa: BLE001 - a malformed forwarded header must not break voting
        address = request.META.get("REMOTE_ADDR", "")
    return salted_hmac("esign_surveys.address", address).hexdigest()


def poll_vote_problem(survey, request):
    """None when this person or device may vote in `survey` now, else the reason."""
    problem = audience_problem(survey, request, check_answered=False)
    if problem:
        return problem
    voter = voter_key(request)
    if voter is None:
        return _("To vote, allow this site's cookies in your browser and try again.")
    if survey.responses.filter(device=voter).exists():
        return _("You have already voted in this poll.")
    if not request.user.is_authenticated:
        limit, window = poll_address_limit()
        since = timezone.now() - timedelta(seconds=window)
        recent = survey.responses.filter(
            address=address_key(request), user__isnull=True, created_at__gte=since
        ).count()
        if recent >= limit:
            return _(
                "Too many votes have come from your network in this poll recently. "
                "Please try again later or sign in to vote."
            )
    return None


def question_results(survey, responses=None):
    """{question key: Counter of answer values} over `responses` (all by default)."""
    responses = survey.responses.all() if responses is None else responses
    counts = {}
    for child in survey.questions:
        counts[child.value["key"]] = Counter()
    for answers in responses.values_list("answers", flat=True):
        for key, value in (answers or {}).items():
            if key not in counts:
                continue
            if isinstance(value, list):
                counts[key].update(str(v) for v in value)
            elif isinstance(value, dict):
                counts[key].update(f"{row}: {col}" for row, col in value.items())
            elif value not in (None, ""):
                counts[key][str(value)] += 1
    return counts


def poll_results(survey):
    from .blocks import localized

    child = survey.questions[0] if len(survey.questions) else None
    if child is None:
        return {"total": 0, "choices": []}
    counts = question_results(survey)[child.value["key"]]
    total = survey.responses.count()
    choices = []
    for choice in child.value.get("choices") or []:
        choices.append(
            {
                "value": choice["value"],
                "label": localized(choice, "label"),
                "votes": counts.get(choice["value"], 0),
            }
        )
    return {"total": total, "choices": choices}


def poll_context(survey, request):
    """What the poll block renders; None for a survey of another site or without choices."""
    site = getattr(request, "site", None)
    if site is None or survey.site_id != site.pk or survey.kind != Survey.Kind.POLL:
        return None
    from .blocks import localized

    child = survey.questions[0] if len(survey.questions) else None
    if child is None:
        return None
    return {
        "survey": survey,
        "key": child.value["key"],
        "question": localized(child.value, "text"),
        "multiple": child.block_type == "multiple_choice",
        "choices": [
            {"value": c["value"], "label": localized(c, "label")}
            for c in child.value.get("choices") or []
        ],
        # An anonymous visitor's page is cached for everyone: it must not say "you have
        # already voted" (the vote itself is refused then, with that message).
        "problem": audience_problem(survey, request, check_answered=request.user.is_authenticated),
        "results": poll_results(survey) if survey.live_results else None,
    }
