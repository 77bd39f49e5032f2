"""§4.4 Ouderlijke zorgplicht bij echtscheiding: the share of the non-resident parent.

"Bij uitval van de verzorgende ouder moet wel onderzoek gedaan worden naar de mogelijkheid
van opvang van de kinderen door de niet thuiswonende ouder, door te kijken naar de voor de
rechtbank vastgelegde afspraken tussen de ex-echtgenoten. Voor die perioden dat de kinderen
bij de verzorgende -uitgevallen- ouder zijn kan er dan een indicatie voor opvang zijn. Als de
zorgplicht door de niet-verzorgende ouder kennelijk niet wordt nagekomen, beschouwen we de
situatie als een éénoudergezin."

The case records the other parent as a network member (relatie ``andere_ouder``) with the
tasks of the omgangsregeling (``neemt_over``), the share of the time the children are with
the client (``kinderen_bij_client_procent``) and whether the other parent keeps to it
(``omgangsregeling_nagekomen``):

* kept: the other parent does (100 - share)% of those tasks; the help is for the periods
  the children are with the client;
* visibly not kept (``nee``): the other parent does nothing, an éénoudergezin (§4.3 follows);
* ``onbekend`` compliance: the arrangement counts (voorlopig); ``onbekend`` share: the other
  parent is not counted (voorlopig).
"""

from __future__ import annotations

from hbh_indicatie.models.case import NetworkMember, NetworkRelation
from hbh_indicatie.models.common import UNKNOWN, Actor
from hbh_indicatie.rules.context import (
    Context,
    has_children,
    in_file_independent_order,
    selects,
)
from hbh_indicatie.rules.explain import Said
from hbh_indicatie.rules.registry import Declaration, Paragraph, Rule, Untranslated
from hbh_indicatie.rules.state import ONE, Line, State, StepData, percent

PARAGRAPH = "§4.4"

DECLARATION = Declaration(
    "andere_ouder",
    (Paragraph("§4.4", "Ouderlijke zorgplicht bij echtscheiding"),),
    (Rule("andere_ouder.aandeel", "§4.4", "aandeel van de niet-thuiswonende ouder"),
     Rule("andere_ouder.niet_nagekomen", "§4.4",
          "de andere ouder komt de zorgplicht niet na: éénoudergezin")),
    (Untranslated(
        "§4.4",
        "§4.4: opvang door de niet-thuiswonende ouder volgt uit de afspraken bij de "
        "rechtbank; leg die vast als netwerk (relatie: andere_ouder, met "
        "kinderen_bij_client_procent en omgangsregeling_nagekomen).",
        has_children,
        "afspraken met de niet-thuiswonende ouder (vastleggen als netwerk, relatie "
        "`andere_ouder`, met `kinderen_bij_client_procent` en `omgangsregeling_nagekomen`)"),),
)


def apply(ctx: Context, state: State) -> State:
    parents = in_file_independent_order(
        [m for m in ctx.case.network if m.relation is NetworkRelation.OTHER_PARENT])
    for parent in parents:
        state = _parent(state, parent)
    return state


def _parent(state: State, parent: NetworkMember) -> State:
    with_client = parent.children_with_client_percent
    kept = parent.arrangement_kept
    facts = (("andere ouder", parent.name), ("kinderen_bij_client_procent", str(with_client)),
             ("omgangsregeling_nagekomen", "ja" if kept is True else "nee" if kept is False
              else UNKNOWN))
    if kept is False:
        return state.with_step(StepData(
            "andere_ouder.niet_nagekomen", PARAGRAPH,
            Said(
                '{0} komt de zorgplicht kennelijk niet na: de situatie geldt als '
                'éénoudergezin; de andere ouder neemt niets over.',
                parent.name), facts,
        ))
    if kept == UNKNOWN:
        state = state.with_unknown(
            f"netwerk.{parent.name}.omgangsregeling_nagekomen", "andere_ouder_onbekend",
            PARAGRAPH,
            Said(
                'Niet vastgesteld of {0} de omgangsregeling nakomt; gerekend volgens de '
                'afspraken. Komt die ouder ze kennelijk niet na, dan is het een '
                'éénoudergezin.',
                parent.name),
        )
    if with_client is None or with_client == UNKNOWN:
        return state.with_unknown(
            f"netwerk.{parent.name}.kinderen_bij_client_procent", "andere_ouder_onbekend",
            PARAGRAPH,
            Said(
                'Niet bekend welk deel van de tijd de kinderen bij de cliënt zijn; {0} '
                'is niet meegerekend. Leg het vast uit de omgangsregeling.',
                parent.name),
        )
    assert isinstance(with_client, int)
    other = ONE - percent(with_client)
    if not other:
        return state.with_step(StepData(
            "andere_ouder.aandeel", PARAGRAPH,
            Said(
                'De kinderen zijn volgens de omgangsregeling altijd bij de cliënt: {0} '
                'neemt niets over.',
                parent.name), facts,
        ))

    def share(line: Line) -> None:
        _, removed = state.allocate(line, other, Actor.NETWORK, PARAGRAPH, parent.name)
        if not removed:
            return
        state.with_step(StepData(
            "andere_ouder.aandeel", PARAGRAPH,
            Said(
                'De kinderen zijn {0}% van de tijd bij de cliënt; {1} (de '
                "niet-thuiswonende ouder) doet '{2}' voor de andere {3}% volgens de "
                'omgangsregeling. Hulp alleen voor de perioden bij de cliënt.',
                with_client, parent.name, line.label, 100 - with_client),
            facts, -removed, line.id,
        ))

    state.each_line(share, lambda line: selects(parent.takes_over, line))
    return state
