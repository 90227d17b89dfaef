"""Tables shared by the programmes: editable rules (one row per programme, rule set and key)."""

from __future__ import annotations

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from stdgap.store.models import Base


class ProgrammeRule(Base):
    """One rule of a programme's rule set, stored as text and typed by the programme's specs."""

    __tablename__ = "programme_rules"
    programme: Mapped[str] = mapped_column(String(30), primary_key=True)
    rule_set: Mapped[str] = mapped_column(String(100), primary_key=True)
    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[str] = mapped_column(String(1000))
