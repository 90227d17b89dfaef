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
