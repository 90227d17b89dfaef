"""``docs/indicators.md``, generated from the catalogue.

Regenerate with ``python -m stdgap.indicators.docs > docs/indicators.md``; a test fails when the
file and the catalogue disagree.
"""

from __future__ import annotations

from stdgap.indicators.catalogue import CATALOGUE, DIMENSION_HELP, DIMENSIONS
from stdgap.store.settings import PUBLIC_MIN_CELL, SETTINGS

_INTRO = """\
# Indicators

Generated from `src/stdgap/indicators/catalogue.py` by `python -m stdgap.indicators.docs`;
do not edit by hand.

`stdgap indicators --by year,group --format json` computes them; `stdgap indicators --list`
prints this catalogue. The same cells come from the Python API
(`stdgap.indicators.compute`), the web and the reports.

## How cells are attributed
- An attendance belongs to the country of the member it was made for; a contribution's weight
  (1, split equally among its sources) to the countries of its source members; a role to the
  country of its nominating member.
- A country's classification is the one in force on the meeting's start date (the role's start
  date for roles). A country is developing when it is classified so, or when it is an economy in
  transition and the store setting `transition_counts_as_developing` is `true` (the default).
- Roles are counted in every year they are active on at least one day; a role with no end is
  active up to the latest year of the store's meetings and role starts.
- A person's first attendance is on their earliest meeting start date over all stored data (if
  they attended several meetings that day, each of those attendances is a first one).
- `country` is the ISO 3166-1 alpha-3 code of that attributed country. A person who attended
  for members of several countries counts once in the cell of each; they are a newcomer only in
  the cell(s) of their first attendance ever, not in a country they first attend for later.
"""

_OUTPUT = f"""\
## Output and suppression
`--format json` prints one array of objects: `indicator`, one key per requested dimension
(`year` an integer, every other value a string: `"true"`/`"false"` for ldc, lldc and sids),
`value`, for shares `numerator` and `denominator`, and `suppressed`. `--format csv` and
`--format parquet` have the same columns; `--format sdmx-csv` writes SDMX-CSV 1.0 (`DATAFLOW`,
one upper-case column per dimension, `INDICATOR`, `OBS_VALUE`, `UNIT_MEASURE`, `OBS_STATUS`,
`CONF_STATUS`; a suppressed observation has no value and status `C`).

A share whose denominator is 0 has value null. A count below the minimum cell size
(the store setting `{PUBLIC_MIN_CELL}`, {SETTINGS[PUBLIC_MIN_CELL].default} unless changed with
`stdgap settings set`, or `--min-cell N`), or a share whose denominator is below it, is
suppressed: value, numerator and denominator are all withheld. `--min-cell 1` disables
suppression.
"""


def _dimensions() -> str:
    lines = ["## Dimensions", "| dimension | meaning |", "|---|---|"]
    lines += [f"| `{name}` | {DIMENSION_HELP[name]} |" for name in DIMENSIONS]
    lines.append(
        "\nAny combination may be asked for; a share grouped by a dimension is a share within "
        "each of its values. Contributions have no `gender`."
    )
    return "\n".join(lines) + "\n"


def _summary() -> str:
    lines = ["## Catalogue", "| id | unit | serves | title |", "|---|---|---|---|"]
    lines += [f"| `{i.id}` | {i.unit} | {i.clause} | {i.title} |" for i in CATALOGUE.values()]
    return "\n".join(lines) + "\n"


def _entry(indicator_id: str) -> str:
    indicator = CATALOGUE[indicator_id]
    lines = [f"### `{indicator.id}` — {indicator.title}", "", indicator.definition, ""]
    lines.append(f"- unit: {indicator.unit}")
    if indicator.is_share:
        lines.append(f"- numerator: {indicator.numerator}")
        lines.append(f"- denominator: {indicator.denominator}")
    lines.append(f"- serves: {indicator.clause}")
    lines.append(f"- dimensions: {', '.join(f'`{d}`' for d in indicator.dimensions)}")
    return "\n".join(lines) + "\n"


def render_markdown() -> str:
    """The text of ``docs/indicators.md``."""
    parts = [_INTRO, _dimensions(), _summary(), "## Definitions\n"]
    parts += [_entry(name) for name in CATALOGUE]
    parts.append(_OUTPUT)
    return "\n".join(parts)


if __name__ == "__main__":
    print(render_markdown(), end="")
