"""Response models of the HTTP service that are not documents of their own (those are the
published hbh.* schemas): errors, the case check, health and the norm set listing."""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from pydantic import Field

from hbh_indicatie.models.common import Output


class Probleem(Output):
    veld: str = Field(description="Het veld, als pad: 'huisgenoten[0].leeftijd'; leeg: de hele invoer")
    melding: str = Field(description="Wat er mis is, in het Nederlands")
    toegestaan: str | None = Field(description="Wat wel mag, als dat kort te zeggen is")


class Fout(Output):
    """Every error of the service (4xx, 5xx): never a stack trace."""

    fout: str = Field(description="Wat er mis is, in het Nederlands, op één regel")
    problemen: tuple[Probleem, ...] = Field(
        min_length=1, description="Per veld wat er mis is; altijd minstens één probleem (veld "
                                  "leeg: het verzoek als geheel)")


class OnderNormenset(Output):
    """Whether the case can be computed under one norm set, and why not."""

    normen_id: str
    normen_versie: str | None
    uitkomst: Literal["berekenbaar", "cijfer_onbekend", "gegevens", "regelconflict",
                      "geen_versie"]
    reden: str | None
    punten: tuple[str, ...] = Field(
        default=(), description="Bij 'gegevens': elk ontbrekend of onjuist feit apart")


class Controle(Output):
    """The case check (``hbh casus controleer``): in order, or the problems per field."""

    in_orde: bool
    kenmerk: str | None
    normen_id: str | None = Field(description="De normenset waartegen gecontroleerd is")
    normen_versie: str | None
    let_op: str | None = Field(description="Opmerking over de normenset (een cijfer 'onbekend')")
    fout: str | None
    problemen: tuple[Probleem, ...]
    onder_normensets: tuple[OnderNormenset, ...] = Field(
        default=(), description="Per normenset van de service (de versie geldig op de "
                                "peildatum): te berekenen, of waarom niet")
    omzetten: str | None = Field(
        default=None, description="Een oude casus die onderdelen van haar normenset noemt in "
                                  "plaats van activiteiten: wat bij het rekenen wordt omgezet "
                                  "en hoe het bestand blijvend om te zetten is")
    onbekende_feiten: tuple[str, ...] = Field(
        default=(), description="Feiten die de casus als 'onbekend' vastlegt en die een regel "
                                "nodig had: de indicatie onder deze normenset is voorlopig tot "
                                "ze bekend zijn")


class NormensetVersie(Output):
    id: str
    versie: str
    titel: str
    geldig_van: date
    geldig_tot: date | None
    sha256: str
    herkomst: str = Field(description="'meegeleverd' of de map van --normenmap")
    cijfers_gepubliceerd: int
    cijfers_voorbeeld: int
    cijfers_onbekend: int


class NormensetLijst(Output):
    normensets: tuple[NormensetVersie, ...]


class NormensetDetail(Output):
    id: str
    versies: tuple[NormensetVersie, ...]
    normen: tuple[dict[str, Any], ...] = Field(
        description="Per versie de volledige normenset (schema hbh.normen.v1), met bron en status "
                    "per cijfer, in dezelfde volgorde als 'versies'")


class GeladenNormenset(Output):
    id: str
    versie: str
    sha256: str


class Gezondheid(Output):
    status: str = Field(description="'ok'")
    engine_versie: str
    normensets: tuple[GeladenNormenset, ...]
