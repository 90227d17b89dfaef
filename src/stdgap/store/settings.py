"""Store-wide settings that change how data is read (kept in the ``settings`` table)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, delete, insert, select

from stdgap.store.models import Setting
from stdgap.store.version import DATA_VERSION, bump_data_version


@dataclass(frozen=True)
class SettingSpec:
    key: str
    default: str
    allowed: tuple[str, ...]
    help: str


SETTINGS: dict[str, SettingSpec] = {
    spec.key: spec
    for spec in (
        SettingSpec(
            "transition_counts_as_developing",
            "true",
            ("true", "false"),
            "Economies in transition count as developing countries (the resolutions' footnote).",
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


def set_setting(connection: Connection, key: str, value: str) -> str:
    """Store ``value`` for ``key`` (checked against the allowed values); answers change with it."""
    spec = _spec(key)
    normalised = value.strip().lower()
    if normalised not in spec.allowed:
        raise UnknownSetting(f"{key}: '{value}' is not one of {', '.join(spec.allowed)}")
    connection.execute(delete(Setting).where(Setting.key == key))
    connection.execute(insert(Setting).values(key=key, value=normalised))
    bump_data_version(connection)
    return normalised


def all_settings(connection: Connection) -> dict[str, str]:
    return {key: get_setting(connection, key) for key in SETTINGS}


def _spec(key: str) -> SettingSpec:
    if key == DATA_VERSION or key not in SETTINGS:
        raise UnknownSetting(f"unknown setting '{key}' (known: {', '.join(SETTINGS)})")
    return SETTINGS[key]
