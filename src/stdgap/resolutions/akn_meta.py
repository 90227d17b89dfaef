"""Akoma Ntoso ``meta`` blocks: FRBR identification and the TLC references of a document."""

from __future__ import annotations

import re

from lxml import etree

from stdgap.resolutions.addressees import CODES

NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
E = f"{{{NS}}}"
ASSEMBLY_SLUGS = {
    "WTSA": "itu-wtsa",
    "WTDC": "itu-wtdc",
    "PP": "itu-pp",
    "RA": "itu-ra",
    "WRC": "itu-wrc",
    "Council": "itu-council",
    "UNGA": "un-ga",
}
ROLE_NAMES = {
    "director_tsb": "Director of the Telecommunication Standardization Bureau",
    "director_bdt": "Director of the Telecommunication Development Bureau",
    "director_br": "Director of the Radiocommunication Bureau",
    "secretary_general": "Secretary-General",
    "council": "ITU Council",
    "tsag": "Telecommunication Standardization Advisory Group",
    "study_groups": "Study groups",
    "member_states": "Member States",
    "sector_members": "Sector Members",
    "associates": "Associates",
    "academia": "Academia",
    "regional_offices": "ITU regional offices",
    "regions": "Regions",
    "regional_organizations": "Regional telecommunication organizations",
}


def sub(parent: etree._Element, tag: str, **attrs: str) -> etree._Element:
    return etree.SubElement(parent, E + tag, {k.rstrip("_"): v for k, v in attrs.items()})


def year_of(place_year: str | None) -> str | None:
    match = re.search(r"(\d{4})", place_year or "")
    return match.group(1) if match else None


def work_uri(body: str | None, number: int | str | None, year: str | None) -> str:
    slug = ASSEMBLY_SLUGS.get(body or "", "itu")
    parts = ["/akn/un/statement/resolution", slug]
    if year:
        parts.append(year)
    parts.append(str(number if number is not None else "unnumbered"))
    return "/".join(parts)


def identification(
    meta: etree._Element,
    work: str,
    year: str | None,
    author: str,
    kind: str = "statement",
    prefix: str = "",
    language: str = "eng",
) -> None:
    date = f"{year or '1865'}-01-01"
    ident = sub(meta, "identification", source=f"#{prefix}stdgap")
    frbr = sub(ident, "FRBRWork")
    sub(frbr, "FRBRthis", value=f"{work}/!main")
    sub(frbr, "FRBRuri", value=work)
    sub(frbr, "FRBRdate", date=date, name="adoption")
    sub(frbr, "FRBRauthor", href=f"#{prefix}{author}")
    sub(frbr, "FRBRcountry", value="un")
    sub(frbr, "FRBRname", value=kind)
    expression = f"{work}/{language}@{date}"
    frbr = sub(ident, "FRBRExpression")
    sub(frbr, "FRBRthis", value=f"{expression}/!main")
    sub(frbr, "FRBRuri", value=expression)
    sub(frbr, "FRBRdate", date=date, name="adoption")
    sub(frbr, "FRBRauthor", href=f"#{prefix}{author}")
    sub(frbr, "FRBRlanguage", language=language)
    frbr = sub(ident, "FRBRManifestation")
    sub(frbr, "FRBRthis", value=f"{expression}/!main.xml")
    sub(frbr, "FRBRuri", value=f"{expression}.akn")
    sub(frbr, "FRBRdate", date=date, name="conversion")
    sub(frbr, "FRBRauthor", href=f"#{prefix}stdgap")


def references(
    meta: etree._Element, author: str, author_name: str, roles: list[str], prefix: str = ""
) -> None:
    """TLC references; eIds carry ``prefix`` so nested documents keep them unique."""
    refs = sub(meta, "references", source=f"#{prefix}stdgap")
    sub(
        refs,
        "TLCOrganization",
        eId=prefix + author,
        href=f"/ontology/organization/itu/{author}",
        showAs=author_name,
    )
    if author != "stdgap":
        sub(
            refs,
            "TLCOrganization",
            eId=f"{prefix}stdgap",
            href="/ontology/organization/stdgap",
            showAs="stdgap",
        )
    for code in CODES:
        if code in roles:
            sub(
                refs,
                "TLCRole",
                eId=prefix + code,
                href=f"/ontology/role/itu/{code}",
                showAs=ROLE_NAMES[code],
            )
