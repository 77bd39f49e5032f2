"""The state visits only the lines a rule concerns (``State.each_line`` and ``find`` with keyword
filters): the same lines, in the same order, as a predicate over every line would give."""

from __future__ import annotations

from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from hbh_indicatie.models.common import Category
from hbh_indicatie.rules.state import Bucket, Line, State

IDS = ("stofzuigen", "dweilen", "wassen", "boodschappen")


def _line(line_id: str, kind: str, category: Category, extends: str | None, status: str) -> Line:
    minutes = Fraction(30)
    return Line(line_id, line_id, category, kind, True, minutes, status, (Bucket(minutes),),
                extends=extends)


@st.composite
def states(draw: st.DrawFn) -> State:
    state = State(100)
    used: set[str] = set()
    for base in draw(st.lists(st.sampled_from(IDS), min_size=1, max_size=4, unique=True)):
        shape = draw(st.sampled_from(("activiteit", "toeslag", "deel")))
        category = draw(st.sampled_from(list(Category)))
        status = draw(st.sampled_from(("gepubliceerd", "onbekend")))
        if shape == "activiteit":
            line = _line(base, "activiteit", category, None, status)
        elif shape == "toeslag":
            line = _line(f"huisdier.{base}", "toeslag", category, base, status)
        else:
            line = _line(f"{base}.deel", "activiteit", category, base, status)
        if line.id not in used:
            used.add(line.id)
            state.add_line(line)
    return state


names = st.frozensets(st.sampled_from((*IDS, "huisdier", "huisdier.wassen", "wassen.deel")))
categories = st.frozensets(st.sampled_from(list(Category)))


@given(states(), st.data())
def test_keyword_filters_admit_what_the_predicate_admits(state: State, data: st.DataObject) -> None:
    kind = data.draw(st.sampled_from((None, "activiteit", "toeslag")))
    status = data.draw(st.sampled_from((None, "onbekend")))
    ids = data.draw(st.none() | names)
    activities = data.draw(st.none() | names)
    items = data.draw(st.none() | names)
    cats = data.draw(st.none() | categories)
    named = data.draw(st.none() | names)

    def where(ln: Line) -> bool:
        selection = cats is not None or bool(named)
        return ((kind is None or ln.kind == kind) and (status is None or ln.status == status)
                and (ids is None or ln.id in ids)
                and (activities is None or (ln.extends or ln.id) in activities)
                and (items is None or (ln.extends if ln.kind == "activiteit" and ln.extends
                                       else ln.id) in items)
                and (not selection or ln.category in (cats or ())
                     or any(n in (named or ()) for n in ln.names)))

    expected = [ln.id for ln in state.find(where)]
    found = state.find(kind=kind, status=status, ids=ids, activities=activities, items=items,
                       categories=cats, names=named)
    assert [ln.id for ln in found] == expected
    visited: list[str] = []
    state.each_line(lambda ln: visited.append(ln.id), kind=kind, status=status, ids=ids,
                    activities=activities, items=items, categories=cats, names=named)
    assert visited == expected


def test_a_category_is_asked_only_for_a_line_no_name_admits() -> None:
    """§1.6 looks at what the client does per category only where a line needs it (so the list
    of unused facts stays right)."""
    state = State(100)
    state.add_line(_line("stofzuigen", "activiteit", Category.CLEAN_HOME, None, "gepubliceerd"))
    state.add_line(_line("wassen", "activiteit", Category.LAUNDRY, None, "gepubliceerd"))
    asked: list[object] = []

    class Asking:
        def __contains__(self, category: object) -> bool:
            asked.append(category)
            return True

    found = state.find(categories=Asking(), names={"stofzuigen"})
    assert [ln.id for ln in found] == ["stofzuigen", "wassen"]
    assert asked == [Category.LAUNDRY]
