"""The signature of a delivery (issue 16, ADR 0021), pure: header
`Reintegratie-Handtekening: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>`.
The receiver's side is `docs/abonnementen_verificatie.py`, kept in step by the tests."""

import hashlib
import hmac

KOP = "Reintegratie-Handtekening"


def onderteken(geheim: str, body: bytes, tijdstip: int) -> str:
    mac = hmac.new(geheim.encode(), f"{tijdstip}.".encode() + body, hashlib.sha256)
    return f"t={tijdstip},v1={mac.hexdigest()}"
