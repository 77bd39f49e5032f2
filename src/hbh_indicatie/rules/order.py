"""The order in which the engine applies the rule modules, and every declared module.

The norm (§3) comes first because it sets how much work there is; the case's facts are then
mapped onto the norm set's items (``koppeling``) and the consultant's deviations apply to those
items; §1 and §2 then decide who does that work, in the protocol's order; what is left is the
help's. Each stage names the
module whose paragraph it applies; a stage that weighs other paragraphs per housemate names
them (``consults``): §2 asks §2.1, §2.2, B2.1, §4.5 and the children's §2/§4.3 for every
housemate. ``docs/regels.md`` lists this order (generated, see ``rules/regelids.py``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from types import ModuleType

from hbh_indicatie.rules import (
    afronding,
    afspraken,
    afwezigheid,
    afwijking,
    andere_ouder,
    disfunctioneren,
    eigen_kracht,
    gebruikelijke_hulp,
    gedeelde_ruimten,
    herindicatie,
    huisstofmijt,
    hulpmiddelen,
    instructie,
    kinderen,
    koppeling,
    kortdurend,
    normering,
    oefenplan,
    ondersteuningswijze,
    overbelasting,
    regie,
    revalidatie,
    terminaal,
    toeslagen,
    uitstelbaar,
    voorliggend,
    woonvorm,
    zrm,
)
from hbh_indicatie.rules.context import Context
from hbh_indicatie.rules.registry import Declaration
from hbh_indicatie.rules.state import State

Apply = Callable[[Context, State], object]


@dataclass(frozen=True, slots=True)
class Stage:
    module: ModuleType
    apply: Apply
    does: str
    """What the stage decides, in Dutch (docs/regels.md)."""
    consults: tuple[ModuleType, ...] = ()

    @property
    def declaration(self) -> Declaration:
        declared: Declaration = self.module.DECLARATION
        return declared


NORM_STAGES: tuple[Stage, ...] = (
    Stage(normering, normering.apply, "de normtijd per activiteit"),
    Stage(toeslagen, toeslagen.apply, "toeslagen en aftrekken", (huisstofmijt,)),
)
"""§3: how much work there is."""

MAPPING_STAGE = Stage(koppeling, koppeling.apply,
                      "de feiten van de casus (woordenlijst) op de onderdelen van de normenset")
"""§3: the case's facts applied through the norm set's mapping onto the vocabulary. It gives
the case as the later stages read it (``koppeling.Mapped``), so the engine calls it by name,
between the norm stages and the deviations."""

DEVIATION_STAGES: tuple[Stage, ...] = (
    Stage(afwijking, afwijking.apply, "afwijkingen van de consulent"),
)
"""§3: afwijken van de richtlijn, on the set's items after the mapping (a deviation names an
activity of the vocabulary or an item)."""

PROTOCOL_STAGES: tuple[Stage, ...] = (
    Stage(disfunctioneren, disfunctioneren.apply, "dreigt disfunctioneren"),
    Stage(woonvorm, woonvorm.apply, "wie tot het huishouden hoort; of de woonvorm hulp uitsluit"),
    Stage(gedeelde_ruimten, gedeelde_ruimten.apply, "evenredig deel van gemeenschappelijke ruimten"),
    Stage(regie, regie.apply, "begeleiding in plaats van hulp"),
    Stage(zrm, zrm.apply, "signaal begeleiding uit de ZRM-scores (issue 17)"),
    Stage(hulpmiddelen, hulpmiddelen.apply, "hulpmiddelen en overbrugging"),
    Stage(revalidatie, revalidatie.apply, "revalidatie"),
    Stage(eigen_kracht, eigen_kracht.apply, "zelf, particuliere hulp, netwerk"),
    Stage(andere_ouder, andere_ouder.apply, "aandeel van de niet-thuiswonende ouder"),
    Stage(voorliggend, voorliggend.apply, "voorliggende voorzieningen"),
    Stage(uitstelbaar, uitstelbaar.apply, "welk werk niet-uitstelbaar wordt"),
    Stage(gebruikelijke_hulp, gebruikelijke_hulp.apply, "gebruikelijke hulp per huisgenoot",
          (overbelasting, afwezigheid, kortdurend, terminaal, kinderen)),
    Stage(instructie, instructie.apply, "instructie voor wat een huisgenoot overneemt"),
    Stage(kortdurend, kortdurend.apply, "kortdurend: tijdelijke indicatie"),
    Stage(woonvorm, woonvorm.apply_exclusion, "in beginsel geen hulp (ziet de instructie)"),
    Stage(hulpmiddelen, hulpmiddelen.for_helper,
          "wasmachine en stofzuiger voor de helpende, waar hulp blijft"),
)
"""§1-§2: who does the work."""

SUPPORT_STAGES: tuple[Stage, ...] = (
    Stage(oefenplan, oefenplan.apply, "oefenplan: het deel van de hulp per fase, daarna zelf"),
    Stage(ondersteuningswijze, ondersteuningswijze.apply,
          "hoe de hulp de rest van haar deel doet (minuten overnemen x factor)"),
)
"""Issue 17: how the help does its share, once §1-§2 decided what that share is."""

STAGES: tuple[Stage, ...] = (*NORM_STAGES, MAPPING_STAGE, *DEVIATION_STAGES, *PROTOCOL_STAGES,
                             *SUPPORT_STAGES)
"""Every stage in the engine's order (docs/regels.md)."""

MODULES: tuple[ModuleType, ...] = (
    disfunctioneren, woonvorm, gedeelde_ruimten, hulpmiddelen, revalidatie, eigen_kracht,
    andere_ouder, voorliggend, gebruikelijke_hulp, kinderen, overbelasting, afwezigheid,
    uitstelbaar, terminaal, instructie, regie, kortdurend, normering, toeslagen, huisstofmijt,
    afwijking, koppeling, afronding, ondersteuningswijze, oefenplan, zrm, afspraken,
    herindicatie,
)
"""Every module with a declaration, in the order of the table of rule ids."""

UNTRANSLATED_ORDER: tuple[ModuleType, ...] = (
    afwijking, regie, zrm, revalidatie, kinderen, andere_ouder, terminaal, afwezigheid, overbelasting,
    eigen_kracht, hulpmiddelen,
)
"""The order in which an indication lists what is not translated (``niet_vertaalbaar``)."""


def declarations() -> tuple[Declaration, ...]:
    return tuple(m.DECLARATION for m in MODULES)
