"""Object identifiers NCA RK uses, next to the standard ones the verifier must recognise."""

from __future__ import annotations

# Kazakh GOST 34.10-2015, 512 bit: TC26-512-A + Streebog-512 under NCA's own arc (eds.md §2.3).
KZ_GOST2015_512_KEY = "1.2.398.3.10.1.1.2.2"
KZ_GOST2015_512_PARAMS_A = "1.2.398.3.10.1.1.2.2.1"
KZ_GOST2015_512_SIGNATURE = "1.2.398.3.10.1.1.2.3.2"
KZ_STREEBOG_512 = "1.2.398.3.10.1.3.3"

# Kazakh GOST 34.10-2015, 256 bit: listed by NCA, never seen in a sample.
KZ_GOST2015_256_KEY = "1.2.398.3.10.1.1.2.1"
KZ_GOST2015_256_PARAMS_A = "1.2.398.3.10.1.1.2.1.1"
KZ_GOST2015_256_SIGNATURE = "1.2.398.3.10.1.1.2.3.1"
KZ_STREEBOG_256 = "1.2.398.3.10.1.3.2"

# Legacy GOST 34.310-2004 (GOST R 34.11-94 digest): recognised only to be reported as unsupported.
KZ_GOST2004_KEY = "1.2.398.3.10.1.1.1.1"
KZ_GOST2004_SIGNATURE = "1.2.398.3.10.1.1.1.2"
KZ_GOST2004_DIGEST = "1.2.398.3.10.1.3.1"

RSA_ENCRYPTION = "1.2.840.113549.1.1.1"

EKU_EMAIL_PROTECTION = "1.3.6.1.5.5.7.3.4"  # NCA's marker of a signing key
EKU_CLIENT_AUTH = "1.3.6.1.5.5.7.3.2"  # NCA's marker of an authentication key
EKU_TIME_STAMPING = "1.3.6.1.5.5.7.3.8"
EKU_OCSP_SIGNING = "1.3.6.1.5.5.7.3.9"

ROLE_INDIVIDUAL = "1.2.398.3.3.4.1.1"
ROLE_ORGANISATION = "1.2.398.3.3.4.1.2"
