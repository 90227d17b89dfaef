"""Store-wide settings that change how data is read (kept in the ``settings`` table)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, delete, insert, select

from stdgap.store.models import Setting
from stdgap.store.unit import Unit, operation
from stdgap.store.version import DATA_VERSION


@dataclass(frozen=True)
class SettingSpec:
    """A setting: its default, and either the values allowed or a range of whole numbers."""

    key: str
    default: str
    allowed: tuple[str, ...] | None
    help: str
    minimum: int | None = None
    maximum: int | None = None

    def normalise(self, value: str) -> str:
        """The value as stored; :class:`UnknownSetting` when it is not allowed."""
        text = value.strip().lower()
        if self.key == LEADERSHIP_DATE:
            return _month_day(self.key, text)
        if self.allowed is not None:
            if text not in self.allowed:
                raise UnknownSetting(
                    f"{self.key}: '{value}' is not one of {', '.join(self.allowed)}"
                )
            return text
        if not (text.isascii() and text.isdigit()) or not (self.minimum or 0) <= int(text) <= (
            self.maximum or 10**9
        ):
            raise UnknownSetting(
                f"{self.key}: '{value}' is not a whole number from {self.minimum} to {self.maximum}"
            )
        return str(int(text))

    @property
    def values(self) -> str:
        """The allowed values, for help texts."""
        if self.key == LEADERSHIP_DATE:
            return "a day of the year, MM-DD"
        if self.allowed is not None:
            return ", ".join(self.allowed)
        return f"{self.minimum} to {self.maximum}"


#: The smallest cell the public may see (the disclosure rule's threshold).
PUBLIC_MIN_CELL = "public_min_cell"
#: The day of each year on which leadership positions held are counted (MM-DD).
LEADERSHIP_DATE = "leadership_reference_date"
#: The fewest characters of a password (the password policy, :mod:`stdgap.accounts.policy`).
PASSWORD_MIN_LENGTH = "password_min_length"
#: The failed sign-in in a row (for one name, or from one address) from which sign-ins wait.
SIGN_IN_THROTTLE_FROM = "sign_in_throttle_from"
#: The longest wait, in seconds, between sign-ins after failed ones.
SIGN_IN_WAIT_MAX = "sign_in_wait_max_seconds"
#: Attempts to send an e-mail of the outbox before it is marked failed.
MAIL_MAX_ATTEMPTS = "mail_max_attempts"
#: The wait, in seconds, after a failed attempt to send an e-mail (doubling after each one).
MAIL_RETRY_SECONDS = "mail_retry_seconds"
#: Whether the fellow's own nationality counts for eligibility, besides their delegation's
#: country: ``any`` (it does not), ``eligible`` (it must be an eligible country too), ``same``
#: (it must be the delegation's country).
FELLOWSHIP_NATIONALITY = "fellowship_nationality"
#: Forum posts of an account younger than this many days are held for a moderator's review.
FORUM_HOLD_DAYS = "forum_hold_days"
#: Forum posts of an account with fewer published posts than this are held for review.
FORUM_HOLD_POSTS = "forum_hold_posts"
#: The most questions and answers one account may post in an hour.
FORUM_POSTS_PER_HOUR = "forum_posts_per_hour"
#: The store's secret for the cell-key perturbation of protected figures (never shown).
CELL_KEY_SECRET = "cell_key_secret"


def _month_day(key: str, text: str) -> str:
    """``MM-DD`` of a real day of a leap year (so 02-29 is allowed)."""
    from datetime import date

    parts = text.split("-")
    try:
        month, day = (int(part) for part in parts) if len(parts) == 2 else (0, 0)
        date(2024, month, day)
    except ValueError:
        raise UnknownSetting(
            f"{key}: '{text}' is not a day of the year (MM-DD, e.g. 12-31)"
        ) from None
    return f"{month:02d}-{day:02d}"


SETTINGS: dict[str, SettingSpec] = {
    spec.key: spec
    for spec in (
        SettingSpec(
            "transition_counts_as_developing",
            "true",
            ("true", "false"),
            "Economies in transition count as developing countries (the resolutions' footnote).",
        ),
        SettingSpec(
            FELLOWSHIP_NATIONALITY,
            "any",
            ("any", "eligible", "same"),
            "Fellowships go to delegations of eligible countries (the member the person attends "
            "for); the person's own nationality: any (not checked), eligible (an eligible "
            "country too), same (the delegation's country).",
        ),
        SettingSpec(
            PUBLIC_MIN_CELL,
            "5",
            None,
            "Smallest cell published to the public (pages, API, downloads, public reports); "
            "analysts and admins may ask for less.",
            minimum=2,
            maximum=1000,
        ),
        SettingSpec(
            LEADERSHIP_DATE,
            "12-31",
            None,
            "The day of each year (MM-DD) on which leadership positions held are counted "
            "(leadership_held and its shares).",
        ),
        SettingSpec(
            PASSWORD_MIN_LENGTH,
            "12",
            None,
            "The fewest characters of a password (new users, resets, changes).",
            minimum=12,
            maximum=128,
        ),
        SettingSpec(
            SIGN_IN_THROTTLE_FROM,
            "10",
            None,
            "From this failed sign-in in a row, for one name or from one address, the next "
            "attempt must wait (1 s, doubling with each further failure).",
            minimum=2,
            maximum=1000,
        ),
        SettingSpec(
            SIGN_IN_WAIT_MAX,
            "900",
            None,
            "The longest wait between sign-ins after failed ones, in seconds.",
            minimum=1,
            maximum=86400,
        ),
        SettingSpec(
            MAIL_MAX_ATTEMPTS,
            "8",
            None,
            "Attempts to send an e-mail before it is marked failed (stdgap notifications send).",
            minimum=1,
            maximum=100,
        ),
        SettingSpec(
            MAIL_RETRY_SECONDS,
            "120",
            None,
            "The wait after a failed attempt to send an e-mail, in seconds; it doubles after "
            "each further failure (at most a day).",
            minimum=1,
            maximum=86400,
        ),
        SettingSpec(
            FORUM_HOLD_DAYS,
            "3",
            None,
            "Forum posts of an account younger than this many days wait for a moderator.",
            minimum=0,
            maximum=3650,
        ),
        SettingSpec(
            FORUM_HOLD_POSTS,
            "2",
            None,
            "Forum posts of an account with fewer published posts than this wait for a moderator.",
            minimum=0,
            maximum=1000,
        ),
        SettingSpec(
            FORUM_POSTS_PER_HOUR,
            "10",
            None,
            "The most questions and answers one account may post in the forum in an hour.",
            minimum=1,
            maximum=10000,
        ),
    )
}


class UnknownSetting(ValueError):
    pass


def get_setting(connection: Connection, key: str) -> str:
    spec = _spec(key)
    stored = connection.execute(
        select(Setting.value).where(Setting.key == key)
    ).scalar_one_or_none()
    return stored if stored is not None else spec.default


@operation("settings.set")
def set_setting(unit: Unit, key: str, value: str) -> str:
    """Store ``value`` for ``key`` (checked against the allowed values); answers change with it
    (the write gives the data a new version)."""
    normalised = _spec(key).normalise(value)
    unit.connection.execute(delete(Setting).where(Setting.key == key))
    unit.connection.execute(insert(Setting).values(key=key, value=normalised))
    unit.details["value"] = normalised
    return normalised


def all_settings(connection: Connection) -> dict[str, str]:
    """Every setting's value (stored, else its default), in one query."""
    query = select(Setting.key, Setting.value).where(Setting.key.in_(SETTINGS))
    stored = {key: value for key, value in connection.execute(query)}
    return {key: stored.get(key, spec.default) for key, spec in SETTINGS.items()}


def _spec(key: str) -> SettingSpec:
    if key in (DATA_VERSION, CELL_KEY_SECRET) or key not in SETTINGS:
        raise UnknownSetting(f"unknown setting '{key}' (known: {', '.join(SETTINGS)})")
    return SETTINGS[key]


def ensure_cell_key(connection: Connection) -> None:
    """Make the store's cell-key secret when it has none (run when a store is opened)."""
    held = connection.execute(
        select(Setting.value).where(Setting.key == CELL_KEY_SECRET)
    ).scalar_one_or_none()
    if held is None:
        import secrets

        connection.execute(
            insert(Setting).values(key=CELL_KEY_SECRET, value=str(secrets.randbits(62)))
        )


def cell_key_secret(connection: Connection) -> int:
    """The store's cell-key secret (0 when the store has none yet)."""
    held = connection.execute(
        select(Setting.value).where(Setting.key == CELL_KEY_SECRET)
    ).scalar_one_or_none()
    return int(held) if held and held.isdigit() else 0
