"""The catalogue's vocabularies: kinds of items, their statuses, the six languages of the UN."""

from __future__ import annotations

from stdgap.i18n.translate import N_

#: Kinds of items, in the order the facets show them.
TYPES: dict[str, str] = {
    "recommendation": N_("Recommendation"),
    "supplement": N_("Supplement"),
    "technical_paper": N_("Technical paper"),
    "technical_report": N_("Technical report"),
    "guideline": N_("Guideline"),
    "best_practice": N_("Best practice"),
    "training": N_("Training material"),
    "elearning": N_("E-learning course"),
}
STATUSES: dict[str, str] = {
    "in_force": N_("In force"),
    "superseded": N_("Superseded"),
    "withdrawn": N_("Withdrawn"),
    "draft": N_("Draft"),
    "archived": N_("Archived"),
}
#: The six languages of the United Nations, as ISO 639-1 codes.
LANGUAGES: dict[str, str] = {
    "ar": N_("Arabic"),
    "zh": N_("Chinese"),
    "en": N_("English"),
    "fr": N_("French"),
    "ru": N_("Russian"),
    "es": N_("Spanish"),
}
#: Other ways files write a type or a status.
TYPE_SPELLINGS = {
    "rec": "recommendation",
    "recommendation": "recommendation",
    "supplement": "supplement",
    "suppl": "supplement",
    "technical paper": "technical_paper",
    "paper": "technical_paper",
    "technical report": "technical_report",
    "report": "technical_report",
    "guideline": "guideline",
    "guidelines": "guideline",
    "best practice": "best_practice",
    "best practices": "best_practice",
    "training": "training",
    "training material": "training",
    "e learning": "elearning",
    "elearning": "elearning",
    "e learning course": "elearning",
    "course": "elearning",
}
STATUS_SPELLINGS = {
    "in force": "in_force",
    "inforce": "in_force",
    "superseded": "superseded",
    "withdrawn": "withdrawn",
    "draft": "draft",
    "archived": "archived",
}


def spelled(text: str, table: dict[str, str]) -> str | None:
    key = " ".join(text.lower().replace("_", " ").replace("-", " ").split())
    return table.get(key)
