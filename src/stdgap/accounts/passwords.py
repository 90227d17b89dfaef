"""Password hashing (Argon2id) and the token digests kept instead of session tokens."""

from __future__ import annotations

import hashlib

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

hasher = PasswordHasher()
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


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
