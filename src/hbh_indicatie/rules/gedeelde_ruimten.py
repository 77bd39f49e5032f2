"""§1.2 and §4.6.1: common rooms shared with residents outside the client's household.

§1.2: "Als burgers zelfstandig (denk aan woongroepen, kamerverhuur, hat-eenheden,
kloosterlingen, meerdere generaties in een huis) samenwonen op een adres en
gemeenschappelijke ruimten delen, veronderstellen we dat het aandeel in het schoonmaken van
die ruimten bij uitval van een van de leden wordt overgenomen door de andere leden van het
cliëntsysteem." ... "Als één van de medebewoners wel in staat is de huishoudelijke taken uit
te voeren, hoeft deze persoon niet de huishoudelijke taken over te nemen van zijn
huisgenoot(o)ten die dat niet kan/kunnen. Dezen worden immers ieder voor hun aandeel
geïndiceerd voor hulp bij het huishouden."
§4.6.1: "Hulp bij het huishouden wordt dan alleen geleverd aan de woonruimte van cliënt en
een evenredig deel van het schoonmaken van de gemeenschappelijke ruimte."

So the client's household keeps all work in its own rooms and an evenredig deel of the work
in the common rooms: its persons out of all residents sharing them (1/N for a client living
alone), whether or not the others need care. The rest of the common rooms' work is the
co-residents' (actor medebewoners). Which part of an activity is done in which room is norm
data (``ruimte`` or ``ruimten`` with shares); a toeslag is the client's own extra and is
not shared. That a fellow resident of a woongroep or a lodger with a contract gives no usual
help (not even for the client's share or her own rooms) follows from the household
(``Case.belongs_to_household``, step in ``woonvorm``).
"""

from __future__ import annotations

from fractions import Fraction

from hbh_indicatie.models.common import Actor, fraction_text
from hbh_indicatie.rules.context import Context
from hbh_indicatie.rules.koppeling import item_of
from hbh_indicatie.rules.state import State, StepData, allocate

PARAGRAPH = "§1.2"


def client_share(ctx: Context) -> Fraction:
    """The evenredig deel of the common rooms for the client's household."""
    shared = ctx.case.dwelling.shared_spaces
    assert shared is not None
    return Fraction(ctx.household_size, shared.residents)


def apply(ctx: Context, state: State) -> State:
    shared = ctx.case.dwelling.shared_spaces
    if shared is None:
        return state
    share = client_share(ctx)
    rooms = ", ".join(r.value for r in shared.rooms)
    facts: tuple[tuple[str, str], ...] = (("gedeelde ruimten", rooms), ("bewoners", str(shared.residents)),
             ("huishouden cliënt", str(ctx.household_size)),
             ("evenredig deel", f"{share.numerator}/{share.denominator}"))
    if shared.residents_needing_care is not None:
        facts = (*facts, ("zorgbehoevende bewoners", str(shared.residents_needing_care)))
    for line in state.lines:
        act = ctx.norms.activity(item_of(line))  # a split item's part: its item
        if act is None or line.kind != "activiteit":
            continue
        common = act.shared_fraction(shared.rooms)
        if common == 0:
            continue
        new, removed = allocate(line, common * (1 - share), Actor.CO_RESIDENTS, PARAGRAPH)
        state = state.replace_line(new)
        where = ", ".join(r.value for r in act.room_names if r in shared.rooms)
        part = "" if common == 1 else f"{fraction_text(common * 100)}% ervan, "
        state = state.with_step(StepData(
            "gedeelde_ruimten.evenredig_deel", PARAGRAPH,
            f"'{line.label}' betreft gemeenschappelijke ruimte ({where}; {part}"
            f"{fraction_text(line.norm * common)} min/week). Het huishouden van de cliënt krijgt "
            f"een evenredig deel ({share.numerator}/{share.denominator}); de medebewoners doen "
            f"de rest van dat deel ({fraction_text(removed)} min/week), of zij zelf zorg nodig "
            "hebben of niet.",
            facts, -removed, line.id, ctx.framework,
        ))
    return state
