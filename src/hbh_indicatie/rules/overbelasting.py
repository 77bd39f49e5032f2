"""§2.1 Overbelasting.

"Wanneer een huisgenoot overbelast blijkt te zijn door de zorg voor cliënt, kan tijdelijk hulp
bij het huishouden worden ingezet. [...] Alleen wanneer blijkt dat -na een tijdelijke
indicatie- ondanks pogingen van betrokkenen om tot oplossingen te komen het echt niet
mogelijk is om de overbelasting te reduceren, kan langdurig hulp bij het huishouden worden
ingezet."

* A first indication for an overburdened housemate is temporary: the housemate's share is
  carried by the help until the end of the term, then by the housemate.
* At a herindicatie the case records the temporary indication that went before, the
  attempts, and the consultant's finding (``eerdere_tijdelijke_indicatie``). Only when the
  overburden really cannot be reduced does the help carry the share for the long term; when
  it can, or when that is ``onbekend`` (voorlopig), the help is temporary again.
"""

from __future__ import annotations

from datetime import date
from fractions import Fraction

from hbh_indicatie.errors import RuleConflict
from hbh_indicatie.models.case import Housemate
from hbh_indicatie.models.common import UNKNOWN, Actor, TemporaryReason
from hbh_indicatie.rules.context import Context, add_months
from hbh_indicatie.rules.explain import Said, Text
from hbh_indicatie.rules.registry import Declaration, Paragraph, Rule, Untranslated
from hbh_indicatie.rules.state import ZERO, State, StepData, day_before

PARAGRAPH = "§2.1"

DECLARATION = Declaration(
    "overbelasting",
    (Paragraph("§2.1", "Overbelasting"),),
    (
        Rule("overbelasting.tijdelijk", "§2.1",
             "de hulp neemt het deel van een overbelaste huisgenoot tijdelijk over"),
        Rule("overbelasting.langdurig", "§2.1",
             "na een tijdelijke indicatie niet te verminderen: langdurig"),
        Rule("overbelasting.opnieuw_tijdelijk", "§2.1",
             "na een tijdelijke indicatie nog te verminderen: opnieuw tijdelijk"),
    ),
    (Untranslated(
        "§2.1",
        "§2.1: of de overbelasting na een tijdelijke indicatie echt niet te "
        "verminderen is, is het oordeel van de indicatiesteller (vastgelegd in "
        "'overbelasting_niet_te_verminderen').",
        lambda case: any(m.previous_overburden is not None for m in case.housemates),
        "of overbelasting echt niet te verminderen is (`overbelasting_niet_te_verminderen`)"),),
)

Temporary = tuple[date, TemporaryReason, Actor]


def term_end(ctx: Context) -> date:
    return day_before(add_months(ctx.start, ctx.norms.terms.overburden.months))


def long_term(mate: Housemate) -> bool:
    """After a temporary indication the overburden proved impossible to reduce."""
    previous = mate.previous_overburden
    return mate.overburdened is True and previous is not None and previous.cannot_reduce is True


def temporary(ctx: Context, mate: Housemate) -> Temporary | None:
    """How the help carries an overburdened housemate's share: until the term end (then the
    housemate), or ``None`` for the long term (:func:`long_term`)."""
    if long_term(mate):
        return None
    return term_end(ctx), TemporaryReason.OVERBURDEN, Actor.HELP


def check_conflicts(mate: Housemate, state: State) -> None:
    conflicts = state.find(lambda ln: ln.exclusion is not None)
    if conflicts:
        line = conflicts[0]
        raise RuleConflict(
            line.exclusion or PARAGRAPH, PARAGRAPH,
            f"{mate.name} is overbelast (§2.1: tijdelijk hulp inzetten), maar volgens "
            f"{line.exclusion} wordt in deze woonvorm geen hulp bij het huishouden verstrekt.",
        )


def assess(ctx: Context, state: State, mate: Housemate) -> State:
    """The explanation for an overburdened housemate, once: temporary (with the warning to
    look for ways to reduce it) or, after a temporary indication, long-term."""
    previous = mate.previous_overburden
    if previous is None:
        return warn(ctx, state, mate)
    facts = (("huisgenoot", mate.name), ("eerdere tijdelijke indicatie tot", str(previous.until)),
             ("pogingen", previous.attempts),
             ("overbelasting niet te verminderen", str(previous.cannot_reduce)))
    if previous.cannot_reduce is True:
        return state.with_step(StepData(
            "overbelasting.langdurig", PARAGRAPH,
            Said(
                '{0} is overbelast. Na de tijdelijke indicatie (tot en met {1}) is het '
                'ondanks pogingen ({2}) echt niet mogelijk gebleken de overbelasting te '
                'verminderen: de hulp neemt het deel van {0} langdurig over.',
                mate.name, previous.until, previous.attempts), facts,
        ))
    if previous.cannot_reduce == UNKNOWN:
        state = state.with_unknown(
            f"huisgenoten.{mate.name}.eerdere_tijdelijke_indicatie."
            "overbelasting_niet_te_verminderen",
            "overbelasting_langdurig_onbekend", PARAGRAPH,
            Said(
                'Niet vastgesteld of de overbelasting van {0} na de tijdelijke indicatie '
                'echt niet te verminderen is; opnieuw tijdelijk gerekend. Alleen als dat '
                'vaststaat kan de hulp langdurig worden (§2.1).',
                mate.name),
        )
    else:
        state = state.with_step(StepData(
            "overbelasting.opnieuw_tijdelijk", PARAGRAPH,
            Said(
                '{0} is nog overbelast, maar na de tijdelijke indicatie (tot en met {1}) '
                'is de overbelasting nog te verminderen: opnieuw tijdelijk, geen '
                'langdurige hulp.',
                mate.name, previous.until), facts,
        ))
    return warn(ctx, state, mate)


def warn(ctx: Context, state: State, mate: Housemate) -> State:
    return state.with_warning(
        "overbelasting_tijdelijk", PARAGRAPH,
        Said(
            '{0} is overbelast: tijdelijke indicatie tot en met {1}. Onderzoek met '
            'cliënt en huisgenoot hoe de overbelasting kan verminderen; alleen als '
            'dat echt niet lukt kan de hulp daarna langdurig worden.',
            mate.name, term_end(ctx)),
    )


def share_step(
    ctx: Context, mate: Housemate, would: Text, line_id: str,
    facts: tuple[tuple[str, str], ...], minutes: Fraction = ZERO,
) -> StepData:
    """The step for work an overburdened housemate would do (``would``: "zou ... overnemen"):
    the help does it for the term, or for the long term after a temporary indication."""
    if long_term(mate):
        return StepData(
            "overbelasting.langdurig", PARAGRAPH,
            Said(
                '{0} {1}, maar de overbelasting is niet te verminderen: de hulp doet dit '
                'langdurig.',
                mate.name, would),
            facts, minutes, line_id,
        )
    return StepData(
        "overbelasting.tijdelijk", PARAGRAPH,
        Said(
            '{0} {1}, maar is overbelast: de hulp neemt dit tijdelijk over tot en '
            'met {2}.',
            mate.name, would, term_end(ctx)),
        facts, minutes, line_id,
    )
