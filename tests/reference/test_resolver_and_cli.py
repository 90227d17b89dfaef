"""Country names as users write them, `reference show` and `reference import`."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine, select, text
from typer.testing import CliRunner

from stdgap.reference.names import name_key
from stdgap.reference.resolver import CountryResolver
from stdgap.store.models import Classification
from stdgap_testing import invoke


@pytest.mark.parametrize(
    ("written", "alpha3"),
    [
        ("KEN", "KEN"),
        ("ke", "KEN"),
        ("Kenya", "KEN"),
        ("Côte d'Ivoire", "CIV"),
        ("Cote d’Ivoire", "CIV"),
        ("Iran (Islamic Republic of)", "IRN"),
        ("Korea (Rep. of)", "KOR"),
        ("Türkiye", "TUR"),
        ("Turkey", "TUR"),
        ("Viet Nam", "VNM"),
        ("  viet   nam ", "VNM"),
    ],
)
def test_names_resolve(engine: Engine, written: str, alpha3: str) -> None:
    with engine.connect() as connection:
        assert CountryResolver.from_connection(connection).resolve(written) == alpha3


def test_unknown_names_do_not_resolve(engine: Engine) -> None:
    with engine.connect() as connection:
        resolver = CountryResolver.from_connection(connection)
    assert resolver.resolve("Atlantis") is None
    assert resolver.resolve("") is None


def test_name_key_ignores_case_accents_and_spacing() -> None:
    assert name_key("  Côte d’Ivoire ") == name_key("COTE D'IVOIRE")


def test_show_prints_dated_classifications(store_url: str, cli: CliRunner) -> None:
    code, out, _err = invoke(cli, "reference", "show", "Bhutan", "--db", store_url)
    assert code == 0
    assert "BTN" in out and "2023-12-13" in out
    code, _out, err = invoke(cli, "reference", "show", "Atlantis", "--db", store_url)
    assert code == 2 and "unknown country 'Atlantis'" in err


def test_user_classification_replaces_shipped_rows(
    store_url: str, engine: Engine, cli: CliRunner, tmp_path: Path
) -> None:
    path = tmp_path / "mine.csv"
    path.write_text(
        "country,attribute,value,valid_from,valid_to\n"
        "Kenya,income_group,low,,2020-01-01\n"
        "KEN,income_group,lower-middle,2020-01-01,\n"
    )
    code, out, _err = invoke(cli, "reference", "import", str(path), "--db", store_url)
    assert code == 0, out
    with engine.connect() as connection:
        rows = connection.execute(
            select(Classification.value, Classification.valid_from)
            .where(Classification.country == "KEN", Classification.attribute == "income_group")
            .order_by(Classification.valid_from.nulls_first())
        ).all()
    assert [row.value for row in rows] == ["low", "lower_middle"]


def test_bad_classification_file_changes_nothing(
    store_url: str, engine: Engine, cli: CliRunner, tmp_path: Path
) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(
        "country,attribute,value,valid_from,valid_to\n"
        "KEN,ldc,maybe,,\n"
        "Atlantis,ldc,true,,\n"
        "KEN,colour,blue,,\n"
        "BTN,ldc,true,2020-01-01,2019-01-01\n"
        "BTN,sids,true,,2020-01-01\n"
        "BTN,sids,false,2019-01-01,\n"
    )
    with engine.connect() as connection:
        before = connection.execute(select(Classification.id)).scalars().all()
    code, _out, err = invoke(cli, "reference", "import", str(path), "--db", store_url)
    assert code == 2
    for expected in (
        f"{path}:2: value: 'maybe' is not one of true or false",
        f"{path}:3: country: unknown country 'Atlantis'",
        f"{path}:4: attribute: 'colour' is not one of",
        f"{path}:5: valid_to: '2019-01-01' is not after valid_from 2020-01-01",
        f"{path}:7: valid_from: BTN sids: this period overlaps the one on line 6",
    ):
        assert expected in err, (expected, err)
    with engine.connect() as connection:
        assert connection.execute(select(Classification.id)).scalars().all() == before


def test_itu_symbols_name_countries_and_iso_codes_win(engine: Engine) -> None:
    with engine.connect() as connection:
        resolver = CountryResolver.from_connection(connection)
    found = {symbol: resolver.resolve(symbol) for symbol in ("ALG", "D", "G", "F", "J", "CVA")}
    assert found == {
        "ALG": "DZA",
        "D": "DEU",
        "G": "GBR",
        "F": "FRA",
        "J": "JPN",
        "CVA": "VAT",
    }
    assert resolver.resolve("MRT") == "MRT"  # Mauritania's alpha-3, though Martinique's symbol
    assert resolver.resolve("MTN") == "MRT"  # Mauritania's ITU symbol


def test_an_import_reads_itu_symbols_and_bdt_region_spellings(
    engine: Engine, tmp_path: Path
) -> None:
    from stdgap.indicators.request import IndicatorRequest
    from stdgap.ingest.pipeline import run_import
    from stdgap.ingest.sources import Source
    from stdgap.reference.vocabulary import region_named

    members = tmp_path / "members.csv"
    members.write_text(
        "member_id,name,type,country\nM-D,Germany,member_state,D\nM-ALG,A,academia,ALG\n"
    )
    run_import.perform(engine, "test", [Source.from_path(members, "members")])
    with engine.connect() as connection:
        stored = dict(connection.execute(text("SELECT member_id, country FROM members")).all())
    assert stored == {"M-D": "DEU", "M-ALG": "DZA"}
    for spelling in ("Asia & Pacific", "asia and the pacific", "ASIA-PACIFIC", "ASP"):
        assert region_named(spelling) == "Asia-Pacific"
        request = IndicatorRequest.parse(where=[f"region:{spelling}"])
        assert request.filters == {"region": "Asia-Pacific"}
    assert region_named("Atlantis") is None
