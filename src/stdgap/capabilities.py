"""The one list of stdgap's capabilities, from which the CLI, the web application and the store
are assembled.

Each entry names its parts by module path (strings), so that reading this list imports nothing:
``stdgap --help`` lists every command without loading any of them, and a command loads only the
capability it belongs to. What a capability may declare:

- ``commands``: CLI entries, each a name, a ``module:attribute`` holding a Typer app, and the
  one-line help shown by ``stdgap --help``;
- ``web``: a module with a FastAPI ``router`` (pages that are also JSON, and ``/api/v1`` routes);
- ``nav``: the pages it adds to the web application's navigation;
- ``templates``: whether the package has a ``templates/`` folder for its pages;
- ``migrations``: whether the package has a ``migrations/`` folder of Alembic revisions (a
  branch from ``0001``; the store is current when every head is applied);
- ``models``: the module(s) defining its tables (for Alembic's autogenerate);
- ``permissions``: a module with ``PERMISSIONS``, what its users may be allowed to do;
- ``seed``: a ``module:function(connection)`` run when a store is opened, to load shipped data;
- ``fact_sources``: a module that registers the indicator engine's fact sources it adds.

``docs/architecture.md`` shows how to add one.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).parent


def N_(message: str) -> str:
    """Mark a label for translation (``pybabel extract`` finds it); pages translate it where
    they show it. A marker of its own, so that reading this list still imports nothing."""
    return message


@dataclass(frozen=True)
class Command:
    name: str
    target: str  # "module:attribute" of a Typer app
    help: str


@dataclass(frozen=True)
class Nav:
    """A page in the web application's navigation, shown to those holding ``permission``
    (everyone when None), in the order of ``place``; ``label`` is English, marked with
    ``N_`` and translated by the page."""

    path: str
    label: str
    place: int
    permission: str | None = None


@dataclass(frozen=True)
class Capability:
    name: str
    package: str
    commands: tuple[Command, ...] = ()
    web: str | None = None
    nav: tuple[Nav, ...] = ()
    templates: bool = False
    migrations: bool = False
    models: tuple[str, ...] = ()
    permissions: str | None = None
    seed: str | None = None
    fact_sources: str | None = None

    @property
    def folder(self) -> Path:
        return ROOT.joinpath(*self.package.split(".")[1:])

    @property
    def migrations_folder(self) -> Path | None:
        if not self.migrations:
            return None
        return self.folder / "migrations" / ("versions" if self.name == "store" else "")


CAPABILITIES: tuple[Capability, ...] = (
    Capability(
        "store",
        "stdgap.store",
        commands=(
            Command("db", "stdgap.cli.store_commands:db_app", "The store: schema, upgrade."),
            Command("settings", "stdgap.cli.store_commands:settings_app", "Store-wide settings."),
        ),
        migrations=True,
        models=("stdgap.store.models", "stdgap.store.audit"),
        seed="stdgap.store.settings:ensure_cell_key",
    ),
    Capability(
        "reference",
        "stdgap.reference",
        commands=(
            Command(
                "reference",
                "stdgap.reference.cli:app",
                "Countries and their dated classifications.",
            ),
        ),
        seed="stdgap.reference.seed:seed_if_empty",
    ),
    Capability(
        "accounts",
        "stdgap.accounts",
        commands=(
            Command("users", "stdgap.accounts.cli:users_app", "Accounts of the web application."),
            Command("audit", "stdgap.accounts.cli:audit_app", "The audit log of every write."),
        ),
        web="stdgap.accounts.web",
        nav=(
            Nav("/users", N_("Users"), 85, "accounts.manage"),
            Nav("/audit", N_("Audit"), 90, "audit.read"),
        ),
        templates=True,
        migrations=True,
        models=("stdgap.accounts.models",),
        permissions="stdgap.accounts.permissions",
    ),
    Capability(
        "ingest",
        "stdgap.ingest",
        commands=(
            Command(
                "import",
                "stdgap.ingest.cli:app",
                "Import canonical CSV/XLSX files (one transaction).",
            ),
        ),
        web="stdgap.ingest.web",
        nav=(Nav("/imports", N_("Imports"), 80, "ingest.import"),),
        templates=True,
        permissions="stdgap.ingest.permissions",
    ),
    Capability(
        "indicators",
        "stdgap.indicators",
        commands=(
            Command(
                "indicators",
                "stdgap.indicators.cli:app",
                "Compute indicators (Res. 44, 74, 107) by any dimensions.",
            ),
        ),
        web="stdgap.indicators.web",
        nav=(Nav("/indicators", N_("Indicators"), 10),),
        templates=True,
        permissions="stdgap.indicators.permissions",
    ),
    Capability(
        "profiles",
        "stdgap.web",
        web="stdgap.web.profiles",
        nav=(Nav("/countries", N_("Countries"), 20), Nav("/groups", N_("Groups"), 30)),
    ),
    Capability(
        "resolutions",
        "stdgap.resolutions",
        commands=(
            Command(
                "resolutions",
                "stdgap.reports.implementation_cli:app",
                "Resolution tracker: parse texts, follow every clause.",
            ),
        ),
        web="stdgap.resolutions.web",
        nav=(Nav("/resolutions", N_("Resolutions"), 40),),
        templates=True,
        migrations=True,
        models=("stdgap.resolutions.models",),
        permissions="stdgap.resolutions.permissions",
    ),
    Capability(
        "reports",
        "stdgap.reports",
        commands=(
            Command("report", "stdgap.reports.cli:app", "Reports to TSAG: annual and regional."),
        ),
        web="stdgap.reports.web",
        nav=(Nav("/reports", N_("Reports"), 50),),
        templates=True,
    ),
    Capability(
        "registry",
        "stdgap.registry",
        commands=(
            Command("meetings", "stdgap.registry.cli:meetings_app", "Meetings: list, show."),
            Command("members", "stdgap.registry.cli:members_app", "Members: list, show."),
            Command("people", "stdgap.registry.cli:people_app", "People (persons): list, show."),
        ),
        web="stdgap.registry.web",
        nav=(
            Nav("/meetings", N_("Meetings"), 32),
            Nav("/members", N_("Members"), 34),
            Nav("/people", N_("People"), 36, "registry.people"),
        ),
        templates=True,
        permissions="stdgap.registry.permissions",
    ),
    Capability(
        "notifications",
        "stdgap.notifications",
        commands=(
            Command(
                "notifications",
                "stdgap.notifications.cli:app",
                "E-mail notifications: send the outbox, list it, retry.",
            ),
        ),
        web="stdgap.notifications.web",
        nav=(Nav("/notifications", N_("Notifications"), 88, "notifications.manage"),),
        templates=True,
        migrations=True,
        models=("stdgap.notifications.models",),
        permissions="stdgap.notifications.permissions",
    ),
    Capability(
        "programmes",
        "stdgap.programmes",
        migrations=True,
        models=("stdgap.programmes.models",),
    ),
    Capability(
        "fellowships",
        "stdgap.fellowships",
        commands=(
            Command(
                "fellowships",
                "stdgap.fellowships.cli:app",
                "Fellowships for meetings (Res. 44 programme 3).",
            ),
        ),
        web="stdgap.fellowships.web",
        nav=(
            Nav("/fellowships", N_("Fellowships"), 60),
            Nav("/fellowships/mine", N_("My applications"), 61, "fellowships.apply"),
        ),
        templates=True,
        models=("stdgap.fellowships.models",),
        permissions="stdgap.fellowships.permissions",
    ),
    Capability(
        "mentorship",
        "stdgap.mentorship",
        commands=(
            Command(
                "mentorship",
                "stdgap.mentorship.cli:app",
                "Mentorship of next-generation experts (Res. 107).",
            ),
        ),
        web="stdgap.mentorship.web",
        nav=(Nav("/mentorship", N_("Mentorship"), 62),),
        templates=True,
        models=("stdgap.mentorship.models",),
        permissions="stdgap.mentorship.permissions",
    ),
    Capability(
        "awards",
        "stdgap.awards",
        commands=(
            Command(
                "awards", "stdgap.awards.cli:app", "Awards for next-generation experts (Res. 107)."
            ),
        ),
        web="stdgap.awards.web",
        nav=(Nav("/awards", N_("Awards"), 75),),
        templates=True,
        models=("stdgap.awards.models",),
        permissions="stdgap.awards.permissions",
    ),
    Capability(
        "events",
        "stdgap.events",
        commands=(
            Command(
                "events",
                "stdgap.events.cli:app",
                "Events: workshops, training, webinars (Res. 74, 44).",
            ),
        ),
        web="stdgap.events.web",
        nav=(Nav("/events", N_("Events"), 64),),
        templates=True,
        migrations=True,
        models=("stdgap.events.models",),
        permissions="stdgap.events.permissions",
        fact_sources="stdgap.events.facts",
    ),
    Capability(
        "cxo",
        "stdgap.cxo",
        commands=(
            Command(
                "cxo",
                "stdgap.cxo.cli:app",
                "CTO/CxO meetings: agenda, participants, conclusions (Res. 68).",
            ),
        ),
        web="stdgap.cxo.web",
        nav=(Nav("/cxo", N_("CxO meetings"), 63),),
        templates=True,
        migrations=True,
        models=("stdgap.cxo.models",),
        permissions="stdgap.cxo.permissions",
        fact_sources="stdgap.cxo.indicators",
    ),
    Capability(
        "knowledge",
        "stdgap.knowledge",
        commands=(
            Command(
                "knowledge",
                "stdgap.knowledge.cli:app",
                "The knowledge portal: catalogue, search, reading lists (C12).",
            ),
        ),
        web="stdgap.knowledge.web",
        nav=(Nav("/knowledge", N_("Knowledge"), 66),),
        templates=True,
        migrations=True,
        models=("stdgap.knowledge.models",),
        permissions="stdgap.knowledge.permissions",
    ),
    Capability(
        "forum",
        "stdgap.forum",
        commands=(
            Command(
                "forum",
                "stdgap.forum.cli:app",
                "Q&A forum answered by study-group experts: list, show, moderate (Res. 44).",
            ),
        ),
        web="stdgap.forum.web",
        nav=(Nav("/forum", N_("Forum"), 67),),
        templates=True,
        migrations=True,
        models=("stdgap.forum.models",),
        permissions="stdgap.forum.permissions",
        fact_sources="stdgap.forum.facts",
    ),
    Capability(
        "surveys",
        "stdgap.surveys",
        commands=(
            Command(
                "surveys",
                "stdgap.surveys.cli:app",
                "Surveys of members: questionnaires, invitations, results (C13).",
            ),
        ),
        web="stdgap.surveys.web",
        nav=(Nav("/surveys", N_("Surveys"), 77),),
        templates=True,
        migrations=True,
        models=("stdgap.surveys.models",),
        permissions="stdgap.surveys.permissions",
        fact_sources="stdgap.surveys.facts",
    ),
    Capability(
        "fund",
        "stdgap.fund",
        commands=(
            Command(
                "fund",
                "stdgap.fund.cli:app",
                "The BSG fund: donors, pledges, receipts, spending, statements (C14).",
            ),
        ),
        web="stdgap.fund.web",
        nav=(Nav("/fund", N_("Fund"), 68),),
        templates=True,
        migrations=True,
        models=("stdgap.fund.models",),
        permissions="stdgap.fund.permissions",
        fact_sources="stdgap.fund.facts",
    ),
    Capability(
        "demo",
        "stdgap.demo",
        commands=(Command("demo", "stdgap.demo.cli:app", "Write a deterministic demo data set."),),
    ),
    Capability(
        "web",
        "stdgap.web",
        commands=(
            Command("serve", "stdgap.web.cli:app", "Serve the web application and the API."),
        ),
        templates=True,
    ),
)


def capability(name: str) -> Capability:
    for found in CAPABILITIES:
        if found.name == name:
            return found
    raise KeyError(name)


def commands() -> list[Command]:
    """Every CLI entry, in the order of the list."""
    return [command for found in CAPABILITIES for command in found.commands]


def migration_folders() -> list[Path]:
    return [folder for found in CAPABILITIES if (folder := found.migrations_folder) is not None]
