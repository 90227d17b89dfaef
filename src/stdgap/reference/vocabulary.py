"""The vocabulary of classifications: attributes, ITU regions, income groups, flags."""

from __future__ import annotations

#: The ITU/BDT regions, in ITU's order; the one list every part of stdgap uses.
ITU_REGIONS: tuple[str, ...] = (
    "Africa",
    "Americas",
    "Arab States",
    "Asia-Pacific",
    "CIS",
    "Europe",
)
#: The region of a country that has none on the date (indicator cells, profiles).
UNKNOWN_REGION = "unknown"
INCOME_GROUPS: tuple[str, ...] = ("high", "upper_middle", "lower_middle", "low")
#: Attributes whose values are "true"/"false".
BOOLEAN_ATTRIBUTES: tuple[str, ...] = ("developing", "ldc", "lldc", "sids", "transition")
#: Every dated attribute of a country.
ATTRIBUTES: tuple[str, ...] = ("itu_region", *BOOLEAN_ATTRIBUTES, "income_group")
#: The attributes a classification on a date resolves.
CLASSIFIED_ATTRIBUTES = ATTRIBUTES
#: The classes a country can be in (the boolean attributes), as programmes name them.
FLAGS: tuple[str, ...] = BOOLEAN_ATTRIBUTES

#: Other ways ITU and BDT write the regions (lower case, '&' read as 'and', punctuation as
#: spaces), and their codes in regional group names (SG3RG-AFR …) and BDT documents.
_REGION_SPELLINGS: dict[str, str] = {
    "africa": "Africa",
    "afr": "Africa",
    "americas": "Americas",
    "the americas": "Americas",
    "ams": "Americas",
    "latam": "Americas",
    "arab states": "Arab States",
    "arab": "Arab States",
    "arb": "Arab States",
    "asia pacific": "Asia-Pacific",
    "asia and pacific": "Asia-Pacific",
    "asia and the pacific": "Asia-Pacific",
    "asp": "Asia-Pacific",
    "ao": "Asia-Pacific",
    "cis": "CIS",
    "commonwealth of independent states": "CIS",
    "europe": "Europe",
    "eur": "Europe",
}


def region_named(text: str) -> str | None:
    """The ITU region ``text`` names (``Asia & Pacific``, ``asia-pacific``, ``ASP`` …), or None.
    Only letters, spaces, hyphens and ``&`` are read: ``Africa/..`` names no region."""
    if not all(ch.isalpha() or ch in " -&" for ch in text):
        return None
    words = "".join(ch if ch.isalnum() else " " for ch in text.replace("&", " and ").lower())
    return _REGION_SPELLINGS.get(" ".join(words.split()))
