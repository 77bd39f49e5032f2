"""Taakverdeling: per activity who does it (formatting only, from ActivityOutcome.verdeling).

The client, the help together with the client (activerend, 'handen op de rug'), a housemate
(gebruikelijke hulp), the network, a voorliggende voorziening, an aid, or the help taking
over. The team, the leefondersteuner and the client read the same lines. Nothing is
computed here beyond grouping the shares the engine produced.
"""

from __future__ import annotations

from dataclasses import dataclass

from hbh_indicatie.models.common import ACTOR_LABELS, CATEGORY_LABELS, TEMPORARY_LABELS, Actor
from hbh_indicatie.models.indication import ActivityOutcome, Indication, Share, Step
from hbh_indicatie.render.words import date_text, minutes

MODE_LABELS: dict[str, str] = {
    "overnemen": "hulp neemt over",
    "samen_met_client": "samen met de cliënt (activerend)",
    "geen_hulp": "geen hulp nodig",
}

ACTOR_ORDER: tuple[Actor, ...] = (
    Actor.CLIENT, Actor.HELP, Actor.HOUSEMATE, Actor.NETWORK, Actor.CO_RESIDENTS,
    Actor.PRIVATE_HELP, Actor.PROVISION, Actor.AID,
)

GROUP_TITLES: dict[Actor, str] = {
    Actor.CLIENT: "Wat de cliënt zelf doet",
    Actor.HELP: "Wat de hulp bij het huishouden doet",
    Actor.HOUSEMATE: "Gebruikelijke hulp door huisgenoten (§2)",
    Actor.NETWORK: "Mantelzorg en netwerk (§1.6)",
    Actor.CO_RESIDENTS: "Medebewoners in de woongroep (§1.2)",
    Actor.PRIVATE_HELP: "Particuliere hulp (§1.6)",
    Actor.PROVISION: "Voorliggende voorzieningen (§1.7)",
    Actor.AID: "Hulpmiddelen (§1.4)",
}


@dataclass(frozen=True)
class TaskPart:
    """One share of an activity in words: who, minutes per week, when."""

    uitvoerder: Actor
    wie: str
    minuten: str
    wanneer: str
    paragraaf: str


@dataclass(frozen=True)
class TaskRow:
    activiteit: str
    categorie: str
    norm: str
    werkwijze: str
    delen: tuple[TaskPart, ...]
    toelichting: tuple[str, ...]


@dataclass(frozen=True)
class ActorLine:
    activiteit: str
    wie: str
    minuten: str
    wanneer: str


@dataclass(frozen=True)
class ActorGroup:
    uitvoerder: Actor
    titel: str
    regels: tuple[ActorLine, ...]


def who(share: Share, activity: ActivityOutcome) -> str:
    if share.uitvoerder is Actor.CLIENT:
        return "cliënt doet zelf"
    if share.uitvoerder is Actor.HELP:
        text = ("hulp samen met de cliënt (activerend, 'handen op de rug')"
                if activity.werkwijze == "samen_met_client" else "hulp neemt over")
        return f"{text}, in plaats van {share.persoon}" if share.persoon else text
    label = ACTOR_LABELS[share.uitvoerder]
    return f"{label} ({share.persoon})" if share.persoon else label


def when(share: Share) -> str:
    if share.van and share.tot:
        text = f"van {date_text(share.van)} t/m {date_text(share.tot)}"
    elif share.van:
        text = f"vanaf {date_text(share.van)}"
    elif share.tot:
        text = f"t/m {date_text(share.tot)}"
    else:
        text = "hele periode"
    if share.reden is not None:
        text += f"; {TEMPORARY_LABELS[share.reden]}"
    return text


def _order(share: Share) -> int:
    return ACTOR_ORDER.index(share.uitvoerder)


def activity_steps(indication: Indication, activity_id: str) -> tuple[Step, ...]:
    """The explanation steps about one activity other than its norm line (§3 normering)."""
    return tuple(
        s for s in indication.uitleg
        if s.activiteit == activity_id and not s.regel.startswith("normering.")
    )


def rows(indication: Indication) -> tuple[TaskRow, ...]:
    result: list[TaskRow] = []
    for act in indication.activiteiten:
        parts = tuple(
            TaskPart(uitvoerder=s.uitvoerder, wie=who(s, act), minuten=minutes(s.minuten_per_week),
                     wanneer=when(s), paragraaf=s.paragraaf)
            for s in sorted(act.verdeling, key=_order)
        )
        result.append(TaskRow(
            activiteit=act.label, categorie=CATEGORY_LABELS[act.categorie],
            norm=minutes(act.norm_minuten_per_week), werkwijze=MODE_LABELS[act.werkwijze],
            delen=parts,
            toelichting=tuple(f"{s.paragraaf}: {s.tekst}" for s in activity_steps(indication, act.id)),
        ))
    return tuple(result)


def groups(indication: Indication) -> tuple[ActorGroup, ...]:
    """Per actor the activities (or parts) it carries, in a fixed order; empty actors left out."""
    found: list[ActorGroup] = []
    for actor in ACTOR_ORDER:
        lines = tuple(
            ActorLine(activiteit=act.label, wie=who(s, act), minuten=minutes(s.minuten_per_week),
                      wanneer=when(s))
            for act in indication.activiteiten
            for s in act.verdeling
            if s.uitvoerder is actor
        )
        if lines:
            found.append(ActorGroup(uitvoerder=actor, titel=GROUP_TITLES[actor], regels=lines))
    return tuple(found)
