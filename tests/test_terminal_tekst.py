"""The terminal table shows texts as written: square brackets in a label or a step are no
rich markup (a '[/x]' in a consultant's motivering used to end the program)."""

from __future__ import annotations

from pathlib import Path

from hbh_indicatie import api
from hbh_indicatie.render import terminal

CASE = Path(__file__).resolve().parent.parent / "cases" / "01-alleenstaande-volledige-overname.yaml"


def test_brackets_are_shown_literally() -> None:
    case = api.load_case(CASE)
    indication = api.compute(case, api.load_norms("protocol-hbh", case.reference_date))
    step = indication.uitleg[0].model_copy(update={"tekst": "Zie [bold]notitie[/bold] en [/x]"})
    activity = indication.activiteiten[0].model_copy(update={"label": "Ramen [binnen]"})
    changed = indication.model_copy(update={"uitleg": (step, *indication.uitleg[1:]),
                                            "activiteiten": (activity,
                                                             *indication.activiteiten[1:])})
    text = terminal.render(changed)
    assert "Zie [bold]notitie[/bold] en [/x]" in text
    assert "Ramen [binnen]" in text
