"""Password hashing (Argon2id) and the token digests kept instead of session tokens."""

from __future__ import annotations

import hashlib

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

#: Argon2id with OWASP's smallest recommended memory (19 MiB, two passes, one lane): argon2-cffi's
#: default takes 64 MiB per check, so a few sign-ins at once would cost a server hundreds of MB.
HASHER = PasswordHasher(time_cost=2, memory_cost=19_456, parallelism=1)
hasher = HASHER  # the tests put a cheaper one here
#: Hash checked when the name is unknown, so that a wrong name costs the time of a wrong password.
_DUMMY = hasher.hash("not a password")


def hash_password(password: str) -> str:
    return hasher.hash(password)


def verify(stored: str | None, password: str) -> bool:
    """Whether ``password`` matches ``stored`` (a dummy hash is checked when None)."""
    try:
        hasher.verify(stored if stored is not None else _DUMMY, password)
    except (VerificationError, InvalidHashError):
        return False
    return stored is not None


def needs_rehash(stored: str) -> bool:
    """Whether ``stored`` was hashed with other parameters than today's (rehashed at sign-in)."""
    try:
        return hasher.check_needs_rehash(stored)
    except InvalidHashError:
        return False


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
