"""Managing accounts in the browser (every page also JSON, every form also answers JSON):

- ``/users`` and ``/users/NAME`` (admins: ``accounts.manage``): list, add, change a role,
  disable and enable, reset a password, end a user's sessions, revoke their API tokens;
- ``/account`` (anyone signed in): change one's own password (the current one asked for; the
  other sessions end), make, list and revoke one's own API tokens (shown once).

Changing one's password and making tokens need a session: an API token cannot do them (it could
otherwise outlive its expiry or become a password). Every change goes through an audited
operation (:mod:`stdgap.accounts.operations`, :mod:`stdgap.accounts.tokens`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import Response

from stdgap.accounts import operations, signin, tokens
from stdgap.accounts.errors import AccountError
from stdgap.accounts.queries import list_users
from stdgap.accounts.web_common import client_address, signed_in, too_many, with_session
from stdgap.http.auth import engine_of, require
from stdgap.http.cookies import SESSION_COOKIE
from stdgap.http.csrf import csrf_protect
from stdgap.http.negotiate import wants_json
from stdgap.http.pages import page
from stdgap.http.problems import Problem
from stdgap.http.render import DataResponse, respond
from stdgap.i18n.locales import listed
from stdgap.i18n.translate import LazyText, Message, _l
from stdgap.permissions import ROLES, Account, role_permissions
from stdgap.store.settings import PASSWORD_MIN_LENGTH, get_setting

router = APIRouter()
manager = require("accounts.manage")
Text = Annotated[str, Form(max_length=1000)]


def _user(request: Request, name: str) -> dict[str, Any]:
    found = list_users(engine_of(request), name)
    if not found:
        raise Problem(404, _l("no user named %(name)r", name=name), "not-found")
    user = found[0]
    user["tokens"] = tokens.list_tokens(engine_of(request), name)
    user["scopes"] = role_permissions(user["role"])
    return user


def _min_length(request: Request) -> int:
    with engine_of(request).connect() as connection:
        return int(get_setting(connection, PASSWORD_MIN_LENGTH))


def _users_page(request: Request, status: int = 200, **extra: Any) -> Response:
    users = list_users(engine_of(request))
    data = {"users": users}
    return respond(
        request, "users.html", data, status, roles=ROLES, min_length=_min_length(request), **extra
    )


def _user_page(request: Request, name: str, status: int = 200, **extra: Any) -> Response:
    data = {"user": _user(request, name)}
    return respond(
        request, "user.html", data, status, roles=ROLES, min_length=_min_length(request), **extra
    )


def _account_page(request: Request, account: Account, status: int = 200, **extra: Any) -> Response:
    data = {"user": _user(request, account.name)}
    return respond(
        request,
        "account.html",
        data,
        status,
        min_length=_min_length(request),
        languages_of_mail=listed(),
        **extra,
    )


def _done(
    request: Request, result: dict[str, Any], again: Callable[..., Response], message: Message
) -> Response:
    """The answer to a form that worked: its result as JSON, or the page again saying so."""
    if wants_json(request):
        return DataResponse(result)
    return again(done=message)


def _refused(request: Request, error: AccountError, again: Callable[..., Response]) -> Response:
    """The answer to a refused form: a problem (422) as JSON, or the page again saying why."""
    if wants_json(request):
        raise Problem(422, _message(error), "bad-account")
    return again(status=422, error=_message(error))


def _message(error: Exception) -> Message:
    first = error.args[0] if error.args else str(error)
    return first if isinstance(first, LazyText | str) else str(first)


@page(router, "/users")
def users_page(request: Request, account: Account = Depends(manager)) -> Response:
    return _users_page(request)


@router.post("/users", include_in_schema=False, dependencies=[Depends(csrf_protect)])
def add_user(
    request: Request,
    name: Text,
    password: Text,
    role: Annotated[str, Form()] = "viewer",
    account: Account = Depends(manager),
) -> Response:
    def again(**extra: Any) -> Response:
        return _users_page(request, **extra)

    try:
        added = operations.add_user.perform(engine_of(request), account.name, name, role, password)
    except AccountError as error:
        return _refused(request, error, again)
    result = {"name": added.name, "role": added.role}
    return _done(request, result, again, _l("User %(name)s added.", name=added.name))


@page(router, "/users/{name}")
def user_page(request: Request, name: str, account: Account = Depends(manager)) -> Response:
    return _user_page(request, name)


def _manage(request: Request, name: str, change: Callable[[], Any], message: Message) -> Response:
    """Make an admin's change to the user ``name`` and answer with the user's page."""

    def again(**extra: Any) -> Response:
        return _user_page(request, name, **extra)

    _user(request, name)  # 404 for an unknown user
    try:
        change()
    except AccountError as error:
        return _refused(request, error, again)
    return _done(request, {"user": _user(request, name)}, again, message)


@router.post("/users/{name}/role", include_in_schema=False, dependencies=[Depends(csrf_protect)])
def set_role(
    request: Request,
    name: str,
    role: Annotated[str, Form()],
    account: Account = Depends(manager),
) -> Response:
    engine = engine_of(request)
    return _manage(
        request,
        name,
        lambda: operations.set_role.perform(engine, account.name, name, role),
        _l("%(name)s is now %(role)s.", name=name, role=role),
    )


@router.post("/users/{name}/person", include_in_schema=False, dependencies=[Depends(csrf_protect)])
def link_person(
    request: Request,
    name: str,
    person: Annotated[str, Form(max_length=300)] = "",
    account: Account = Depends(manager),
) -> Response:
    engine = engine_of(request)
    found = person.strip()
    return _manage(
        request,
        name,
        lambda: operations.link_person.perform(engine, account.name, name, found or None),
        _l("%(name)s is linked to %(person)s.", name=name, person=found)
        if found
        else _l("%(name)s is linked to no person.", name=name),
    )


@router.post("/users/{name}/disable", include_in_schema=False, dependencies=[Depends(csrf_protect)])
def disable(request: Request, name: str, account: Account = Depends(manager)) -> Response:
    engine = engine_of(request)
    return _manage(
        request,
        name,
        lambda: operations.disable_user.perform(engine, account.name, name),
        _l("%(name)s is disabled: signed out, API tokens revoked.", name=name),
    )


@router.post("/users/{name}/enable", include_in_schema=False, dependencies=[Depends(csrf_protect)])
def enable(request: Request, name: str, account: Account = Depends(manager)) -> Response:
    engine = engine_of(request)
    return _manage(
        request,
        name,
        lambda: operations.enable_user.perform(engine, account.name, name),
        _l("%(name)s may sign in again.", name=name),
    )


@router.post(
    "/users/{name}/password", include_in_schema=False, dependencies=[Depends(csrf_protect)]
)
def reset_password(
    request: Request, name: str, password: Text, account: Account = Depends(manager)
) -> Response:
    engine = engine_of(request)
    return _manage(
        request,
        name,
        lambda: operations.reset_password.perform(engine, account.name, name, password),
        _l("The password of %(name)s is reset; their sessions have ended.", name=name),
    )


@router.post(
    "/users/{name}/sign-out", include_in_schema=False, dependencies=[Depends(csrf_protect)]
)
def end_sessions(request: Request, name: str, account: Account = Depends(manager)) -> Response:
    engine = engine_of(request)
    return _manage(
        request,
        name,
        lambda: operations.end_sessions.perform(engine, account.name, name),
        _l("Every session of %(name)s has ended.", name=name),
    )


@page(router, "/account")
def account_page(request: Request, account: Account = Depends(signed_in)) -> Response:
    return _account_page(request, account)


@router.post("/account/password", include_in_schema=False, dependencies=[Depends(csrf_protect)])
def change_password(
    request: Request,
    current_password: Text,
    new_password: Text,
    confirm_password: Text,
    account: Account = Depends(with_session),
) -> Response:
    def again(**extra: Any) -> Response:
        return _account_page(request, account, **extra)

    if new_password != confirm_password:
        return _refused(request, AccountError(_l("the two new passwords differ")), again)
    try:
        signin.change_own_password(
            engine_of(request),
            account,
            current_password,
            new_password,
            request.cookies.get(SESSION_COOKIE),
            client_address(request),
        )
    except signin.Throttled as throttled:
        raise too_many(throttled.wait) from None
    except signin.WrongCredentials:
        return _refused(request, AccountError(_l("the current password is wrong")), again)
    except AccountError as error:
        return _refused(request, error, again)
    message = _l("Your password is changed; your other sessions have ended.")
    return _done(request, {"changed": True}, again, message)


@router.post("/account/contact", include_in_schema=False, dependencies=[Depends(csrf_protect)])
def set_contact(
    request: Request,
    email: Annotated[str, Form(max_length=320)] = "",
    language: Annotated[str, Form(max_length=10)] = "",
    account: Account = Depends(with_session),
) -> Response:
    """Where one's notifications go (an empty address removes it) and in which language."""

    def again(**extra: Any) -> Response:
        return _account_page(request, account, **extra)

    try:
        operations.set_contact.perform(
            engine_of(request), account.name, account.name, email, language or None
        )
    except AccountError as error:
        return _refused(request, error, again)
    user = _user(request, account.name)
    result = {"email": user["email"], "language": user["language"]}
    return _done(request, result, again, _l("Your e-mail address and language are saved."))


@router.post("/account/tokens", include_in_schema=False, dependencies=[Depends(csrf_protect)])
def create_token(
    request: Request,
    name: Text,
    scopes: Annotated[list[str], Form(default_factory=list)],
    days: Annotated[str, Form(max_length=10)] = "",
    account: Account = Depends(with_session),
) -> Response:
    def again(**extra: Any) -> Response:
        return _account_page(request, account, **extra)

    try:
        lasting = int(days) if days.strip() else None
    except ValueError:
        return _refused(request, AccountError(_l("days: a whole number, or nothing")), again)
    try:
        token_id, token = tokens.create_token.perform(
            engine_of(request), account.name, account.name, name, scopes, lasting
        )
    except AccountError as error:
        return _refused(request, error, again)
    if wants_json(request):
        return DataResponse({"id": token_id, "token": token}, status_code=201)
    return again(status=201, new_token=token)


@router.post(
    "/tokens/{token_id}/revoke", include_in_schema=False, dependencies=[Depends(csrf_protect)]
)
def revoke_token(
    request: Request, token_id: int, account: Account = Depends(signed_in)
) -> Response:
    """Revoke an API token: one's own (with a session), or anyone's (admins)."""
    admin = account.can("accounts.manage")
    if not admin:
        with_session(request)
    owner = None if admin else account.name

    def again(**extra: Any) -> Response:
        return _account_page(request, account, **extra)

    try:
        owner_name = tokens.revoke_token.perform(engine_of(request), account.name, token_id, owner)
    except AccountError as error:
        return _refused(request, error, again)
    message = _l("API token %(id)s is revoked.", id=token_id)
    if owner_name != account.name and not wants_json(request):
        return _user_page(request, owner_name, done=message)
    return _done(request, {"id": token_id, "revoked": True}, again, message)
