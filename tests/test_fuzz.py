"""Issue 16.6: a standing fuzz test of the Python API.

Cases are valid cases from the project's strategies (tests/strategies.py) with up to three
top-level fields replaced by values drawn from the published case schema
(hypothesis-jsonschema), so they are schema-valid in their parts and reach the rules, the
renderers and the iWmo export; some get a date at the edge of the calendar or an odd value
(a number of 5,000 digits, an empty text, a list) somewhere, as an embedder's program might.
Whatever the case, every failure must be the project's own
:class:`HbhError` with a Dutch message: never an ``Interne fout``.

In CI a few hundred examples; a long run (for example before a release):

    HBH_FUZZ_VOORBEELDEN=20000 python -m pytest tests/test_fuzz.py -q
"""

from __future__ import annotations

import copy
import os
import re
from datetime import date
from functools import cache
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis_jsonschema import from_schema

from hbh_indicatie import api
from hbh_indicatie.errors import HbhError
from hbh_indicatie.models.loaded_norms import LoadedNorms
from hbh_indicatie.schemas import json_schema
from tests.strategies import cases

EXAMPLES = int(os.environ.get("HBH_FUZZ_VOORBEELDEN", "200"))
SCHEMA = {k: v for k, v in json_schema("casus").items() if k != "$id"}
EDGE_DATES = ("1900-01-01", "1900-01-02", "2199-12-31", "2199-12-01", "2199-06-30", "2024-02-29",
              "9999-12-31", "9999-06-30", "0001-01-01")
"""Dates at the edges: the model's own (1900, 2199) and Python's (year 1 and 9999)."""
ODD_VALUES = (10**5000, -(10**40), 2**63, -1, 0, 1.5, float("inf"), "", " ", "\u3000", "ja", "onbekend",
              None, [], {}, [[[[]]]], True, "9999-12-31", "x" * 5000)
"""What an embedder's program may put anywhere in the dict it hands over."""
ENGLISH = ("Input should", "Field required", "Value error", "should be", "should have", "must be",
           "Traceback", "object has no attribute", "out of range", "Exceeds the limit",
           "unexpected", "invalid", "not a valid", "is not", "Error")
"""Phrases of Python or pydantic messages that must never reach a user."""


def _refs(node: Any) -> set[str]:
    if isinstance(node, dict):
        found = {node["$ref"].rsplit("/", 1)[-1]} if "$ref" in node else set()
        return found.union(*(_refs(v) for v in node.values()))
    if isinstance(node, list):
        return set().union(*(_refs(v) for v in node))
    return set()


@cache
def _part(name: str) -> st.SearchStrategy[Any]:
    """Values for one top-level field, drawn from its part of the schema (only the
    definitions it refers to: hypothesis-jsonschema prepares every one it is given)."""
    schema = dict(SCHEMA["properties"][name])
    needed, todo = set(), _refs(schema)
    while todo:
        ref = todo.pop()
        needed.add(ref)
        todo |= _refs(SCHEMA["$defs"][ref]) - needed
    if needed:
        schema["$defs"] = {ref: SCHEMA["$defs"][ref] for ref in needed}
    drawn = from_schema(schema)
    if SCHEMA["properties"][name].get("format") == "date" or name == "ingangsdatum":
        return st.one_of(st.sampled_from(EDGE_DATES), drawn)
    return drawn


FIELDS = sorted(SCHEMA["properties"])


def _leaves(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    if isinstance(node, dict):
        return [p for key, value in node.items() for p in _leaves(value, (*path, key))] or [path]
    if isinstance(node, list):
        return [p for i, value in enumerate(node) for p in _leaves(value, (*path, i))] or [path]
    return [path]


def _replace(case: dict[str, Any], path: tuple[Any, ...], value: Any) -> None:
    node: Any = case
    for step in path[:-1]:
        node = node[step]
    node[path[-1]] = value


@st.composite
def hostile_cases(draw: st.DrawFn) -> dict[str, Any]:
    case = copy.deepcopy(draw(cases()))
    for name in draw(st.lists(st.sampled_from(FIELDS), max_size=3, unique=True)):
        case[name] = draw(_part(name))
    if draw(st.booleans()):  # an edge date for the peildatum: periods must still fit
        case["peildatum"] = draw(st.sampled_from(EDGE_DATES))
    if draw(st.integers(0, 3)) == 0:  # an odd value anywhere
        leaves = [p for p in _leaves(case) if p]
        _replace(case, draw(st.sampled_from(leaves)), draw(st.sampled_from(ODD_VALUES)))
    return case


def _dutch(exc: HbhError) -> None:
    """No English phrase in the message, leaving out what it quotes from the input ('...')."""
    own_words = re.sub(r"'[^']*'", "''", exc.message)
    for phrase in ENGLISH:
        assert phrase not in own_words, f"niet-Nederlandse melding: {exc.message}"


toewijzing_settings = st.fixed_dictionaries({}, optional={
    "looptijd_maanden": st.integers(1, 120),
    "einddatum": st.sampled_from(EDGE_DATES).map(date.fromisoformat),
    "eenheid": st.sampled_from(["auto", "minuut"]),
    "toewijzingnummer": st.integers(0, 999_999_999),
})


@settings(max_examples=EXAMPLES, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                 HealthCheck.filter_too_much])
@given(data=hostile_cases(), extra=toewijzing_settings)
def test_api_never_fails_with_an_internal_error(protocol_norms: LoadedNorms, data: dict[str, Any],
                                                extra: dict[str, Any]) -> None:
    try:
        case = api.case_from_dict(data, "fuzz")
        norms = protocol_norms
        if case.norm_set is not None and case.norm_set != "protocol-hbh":
            norms = api.load_norms(case.norm_set, case.reference_date)
        indication = api.compute(case, norms, "fuzz")
    except HbhError as exc:
        _dutch(exc)
        return
    for render in (api.render_json, api.render_text, api.render_taakverdeling):
        assert render(indication)
    assert api.render_markdown(indication, norms) and api.render_html(indication, norms)
    row = api.batch_row(case, norms)
    assert row["totaal_minuten_per_week"] == indication.totaal_minuten_per_week
    try:
        export = api.toewijzing(indication, case.delivery, **extra)
    except HbhError as exc:
        _dutch(exc)
        return
    assert api.render_iwmo(export)
