"""The respondent's PDF receipt: WeasyPrint renders it, pyHanko seals it (PAdES) with the
platform's organisation certificate and, when a TSA is configured, a timestamp."""

import hashlib
import io

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from asn1crypto import pem, x509


class SealNotConfigured(Exception):
    pass


def render_pdf(response, language):
    from django.contrib.staticfiles import finders

    from weasyprint import CSS, HTML

    html = render_html(response, language)
    stylesheet = CSS(filename=finders.find("esign_surveys/css/receipt.css"))
    return HTML(string=html).write_pdf(stylesheets=[stylesheet])


def render_html(response, language):
    """The receipt's HTML in `language` (what the PDF prints)."""
    from .services import ALTERED_MESSAGE, differs_from_signed, issuer_fields, status_message
    from .views import _answer_rows

    with translation.override(language):
        signature = response.latest_signature
        html = render_to_string(
            "esign_surveys/receipt.html",
            {
                "response": response,
                "survey": response.survey,
                "rows": _answer_rows(response),
                "signature": signature,
                "signature_message": status_message(signature.status) if signature else "",
                "issuer": issuer_fields(signature) if signature and signature.cms_der else [],
                "altered_message": ALTERED_MESSAGE
                if response.state != "unsigned" and differs_from_signed(response)
                else "",
            },
        )
    return html


def seal_pdf(pdf):
    """PAdES-sign `pdf`; returns (sealed bytes, certificate SHA-256, timestamped?)."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers, timestamps

    cert_path = settings.ESIGN_SURVEYS_SEAL_CERTIFICATE
    key_path = settings.ESIGN_SURVEYS_SEAL_KEY
    if not cert_path or not key_path:
        raise SealNotConfigured("ESIGN_SURVEYS_SEAL_CERTIFICATE / _SEAL_KEY are not set")
    passphrase = settings.ESIGN_SURVEYS_SEAL_KEY_PASSPHRASE
    signer = signers.SimpleSigner.load(
        key_path,
        cert_path,
        ca_chain_files=tuple(settings.ESIGN_SURVEYS_SEAL_CHAIN) or None,
        key_passphrase=passphrase.encode() if passphrase else None,
    )
    timestamper = None
    if settings.ESIGN_SURVEYS_SEAL_TSA_URL:
        timestamper = timestamps.HTTPTimeStamper(settings.ESIGN_SURVEYS_SEAL_TSA_URL, timeout=20)
    metadata = signers.PdfSignatureMetadata(
        field_name="OrgSeal",
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
        reason="Mektep: receipt of a survey answer",
    )
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    output = signers.PdfSigner(metadata, signer=signer, timestamper=timestamper).sign_pdf(writer)
    with open(cert_path, "rb") as handle:
        data = handle.read()
    if pem.detect(data):
        _, _, data = pem.unarmor(data)
    cert_sha256 = hashlib.sha256(x509.Certificate.load(data).dump()).hexdigest()
    return output.getvalue(), cert_sha256, timestamper is not None
