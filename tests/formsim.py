"""A small browser stand-in for the workplace tests: reads a page's form controls (with
their current values) and submits them as a browser would (successful controls only)."""

from __future__ import annotations

from html.parser import HTMLParser

from hbh_indicatie.models.case import Case
from hbh_indicatie.rules.context import has_children


class FormReader(HTMLParser):
    """The controls of the form with id ``form_id``: (name, value) pairs a browser would send,
    plus every control name found (also unchecked boxes, unselected options)."""

    def __init__(self, form_id: str = "werkplek") -> None:
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.inside = False
        self.pairs: list[tuple[str, str]] = []
        self.names: set[str] = set()
        self.labels_for: set[str] = set()
        self.ids: set[str] = set()
        self._select: str | None = None
        self._select_value: str | None = None
        self._first_option: str | None = None
        self._option_value: str | None = None
        self._textarea: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "form" and a.get("id") == self.form_id:
            self.inside = True
        if not self.inside:
            return
        if tag == "label" and "for" in a:
            self.labels_for.add(a["for"])
        name = a.get("name")
        if tag == "input" and name:
            self.names.add(name)
            kind = a.get("type", "text")
            if kind in ("checkbox", "radio"):
                if "checked" in a:
                    self.pairs.append((name, a.get("value", "on")))
            elif kind not in ("submit", "button", "file"):
                self.pairs.append((name, a.get("value", "")))
        elif tag == "select" and name:
            self.names.add(name)
            self._select, self._select_value, self._first_option = name, None, None
        elif tag == "option" and self._select is not None:
            value = a.get("value", "")
            if self._first_option is None:
                self._first_option = value
            if "selected" in a:
                self._select_value = value
        elif tag == "textarea" and name:
            self.names.add(name)
            self._textarea, self._text = name, []

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "form" and self.inside:
            self.inside = False
        elif tag == "select" and self._select is not None:
            value = self._select_value if self._select_value is not None else self._first_option
            self.pairs.append((self._select, value or ""))
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            self.pairs.append((self._textarea, "".join(self._text).removeprefix("\n")))
            self._textarea = None


def read_form(html: str, form_id: str = "werkplek") -> FormReader:
    reader = FormReader(form_id)
    reader.feed(html)
    reader.close()
    return reader


def as_saved_by_the_form(case: Case) -> Case:
    """The case as the form saves it (formulier.CASE_COMPUTED_WHEN): 'Zorg voor kinderen'
    (client.zelf.kinderen) is not asked and left out without children under 18 in the
    household; the judgement 'meer_professionele_inzet.<factor>' is asked only of a factor that
    is there (Case.effort_factors_present) and left out for the others. The indication is the
    same (tests/test_zelf_kinderen.py, tests/test_werkplek.py)."""
    if not has_children(case):
        capability = case.client.capability.model_copy(update={"children": None})
        case = case.model_copy(update={"client": case.client.model_copy(
            update={"capability": capability})})
    present = case.effort_factors_present()
    effort = case.professional_effort
    absent = {name: None for name, info in type(effort).model_fields.items()
              if info.alias not in present}
    return case.model_copy(update={"professional_effort": effort.model_copy(update=absent)})


JUDGEMENTS_NOT_ASKED_15 = [f"meer_professionele_inzet.{factor}" for factor in (
    "derde_persoon", "extra_kamer_in_gebruik", "extra_kamer_niet_in_gebruik", "huisdier",
    "kinderen", "partner_beperkingen")]
"""Case 15 (a partner, no children, no pets, no extra rooms): only the judgement of
'samenstelling_huishouden' is asked."""
