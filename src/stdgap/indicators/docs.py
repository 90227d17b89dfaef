"""``docs/indicators.md``, generated from the catalogue.

Regenerate with ``python -m stdgap.indicators.docs > docs/indicators.md``; a test fails when the
file and the catalogue disagree.
"""

from __future__ import annotations

from stdgap.indicators.builtin import BUILTIN
from stdgap.indicators.catalogue import CATALOGUE, DIMENSION_HELP, DIMENSIONS, Indicator
from stdgap.indicators.sources import registry
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
- `leadership_positions` and its shares count a role in every year it is active on at least
  one day, so in an assembly year outgoing and incoming office-holders are both counted.
  `leadership_held`, `roles_held` and their shares count the roles held on the reference date
  of the year (31 December unless the store setting `leadership_reference_date` says
  otherwise): started on or before it and not ended by it (a role that ends on the date is no
  longer held, one that starts on it is), as ITU's lists of office-holders read on a date. Use
  these for trends and key figures. A role with no end is active up to the latest year of the
  store's meetings and role starts.
- `*_share_of_total` indicators divide a cell's count by the same count over every value of
  the last requested dimension, the others fixed: `--by year,region` gives each region's share
  of the year's total, which a developing share (always 0 % or 100 % within one region)
  cannot.
- A person's first attendance is on their earliest meeting start date over all stored data (if
  they attended several meetings that day, each of those attendances is a first one).
- `country` is the ISO 3166-1 alpha-3 code of that attributed country. A person who attended
  for members of several countries counts once in the cell of each; they are a newcomer only in
  the cell(s) of their first attendance ever, not in a country they first attend for later.
"""

_OUTPUT = f"""\
## Output
`--format json` prints one array of objects: `indicator`, one key per requested dimension
(`year` an integer, every other value a string: `"true"`/`"false"` for ldc, lldc and sids),
`value`, for shares `numerator` and `denominator`, `suppressed`, `protection` (`exact`,
`perturbed` or `suppressed`: how the cell was published) and `flag` (below). `--format csv` and
`--format parquet` have the same columns. `--format sdmx-csv` writes SDMX-CSV 1.0: `DATAFLOW`,
`TIME_PERIOD` for the year, one upper-case column per other dimension, `INDICATOR`,
`OBS_VALUE`, `UNIT_MEASURE`, and the standard attributes `OBS_STATUS` (`A` normal, `E`
estimated: perturbed, `P` provisional, `M` missing: suppressed, withheld or no denominator) and
`CONF_STATUS` (`F` free, `A` primary confidential: suppressed as a small count).

A share whose denominator is 0 has value null.

## Flags
Some figures are shaped by the edges of the data rather than by what happened; the cell says so
in `flag` (tables show it in a note column, reports beside the figure):

- `first_year`: in the first year of the data everyone is new, so `newcomer_share` and
  `retention_rate` of that year are withheld (value null);
- `no_next_year`: `retention_rate` needs the next year's attendance, which the data does not
  hold yet: withheld;
- `provisional`: the current calendar year (for `retention_rate`, also the year before it) is
  not over; its figures are kept but will grow.

The first and last years are those of the store's meetings; the current year is today's.

## Disclosure control
Every cell is published by one of two classes, given per indicator in the catalogue above:

- **public record**: what a standards body itself publishes about its work (which member
  attended which meeting, which member submitted which contribution, who holds which position)
  is published exactly at any size, and never suppressed;
- **protected**: figures about persons (gender, age, first attendance and return, fellowships,
  whether a person gave their gender or birth year), and any cell of any indicator split or
  filtered by `gender`, are perturbed, and suppressed when small.

Protection must hold across every output the public can get (pages, API, downloads, reports),
not only inside one table: cell-by-cell suppression alone does not, because a user who asks for
the total by year and then by year and gender subtracts the published children from the total.
Two remedies are in use by statistical offices: complementary (secondary) suppression, which
hides more cells so that no subtraction is left, and the cell-key method of the ABS TableBuilder
and the ONS flexible census tables. stdgap uses the cell-key method, because:

- the tables the public can ask for are open (any combination of dimensions, filters and year
  ranges): complementary suppression would have to be solved over every margin of every table
  at once, and would hide different cells as data arrive, so two downloads would disagree;
- a cell's noise is fixed by the records in it: every record (a person, an attendance, a role)
  has a pseudo-random key from a secret of the store (the hidden setting `cell_key_secret`,
  made when the store is created), a cell's key is the sum of its records' keys, and its noise is
  read from a fixed table by that key: −3, −2, −1, 0, +1, +2, +3 with probabilities of about
  0.05, 0.1, 0.2, 0.3, 0.2, 0.1, 0.05 (13, 25, 52, 76, 52, 25 and 13 of the 256 keys: mean 0,
  variance 2.1). The same cell gets the same figure however and however often
  it is asked for, so repeating, reordering or differencing queries reveals nothing: a
  protected cell is never published exactly, and no sum or difference of exact cells isolates
  one;
- a share's numerator and denominator are each perturbed by their own key, and the share is
  their ratio: no protected numerator or denominator is published exactly. A share of the
  total (`*_share_of_total`) has its count's published figure as numerator, so the two are
  published or suppressed together. Its denominator is the total as published: exact when the
  total is public record (the persons of a year and region split by gender divide by the
  exact persons of that year and region), perturbed when it is about persons itself. Where
  the numerator came out above the total, the denominator is raised to it (the share is then
  100 %), so the shares of one total do not always have the same denominator;
- a protected cell whose size (a count, a share's denominator, a share of the total's own
  count), exact or perturbed, is under
  the store setting `{PUBLIC_MIN_CELL}` ({SETTINGS[PUBLIC_MIN_CELL].default} unless changed with
  `stdgap settings set`) is suppressed: value, numerator and denominator null. A published size
  is thus never under the minimum, so a small published figure does not pin the exact one (were
  only the exact size compared, a published 3 would mean exactly 5). The public cannot move the
  minimum: a `min_cell` in a public request is ignored, as a threshold compared with the exact
  size would give the size away by bisection;
- a withheld cell (a first year, a last year without its next) about persons is published as
  suppressed, whatever its size.

Limits, said plainly: perturbed tables do not add up exactly (a total is not the sum of its
perturbed children); published public record bounds protected cells (the women of a country's
delegation are at most its participants), and an attacker who knows the noise is at most 3 can
sometimes learn that a whole small delegation shares one gender, or that none of it is of
unknown gender; two complementary cells of an exact total (persons of known and of unknown
gender, say) whose noises are both at the same extreme pin each other (about 0.5 % of such
pairs). An interval attacker run over the small demo (every grouping of year, country, group,
member type and region with gender, and with birth year known or not) pinned 2 cells that were
neither zero nor a whole group, against 59 and every size by bisection before these rules; and
persons' attendance histories are public record, so newcomer status can be read from who
attended when.

Analysts and admins (signed in on the web) and the command line (`--min-cell N`) may ask for
exact figures: every cell is then exact and cells under N are suppressed (`--min-cell 1`: none).
"""


_CLASS = {"public_record": "public record", "protected": "protected"}
#: Why the figures of a capability's fact source are public record, when not said below.
_OTHER_PUBLIC = "what it counts is public record (see the capability's page in docs/)"
#: Why a public-record indicator may be published exactly, by its fact source.
_PUBLIC_BECAUSE = {
    "attendance": "which member attended which meeting is public record (meeting participant "
    "lists name the member each delegate attends for)",
    "contributions": "which member submitted which contribution is public record (the "
    "contribution registers of each meeting)",
    "roles": "who holds which position, nominated by which member, is public record (the "
    "published office-holders of each group)",
    "cxo_participation": "which organisations and countries came to a CxO meeting is public "
    "record (the meeting's communiqué names them)",
}


def _disclosure(indicator: Indicator) -> str:
    if indicator.protected:
        return f"protected, as it tells {indicator.protects}: perturbed, and suppressed when small"
    return (
        f"public record, as {_PUBLIC_BECAUSE.get(indicator.facts, _OTHER_PUBLIC)}: exact; "
        "split or filtered by "
        "`gender`, protected"
    )


def _dimensions() -> str:
    lines = ["## Dimensions", "| dimension | meaning |", "|---|---|"]
    lines += [f"| `{name}` | {DIMENSION_HELP[name]} |" for name in DIMENSIONS]
    lines.append(
        "\nAny combination may be asked for; a share grouped by a dimension is a share within "
        "each of its values. Contributions have no `gender`. A row with no value of a dimension "
        "(an event registrant of no member, a fund spending of no beneficiary country) is in its "
        "cell `unknown`, as a region or a gender can be."
    )
    return "\n".join(lines) + "\n"


def _ordered() -> list[Indicator]:
    """The catalogue in a stable order: the engine's own indicators as declared, then each
    capability's, by the name of its fact source (whichever capability registered first)."""
    own = {source.name for source in BUILTIN}
    indexed = list(enumerate(CATALOGUE.values()))
    return [
        indicator
        for _index, indicator in sorted(
            indexed,
            key=lambda pair: (
                (0, "", pair[0]) if pair[1].facts in own else (1, pair[1].facts, pair[0])
            ),
        )
    ]


def _summary() -> str:
    lines = [
        "## Catalogue",
        "| id | unit | serves | disclosure | title |",
        "|---|---|---|---|---|",
    ]
    lines += [
        f"| `{i.id}` | {i.unit} | {i.clause} | {_CLASS[i.disclosure]} | {i.title} |"
        for i in _ordered()
    ]
    return "\n".join(lines) + "\n"


def _entry(indicator_id: str) -> str:
    indicator = CATALOGUE[indicator_id]
    lines = [f"### `{indicator.id}` — {indicator.title}", "", indicator.definition, ""]
    lines.append(f"- unit: {indicator.unit}")
    if indicator.is_share:
        lines.append(f"- numerator: {indicator.numerator}")
        lines.append(f"- denominator: {indicator.denominator}")
    lines.append(f"- serves: {indicator.clause}")
    lines.append(f"- disclosure: {_disclosure(indicator)}")
    lines.append(f"- dimensions: {', '.join(f'`{d}`' for d in indicator.dimensions)}")
    return "\n".join(lines) + "\n"


def render_markdown() -> str:
    """The text of ``docs/indicators.md``."""
    registry()  # the capabilities' indicators too
    parts = [_INTRO, _dimensions(), _summary(), "## Definitions\n"]
    parts += [_entry(indicator.id) for indicator in _ordered()]
    parts.append(_OUTPUT)
    return "\n".join(parts)


if __name__ == "__main__":
    print(render_markdown(), end="")
