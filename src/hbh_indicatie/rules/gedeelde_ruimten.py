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

from hbh_indicatie.models.common import Actor
from hbh_indicatie.rules.context import Context
from hbh_indicatie.rules.explain import Said, Text
from hbh_indicatie.rules.koppeling import item_of
from hbh_indicatie.rules.registry import Declaration, Paragraph, Rule
from hbh_indicatie.rules.state import Line, State, StepData

PARAGRAPH = "§1.2"

DECLARATION = Declaration(
    "gedeelde_ruimten",
    (Paragraph("§1.2", "Het cliëntsysteem is primair zelf verantwoordelijk"),
     Paragraph("§4.6.1", "Invloed van de woning of woonvorm op de hulp bij het huishouden")),
    (Rule("gedeelde_ruimten.evenredig_deel", "§1.2",
          "van gemeenschappelijke ruimten krijgt het huishouden een evenredig deel"),),
)


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

    def evenredig_deel(line: Line) -> None:
        act = ctx.norms.activity(item_of(line))  # a split item's part: its item
        if act is None or line.kind != "activiteit":
            return
        common = act.shared_fraction(shared.rooms)
        if common == 0:
            return
        _, removed = state.allocate(line, common * (1 - share), Actor.CO_RESIDENTS, PARAGRAPH)
        where = ", ".join(r.value for r in act.room_names if r in shared.rooms)
        part: Text = "" if common == 1 else Said("{0:m}% ervan, ", common * 100)
        state.with_step(StepData(
            "gedeelde_ruimten.evenredig_deel", PARAGRAPH,
            Said(
                "'{0}' betreft gemeenschappelijke ruimte ({1}; {2}{3:m} min/week). Het "
                'huishouden van de cliënt krijgt een evenredig deel ({4}/{5}); de '
                'medebewoners doen de rest van dat deel ({6:m} min/week), of zij zelf '
                'zorg nodig hebben of niet.',
                line.label, where, part, line.norm * common, share.numerator, share.denominator, removed),
            facts, -removed, line.id, ctx.framework,
        ))

    state.each_line(evenredig_deel)
    return state
