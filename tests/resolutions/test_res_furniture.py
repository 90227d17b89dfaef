"""Page furniture inserted at random line breaks does not change the parse (property test)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from texts import ALL, DECISION, FINAL_ACTS, FINAL_ACTS_FR, RA, UNGA

from stdgap.resolutions.parser import parse_text

FIXTURES = [FINAL_ACTS, FINAL_ACTS_FR, DECISION, RA, *ALL.values()]
# the running head names the text's own number ("RESOLUTION 77", "第9号决议", "5 Res. 77")
NUMBERS = [getattr(parse_text(text), "number", None) for text in FIXTURES]
FURNITURE = st.sampled_from(
    [
        "\f",
        "\f- {n} -\n",
        "- {n} -\n",
        "Res. 9\n",
        "\fRes. 77\n",
        "\f{n}\n",
        "Page {n}\n",
        "\fRés. 9\n- {n} -\n",
        "\fRÉS. 77\n",
        "\fRESOLUTION {r}\n",
        "\f{n} Res. {r}\n",
        "\fRés. {r} {n}\n",
        "\f第{r}号决议\n",
        "- {n} -\nRESOLUTION {r}\f",
        "\f- {n} -\nRés. 77\n",
        "Page {n}\f",
    ]
)
UN_FURNITURE = st.sampled_from(
    ["\f", "\fA/RES/91/123\n{n}/9\n", "{n}/9\n", "36-{n:05d} (E)\n\f", "\f{n}/9\nA/RES/91/123\n"]
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from(range(len(FIXTURES))),
    st.lists(st.tuples(st.integers(min_value=1), FURNITURE, st.integers(1, 400)), max_size=6),
)
def test_furniture_at_line_breaks_does_not_change_the_json(
    which: int, inserts: list[tuple[int, str, int]]
) -> None:
    text = FIXTURES[which]
    lines = text.split("\n")
    breaks: dict[int, str] = {}
    for at, piece, n in inserts:
        position = at % (len(lines) - 1) + 1  # before line `position`, after a line break
        breaks[position] = breaks.get(position, "") + piece.format(n=n, r=NUMBERS[which])
    noisy = "\n".join(breaks.get(k, "") + line for k, line in enumerate(lines))
    assert parse_text(noisy).to_dict() == parse_text(text).to_dict()


def test_final_acts_fixtures_parse_fully() -> None:
    for text in (FINAL_ACTS, FINAL_ACTS_FR):
        parsed = parse_text(text).to_dict()
        assert parsed["revised"] and len(parsed["footnotes"]) == 2
        assert [len(s["clauses"]) for s in parsed["operative"]] == [2, 1]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.integers(min_value=1), UN_FURNITURE, st.integers(1, 400)), max_size=5))
def test_un_furniture_at_line_breaks_does_not_change_the_json(
    inserts: list[tuple[int, str, int]],
) -> None:
    lines = UNGA.split("\n")
    start = lines.index("The General Assembly,") + 1  # the head of the document is dropped anyway
    breaks: dict[int, str] = {}
    for at, piece, n in inserts:
        position = start + at % (len(lines) - start)
        breaks[position] = breaks.get(position, "") + piece.format(n=n)
    noisy = "\n".join(breaks.get(k, "") + line for k, line in enumerate(lines))
    assert parse_text(noisy).to_dict() == parse_text(UNGA).to_dict()
