"""The store's data version: a new value in the same transaction as every write, so that caches
of derived data (the indicator engine's) know whether they still match the store."""

from __future__ import annotations

import uuid

from sqlalchemy import Connection, delete, insert, select

from stdgap.store.models import Setting

DATA_VERSION = "data_version"


def bump_data_version(connection: Connection) -> str:
    version = uuid.uuid4().hex
    connection.execute(delete(Setting).where(Setting.key == DATA_VERSION))
    connection.execute(insert(Setting).values(key=DATA_VERSION, value=version))
    return version


def data_version(connection: Connection) -> str | None:
    """The version of the store's data (None before the first write)."""
    return connection.execute(
        select(Setting.value).where(Setting.key == DATA_VERSION)
    ).scalar_one_or_none()
