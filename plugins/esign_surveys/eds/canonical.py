"""Canonical bytes of a survey answer: what the server freezes and the respondent signs."""

from __future__ import annotations

import json
import secrets
from collections.abc import Mapping
from typing import Any

NONCE_KEY = "nonce"


def new_nonce() -> str:
    return secrets.token_urlsafe(24)


def canonical_answer_bytes(answer: Mapping[str, Any], nonce: str) -> bytes:
    """Sorted keys, UTF-8 (not \\u escapes), no whitespace, the nonce under "nonce".

    Values must already be JSON types (dates as ISO strings); NaN/Infinity are refused because
    they are not JSON and would not round-trip.
    """
    if NONCE_KEY in answer:
        raise ValueError(f"the answer already has a {NONCE_KEY!r} key")
    if not nonce:
        raise ValueError("a nonce is required")
    document = {**answer, NONCE_KEY: nonce}
    return json.dumps(
        document, sort_keys=True, ensure_ascii=False, separators=(",", ":"), allow_nan=False
    ).encode("utf-8")
