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
from hbh_indicatie.models.norms import ZrmSignal
from hbh_indicatie.rules.context import Context
from hbh_indicatie.rules.state import State, StepData

PARAGRAPH = "§1.3"


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
            f"De casus geeft ZRM-scores, maar normenset '{ctx.norms.id}' heeft geen drempels "
            "voor een signaal (zrm_signaal): beoordeel zelf of begeleiding aan de orde is.")
    low = {d for d, score in scores.items() if score <= signal.threshold}
    listed = ", ".join(f"{spoken(d.value)} {scores[d]}" for d in ZrmDomain if d in scores)
    facts = (("zrm", listed), ("drempel", str(signal.threshold)),
             ("minimaal_domeinen", str(signal.min_domains)),
             ("herkomst", signal.provenance.status.value))
    if len(low) < signal.min_domains:
        return state.with_step(StepData(
            "zrm.geen_signaal", PARAGRAPH,
            f"ZRM: {len(low)} domein(en) scoren {signal.threshold} of lager (nodig voor een "
            f"signaal: {signal.min_domains}); geen signaal voor begeleiding ({listed}).",
            facts,
        ))
    name, domains = resembles(signal, low)
    named = ", ".join(spoken(d.value) for d in ZrmDomain if d in low)
    shared = ", ".join(spoken(d.value) for d in domains if d in low)
    text = (f"ZRM: {len(low)} domeinen scoren {signal.threshold} of lager ({named}). Bij "
            "problemen op meerdere gebieden van het dagelijks leven is begeleiding aan de orde "
            f"in plaats van of naast hulp bij het huishouden. Het beeld lijkt op het profiel "
            f"'{spoken(name)}' van Bijlage 2 (lage scores op {shared}). Dit is een "
            "signaal, geen besluit: bespreek het en overweeg begeleiding.")
    state = state.with_step(StepData(
        "zrm.begeleiding", PARAGRAPH, text, (*facts, ("profiel", name)),
    ))
    return state.with_warning("zrm_overweeg_begeleiding", PARAGRAPH, text)
