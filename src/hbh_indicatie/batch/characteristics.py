"""Client characteristics an impact report groups by (pure).

Taken from the case and its evaluation under the *current* norm set (A): household size
(the persons the norm counts: lodgers with a contract are not in the household), the
client's age band, the living form and whether housemates carry part of the work as
gebruikelijke hulp (§2). Each is a short code in the per-client CSV; :data:`DIMENSIONS`
gives the Dutch heading and value labels for the report.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from hbh_indicatie.engine import Evaluation
from hbh_indicatie.models.case import LivingForm
from hbh_indicatie.models.common import Actor, spoken

LIVING_FORMS = {
    LivingForm.INDEPENDENT: "zelfstandig",
    LivingForm.GROUP_HOME: "woongroep",
    LivingForm.RENTED_ROOM: "kamerhuur",
    LivingForm.HOLIDAY_HOME: "vakantiewoning",
    LivingForm.SECOND_HOME: "tweede woning",
    LivingForm.HOTEL: "hotel of pension",
}

AGE_BANDS: tuple[tuple[int, int | None], ...] = ((18, 64), (65, 74), (75, 84), (85, None))
"""Client age bands (the client is 18 or older): 18-64, 65-74, 75-84, 85+."""

LARGEST_HOUSEHOLD = 5
"""Households of this size and larger form one group ('5 of meer personen')."""


def age_band(age: int) -> str:
    for low, high in AGE_BANDS:
        if high is None or age <= high:
            return f"{low}+" if high is None else f"{low}-{high}"
    raise AssertionError("unreachable: the last band has no upper bound")


def household_group(size: int) -> str:
    return f"{LARGEST_HOUSEHOLD}+" if size >= LARGEST_HOUSEHOLD else str(size)


def characteristics(ev: Evaluation) -> dict[str, str]:
    """The group codes of one client (CSV column -> code)."""
    usual = any(share.actor is Actor.HOUSEMATE and share.minutes > 0
                for line in ev.state.lines for share in line.shares)
    return {
        "huishoudgrootte": household_group(ev.ctx.household_size),
        "leeftijdsgroep": age_band(ev.ctx.case.client.age),
        "woonvorm": ev.ctx.case.dwelling.living_form.value,
        "gebruikelijke_hulp": "ja" if usual else "nee",
    }


def _household_label(code: str) -> str:
    if code.endswith("+"):
        return f"{code[:-1]} of meer personen"
    return "1 persoon" if code == "1" else f"{code} personen"


def _age_label(code: str) -> str:
    return f"{code[:-1]} jaar en ouder" if code.endswith("+") else f"{code.replace('-', ' t/m ')} jaar"


def _living_label(code: str) -> str:
    return next((label for form, label in LIVING_FORMS.items() if form.value == code), spoken(code))


def _living_order(code: str) -> tuple[int, str]:
    values = [form.value for form in LIVING_FORMS]
    return (values.index(code) if code in values else len(values), code)


@dataclass(frozen=True)
class Dimension:
    column: str
    heading: str
    label: Callable[[str], str]
    order: Callable[[str], tuple[int, str]]


def _numeric_first(code: str) -> tuple[int, str]:
    digits = "".join(ch for ch in code.split("-")[0] if ch.isdigit())
    return (int(digits) if digits else 0, code)


DIMENSIONS: tuple[Dimension, ...] = (
    Dimension("huishoudgrootte", "Huishoudgrootte", _household_label, _numeric_first),
    Dimension("leeftijdsgroep", "Leeftijd van de cliënt", _age_label, _numeric_first),
    Dimension("woonvorm", "Woonvorm", _living_label, _living_order),
    Dimension("gebruikelijke_hulp", "Gebruikelijke hulp van huisgenoten (§2)",
              lambda code: "met gebruikelijke hulp" if code == "ja" else "zonder gebruikelijke hulp",
              lambda code: (0 if code == "ja" else 1, code)),
)
"""The groups of the report, in the order the report shows them."""
