"""One award call as the writes and the results read it: its jurors, nominations, criteria and
every conflict of interest (declared, or found from the data), and the checks of a score."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, delete, insert, select
from sqlalchemy.orm import Session

from stdgap.awards import scoring
from stdgap.awards.errors import UnknownCall
from stdgap.awards.models import (
    PUBLISHED,
    AwardCall,
    AwardConflict,
    AwardCriterion,
    AwardJuror,
    AwardNomination,
    AwardScore,
)
from stdgap.awards.people import display_name
from stdgap.i18n.translate import Message, _l
from stdgap.programmes.errors import ProgrammeError
from stdgap.store.models import Member, Person


def call_pk(connection: Connection, call_id: str, must: bool = True) -> int | None:
    """The key of the call ``call_id`` (None, or an error when ``must``, if there is none)."""
    found = connection.execute(
        select(AwardCall.id).where(AwardCall.call_id == call_id)
    ).scalar_one_or_none()
    if found is None and must:
        raise ProgrammeError(f"unknown award call '{call_id}'")
    return found


def load(connection: Connection, call_id: str) -> CallData:
    """The call ``call_id``, or :class:`UnknownCall`."""
    if call_pk(connection, call_id, must=False) is None:
        raise UnknownCall(_l("no award call %(call)r", call=call_id))
    return CallData.load(connection, call_id)


def _origins(
    connection: Connection, people: set[str], members: set[str]
) -> tuple[dict[str, tuple[str | None, str | None]], dict[str, str]]:
    """Person id → (country, member id) and member id → country, for those named."""
    persons: dict[str, tuple[str | None, str | None]] = {}
    if people:
        rows = connection.execute(
            select(Person.person_id, Person.country, Member.member_id)
            .outerjoin(Member, Member.id == Person.member_id)
            .where(Person.person_id.in_(sorted(people)))
        )
        persons = {person: (country, member) for person, country, member in rows}
    countries: dict[str, str] = {}
    if members:
        found = connection.execute(
            select(Member.member_id, Member.country).where(Member.member_id.in_(sorted(members)))
        )
        countries = dict(found.all())
    return persons, countries


def juror_person(juror: AwardJuror) -> str | None:
    """The person of the store a juror is: the one linked, or the juror's own id for a juror
    named by person id (from the command line)."""
    return juror.person_ref or (juror.juror_ref if juror.user_id is None else None)


@dataclass
class CallData:
    pk: int
    call: AwardCall
    jurors: dict[str, AwardJuror]
    nominations: dict[str, AwardNomination]
    criteria: dict[str, AwardCriterion]
    conflicts: dict[tuple[str, str], str]

    @classmethod
    def load(cls, connection: Connection, call_id: str) -> CallData:
        pk = call_pk(connection, call_id)
        assert pk is not None  # call_pk raised otherwise
        with Session(bind=connection) as session:
            call = session.get_one(AwardCall, pk)
            jurors = {
                j.juror_ref: j
                for j in session.scalars(
                    select(AwardJuror).where(AwardJuror.call_id == pk).order_by(AwardJuror.id)
                )
            }
            noms = {
                n.nomination_id: n
                for n in session.scalars(
                    select(AwardNomination)
                    .where(AwardNomination.call_id == pk)
                    .order_by(AwardNomination.id)
                )
            }
            criteria = {
                c.key: c
                for c in session.scalars(
                    select(AwardCriterion)
                    .where(AwardCriterion.call_id == pk)
                    .order_by(AwardCriterion.id)
                )
            }
            session.expunge_all()
        juror_by_pk = {j.id: j.juror_ref for j in jurors.values()}
        nom_by_pk = {n.id: n.nomination_id for n in noms.values()}
        declared = {
            (juror_by_pk[j], nom_by_pk[n]): reason
            for j, n, reason in connection.execute(
                select(
                    AwardConflict.juror_id, AwardConflict.nomination_id, AwardConflict.reason
                ).where(AwardConflict.juror_id.in_(list(juror_by_pk)))
            )
        }
        data = cls(pk, call, jurors, noms, criteria, {})
        found = scoring.conflicts(
            data.juror_list(connection),
            [data.nominee(n) for n in noms.values()],
            declared,
            call.country_conflicts,
        )
        data.conflicts = found
        return data

    def juror_list(self, connection: Connection) -> list[scoring.Juror]:
        """The jurors as the ranking sees them: the person each is, their member and country
        (the person's, else their member's)."""
        people = {p for j in self.jurors.values() if (p := juror_person(j))}
        members = {j.member_ref for j in self.jurors.values() if j.member_ref}
        persons, member_country = _origins(connection, people, members)
        found = []
        for juror in self.jurors.values():
            person = juror_person(juror)
            country, member = persons.get(person or "", (None, None))
            member = juror.member_ref or member
            country = country or member_country.get(member or "")
            found.append(scoring.Juror(juror.juror_ref, member, person, country))
        return found

    def nominee(self, n: AwardNomination) -> scoring.Nominee:
        call = self.call
        eligible, why = True, ""
        if call.max_age and n.birth_year is not None:
            age = call.closes.year - n.birth_year
            if age >= call.max_age:
                eligible, why = False, f"{age} in {call.closes.year}, not under {call.max_age}"
        return scoring.Nominee(
            n.nomination_id,
            n.nominee_ref,
            n.member_ref,
            n.nominated_by,
            eligible,
            why,
            n.country,
        )

    def names(self, connection: Connection) -> dict[str, str]:
        """Each nomination's nominee by name: the name the nomination gave, else the store's
        (a nomination recorded from the command line), else their id."""
        missing = {
            n.nominee_ref
            for n in self.nominations.values()
            if not n.nominee_name and not n.nominee_ref.startswith("~")
        }
        stored: dict[str, str] = {}
        if missing:
            rows = connection.execute(
                select(Person.person_id, Person.attributes).where(
                    Person.person_id.in_(sorted(missing))
                )
            )
            stored = {person: display_name(attributes, person) for person, attributes in rows}
        return {
            key: n.nominee_name or stored.get(n.nominee_ref, n.nominee_ref)
            for key, n in self.nominations.items()
        }

    def unscorable(self) -> list[str]:
        """The eligible nominations no juror may score (every juror in conflict with them)."""
        return [
            key
            for key, n in self.nominations.items()
            if self.nominee(n).eligible
            and all((juror, key) in self.conflicts for juror in self.jurors)
        ]

    def unscored(self, connection: Connection) -> dict[str, Message]:
        """The eligible nominations the ranking leaves out for want of a score, each with why:
        no juror may score them, no juror has scored them yet, or a criterion has no score."""
        found: dict[str, Message] = {}
        blocked = set(self.unscorable())
        for row in self.rank(connection):
            if row.rank is not None or not self.nominee(self.nominations[row.nomination]).eligible:
                continue
            if row.nomination in blocked:
                found[row.nomination] = _l(
                    "no juror may score them (every juror is in conflict of interest)"
                )
            elif row.scorers == 0:
                found[row.nomination] = _l("no juror has scored yet")
            else:
                missing = [key for key in self.criteria if key not in row.marks]
                found[row.nomination] = _l("no score on %(criteria)s", criteria=", ".join(missing))
        return found

    def criterion_list(self) -> list[scoring.Criterion]:
        return [
            scoring.Criterion(c.key, c.weight, c.max_score, c.min_score)
            for c in self.criteria.values()
        ]

    def problems(self, juror: str, nomination: str, criterion: str, score: float) -> list[str]:
        found: list[str] = []
        if self.call.status == PUBLISHED:
            found.append(f"the results of {self.call.call_id} are published: scoring is closed")
        if juror not in self.jurors:
            found.append(f"'{juror}' is not a juror of {self.call.call_id}")
        if nomination not in self.nominations:
            found.append(f"unknown nomination '{nomination}'")
        if criterion not in self.criteria:
            found.append(f"unknown criterion '{criterion}'")
        else:
            low, high = self.criteria[criterion].min_score, self.criteria[criterion].max_score
            if not low <= score <= high:
                found.append(f"{score:g} is outside {low}-{high}")
        reason = self.conflicts.get((juror, nomination))
        if reason:
            found.append(f"conflict of interest: {juror} may not score {nomination} ({reason})")
        return found

    def write_score(
        self, connection: Connection, juror: str, nomination: str, criterion: str, score: float
    ) -> None:
        key = {
            "juror_id": self.jurors[juror].id,
            "nomination_id": self.nominations[nomination].id,
            "criterion_id": self.criteria[criterion].id,
        }
        connection.execute(
            delete(AwardScore).where(*(getattr(AwardScore, k) == v for k, v in key.items()))
        )
        connection.execute(insert(AwardScore).values(**key, score=score))

    def scores(self, connection: Connection) -> dict[tuple[str, str, str], float]:
        """Every stored score: (juror, nomination, criterion) → score."""
        jurors = {j.id: key for key, j in self.jurors.items()}
        noms = {n.id: key for key, n in self.nominations.items()}
        crits = {c.id: key for key, c in self.criteria.items()}
        return {
            (jurors[j], noms[n], crits[c]): value
            for j, n, c, value in connection.execute(
                select(
                    AwardScore.juror_id,
                    AwardScore.nomination_id,
                    AwardScore.criterion_id,
                    AwardScore.score,
                ).where(AwardScore.juror_id.in_(list(jurors)))
            )
        }

    def rank(self, connection: Connection) -> list[scoring.Ranked]:
        """The ranking of the call's nominations (ties share a rank)."""
        return scoring.rank(
            [self.nominee(n) for n in self.nominations.values()],
            self.juror_list(connection),
            self.criterion_list(),
            self.scores(connection),
            self.conflicts,
            "zscore" if self.call.normalise == "zscore" else "mean",
        )
