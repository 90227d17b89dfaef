"""E-mail addresses as people type them: something@domain.tld, no spaces, at most 320
characters (the SMTP server checks the rest)."""

from __future__ import annotations

import re

ADDRESS = re.compile(r"[^@\s<>\"']{1,64}@[^@\s<>\"']+\.[^@\s<>\"'.]{2,}")


def valid_address(address: str) -> bool:
    return len(address) <= 320 and ADDRESS.fullmatch(address) is not None
