"""API tokens for scripts: ``Authorization: Bearer <token>``.

A token belongs to a user and is limited to scopes, a subset of the permissions the user's role
holds; a request with it acts as the user with the permissions both the role (as it is now) and
the scopes allow, so a token never does more than its owner. The token is shown once, when it is
made; the store keeps its SHA-256, as for sessions. A token is refused once revoked, once expired,
and while its owner is disabled (disabling a user revokes their tokens). Its last use is written
at most once a day (one audit row ``token.used`` a day, not one per request).
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from contextlib import suppress
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Engine, insert, or_, select, update

from stdgap.accounts import passwords
from stdgap.accounts.errors import AccountError
from stdgap.accounts.models import ApiToken, User
from stdgap.accounts.operations import now
from stdgap.i18n.translate import _l
from stdgap.permissions import Account, permission, registry, role_may
from stdgap.store.unit import Unit, operation

#: The start of every token (so that secret scanners and people recognise one).
PREFIX = "stdgap_"
LONGEST_DAYS = 3650


class _AlreadyNoted(Exception):
    """Today's use of a token is written already (by another request)."""


@operation("token.create", target=lambda owner, *_a, **_k: owner, data=False)
def create_token(
    unit: Unit, owner: str, name: str, scopes: Sequence[str], days: int | None = None
) -> tuple[int, str]:
    """A new token of the user ``owner``, limited to ``scopes`` and valid for ``days`` (None:
    until revoked); (its id, the token, to be shown once)."""
    user = unit.connection.execute(
        select(User.id, User.role, User.active).where(User.name == owner)
    ).first()
    if user is None:
        raise AccountError(_l("no user named %(name)r", name=owner))
    if not user.active:
        raise AccountError(_l("%(name)r is disabled", name=owner))
    label = name.strip()
    if not 0 < len(label) <= 100:
        raise AccountError(_l("a token's name has 1 to 100 characters"))
    wanted = sorted(set(scopes))
    if not wanted:
        raise AccountError(_l("give the token at least one scope"))
    unknown = [scope for scope in wanted if scope not in registry()]
    if unknown:
        raise AccountError(
            _l(
                "unknown scope(s): %(scopes)s (known: %(known)s)",
                scopes=", ".join(unknown),
                known=", ".join(sorted(registry())),
            )
        )
    sessions_only = [scope for scope in wanted if permission(scope).session_only]
    if sessions_only:
        raise AccountError(
            _l(
                "%(scopes)s: only with a signed-in session, never through a token",
                scopes=", ".join(sessions_only),
            )
        )
    beyond = [scope for scope in wanted if not role_may(user.role, scope)]
    if beyond:
        raise AccountError(
            _l(
                "the role '%(role)s' does not hold %(scopes)s: a token cannot do more than its "
                "owner",
                role=user.role,
                scopes=", ".join(beyond),
            )
        )
    if days is not None and not 1 <= days <= LONGEST_DAYS:
        raise AccountError(
            _l("a token lasts from 1 to %(days)s days (or until revoked)", days=LONGEST_DAYS)
        )
    token = PREFIX + secrets.token_urlsafe(32)
    moment = now()
    expires = moment + timedelta(days=days) if days is not None else None
    token_id = unit.connection.execute(
        insert(ApiToken)
        .values(
            digest=passwords.digest(token),
            user_id=user.id,
            name=label,
            scopes=wanted,
            created_at=moment,
            expires_at=expires,
        )
        .returning(ApiToken.id)
    ).scalar_one()
    unit.details.update(
        token_id=token_id,
        name=label,
        scopes=wanted,
        expires=expires.isoformat() if expires else None,
    )
    return int(token_id), token


@operation("token.revoke", target=lambda token_id, *_a, **_k: f"token {token_id}", data=False)
def revoke_token(unit: Unit, token_id: int, owner: str | None = None) -> str:
    """Revoke the token ``token_id`` (of ``owner`` when given); the owner's name."""
    query = (
        select(User.name, ApiToken.revoked_at)
        .join(User, User.id == ApiToken.user_id)
        .where(ApiToken.id == token_id)
    )
    if owner is not None:
        query = query.where(User.name == owner)
    row = unit.connection.execute(query).first()
    if row is None:
        raise AccountError(_l("no API token %(id)s", id=token_id))
    if row.revoked_at is not None:
        raise AccountError(_l("the API token %(id)s is revoked already", id=token_id))
    unit.connection.execute(
        update(ApiToken).where(ApiToken.id == token_id).values(revoked_at=now())
    )
    unit.details["owner"] = row.name
    return str(row.name)


@operation("token.used", target=lambda token_id: f"token {token_id}", data=False)
def note_use(unit: Unit, token_id: int) -> None:
    """Write today's first use of a token (nothing, and no audit row, when it is written)."""
    moment = now()
    today = moment.replace(hour=0, minute=0, second=0)
    done = unit.connection.execute(
        update(ApiToken)
        .where(
            ApiToken.id == token_id,
            or_(ApiToken.last_used_at.is_(None), ApiToken.last_used_at < today),
        )
        .values(last_used_at=moment)
    )
    if not done.rowcount:
        raise _AlreadyNoted()


def token_account(engine: Engine, token: str) -> Account | None:
    """The account a bearer token acts as (limited to its scopes), or None when the token is
    unknown, revoked, expired, or its owner disabled."""
    moment = now()
    with engine.connect() as connection:
        row = connection.execute(
            select(
                ApiToken.id.label("token_id"),
                ApiToken.scopes,
                ApiToken.last_used_at,
                User.id,
                User.name,
                User.role,
            )
            .join(User, User.id == ApiToken.user_id)
            .where(
                ApiToken.digest == passwords.digest(token),
                ApiToken.revoked_at.is_(None),
                or_(ApiToken.expires_at.is_(None), ApiToken.expires_at > moment),
                User.active.is_(True),
            )
        ).first()
    if row is None:
        return None
    if row.last_used_at is None or row.last_used_at.date() < moment.date():
        with suppress(_AlreadyNoted):
            note_use.perform(engine, row.name, row.token_id)
    return Account(row.id, row.name, row.role, scopes=frozenset(row.scopes))


def _state(revoked: datetime | None, expires: datetime | None, moment: datetime) -> str:
    if revoked is not None:
        return "revoked"
    if expires is not None and expires <= moment:
        return "expired"
    return "active"


def list_tokens(engine: Engine, owner: str | None = None) -> list[dict[str, Any]]:
    """The tokens (of ``owner``, or of everyone), newest first; never the tokens themselves."""
    query = (
        select(
            ApiToken.id,
            ApiToken.name,
            ApiToken.scopes,
            ApiToken.created_at,
            ApiToken.expires_at,
            ApiToken.revoked_at,
            ApiToken.last_used_at,
            User.name.label("owner"),
        )
        .join(User, User.id == ApiToken.user_id)
        .order_by(ApiToken.id.desc())
    )
    if owner is not None:
        query = query.where(User.name == owner)
    moment = now()
    with engine.connect() as connection:
        rows = connection.execute(query).all()
    return [
        {
            "id": token.id,
            "owner": token.owner,
            "name": token.name,
            "scopes": list(token.scopes),
            "state": _state(token.revoked_at, token.expires_at, moment),
            "created_at": token.created_at.isoformat(),
            "expires_at": _iso(token.expires_at),
            "revoked_at": _iso(token.revoked_at),
            "last_used_at": _iso(token.last_used_at),
        }
        for token in rows
    ]


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment is not None else None
