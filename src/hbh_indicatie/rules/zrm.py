"""§1.3 Begeleiding, signalled from the Zelfredzaamheid-Matrix (Bijlage 3).

§1.3: "Begeleiding ... is aan de orde wanneer er structurele regieproblemen zijn die zich uiten
op meerdere gebieden van het dagelijks leven". Bijlage 3 names the ZRM (its content is missing
from the text; the public instrument scores each domain 1 = acute problematiek .. 5 = volledig
zelfredzaam) and Bijlage 2 describes three client profiles by the domains they concern
(stabiliteit en behoud, welbevinden, verandering en groei). With optional ZRM scores as intake
facts (``client.zrm``), low scores on several domains raise the signal that begeleiding rather
than or next to hulp bij het huishouden is indicated, naming the profile the scores resemble.
The thresholds and the domains per profile are norm-set data (``zrm_signaal``). This is a signal
with its reasoning (a step and a warning), never a decision: the hours do not change.
"""

from __future__ import annotations

from hbh_indicatie.models.case import ZrmDomain
from hbh_indicatie.models.common import spoken
from hbh_indicatie.models.norm_set import ZrmSignal
from hbh_indicatie.rules.context import Context
from hbh_indicatie.rules.explain import Said
from hbh_indicatie.rules.registry import Declaration, Paragraph, Rule, Untranslated
from hbh_indicatie.rules.state import State, StepData

PARAGRAPH = "§1.3"

DECLARATION = Declaration(
    "zrm",
    (Paragraph(PARAGRAPH, "Begeleiding richt zich op motiveren en instrueren (ZRM, Bijlage 3)"),),
    (Rule("zrm.begeleiding", PARAGRAPH,
          "lage ZRM-scores op meerdere domeinen: signaal dat begeleiding aan de orde is"),
     Rule("zrm.geen_signaal", PARAGRAPH, "de ZRM-scores geven geen signaal voor begeleiding")),
    (Untranslated(
        PARAGRAPH,
        "§1.3: of begeleiding naast of in plaats van hulp bij het huishouden nodig is, blijft "
        "het oordeel van de indicatiesteller; de ZRM-scores geven alleen een signaal.",
        lambda case: case.client.zrm is not None,
        "de ZRM geeft een signaal, geen besluit (`client.zrm`)"),),
)


def resembles(signal: ZrmSignal, low: set[ZrmDomain]) -> tuple[str, tuple[ZrmDomain, ...]]:
    """The profile (name, domains) with the most low domains among those it names (the set's
    order breaks a tie)."""
    profiles = signal.profiles
    return max(profiles, key=lambda p: (sum(d in low for d in p[1]), -profiles.index(p)))


def apply(ctx: Context, state: State) -> State:
    given = ctx.case.client.zrm
    if given is None:
        return state
    scores = given.scored()
    signal = ctx.norms.zrm_signal
    if signal is None:
        return state.with_warning(
            "zrm_zonder_drempels", PARAGRAPH,
            Said("De casus geeft ZRM-scores, maar normenset '{0}' heeft geen drempels voor een "
                 "signaal (zrm_signaal): beoordeel zelf of begeleiding aan de orde is.",
                 ctx.norms.id))
    low = {d for d, score in scores.items() if score <= signal.threshold}
    listed = ", ".join(f"{spoken(d.value)} {scores[d]}" for d in ZrmDomain if d in scores)
    facts = (("zrm", listed), ("drempel", str(signal.threshold)),
             ("minimaal_domeinen", str(signal.min_domains)),
             ("herkomst", signal.provenance.status.value))
    if len(low) < signal.min_domains:
        return state.with_step(StepData(
            "zrm.geen_signaal", PARAGRAPH,
            Said("ZRM: {0} domein(en) scoren {1} of lager (nodig voor een signaal: {2}); geen "
                 "signaal voor begeleiding ({3}).", len(low), signal.threshold,
                 signal.min_domains, listed),
            facts,
        ))
    name, domains = resembles(signal, low)
    named = ", ".join(spoken(d.value) for d in ZrmDomain if d in low)
    shared = ", ".join(spoken(d.value) for d in domains if d in low)
    text = Said("ZRM: {0} domeinen scoren {1} of lager ({2}). Bij problemen op meerdere gebieden "
                "van het dagelijks leven is begeleiding aan de orde in plaats van of naast hulp "
                "bij het huishouden. Het beeld lijkt op het profiel '{3:s}' van Bijlage 2 (lage "
                "scores op {4}). Dit is een signaal, geen besluit: bespreek het en overweeg "
                "begeleiding.", len(low), signal.threshold, named, name, shared)
    state.with_step(StepData(
        "zrm.begeleiding", PARAGRAPH, text, (*facts, ("profiel", name)),
    ))
    return state.with_warning("zrm_overweeg_begeleiding", PARAGRAPH, text)
