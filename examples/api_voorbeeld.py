"""Voorbeeld: hbh-indicatie als bibliotheek gebruiken.

Normenset laden, een casus uit een dict maken, de indicatie berekenen en die weergeven als
JSON, tekst, Markdown, HTML, iWmo-fragmenten en een volledig iWmo-bericht. Draai met:

    python examples/api_voorbeeld.py [UITVOERMAP]
"""

from __future__ import annotations

import sys
import tempfile
from datetime import date, time
from pathlib import Path

from hbh_indicatie import api
from hbh_indicatie.errors import HbhError

casus = {
    "schema": "hbh.casus.v1",
    "kenmerk": "voorbeeld-api",
    "peildatum": "2026-03-02",
    "normen": "protocol-hbh",
    "dreigend_disfunctioneren": ["vervuiling"],
    "woning": {"woonvorm": "zelfstandig", "gemeenschappelijke_ruimten": None,
               "extra_kamers_in_gebruik": 0, "extra_kamers_niet_in_gebruik": 0,
               "kenmerken_extra_werk": False},
    "client": {
        "leeftijd": 79, "duur_beperkingen": "langdurig", "verwacht_herstel": None,
        "extra_inzet_door_beperkingen": "geen",
        "zelf": {"schoon_en_leefbaar_huis": {"gedeeltelijk": 25}, "wasverzorging": "niet",
                 "boodschappen_en_maaltijden": "volledig", "kinderen": "niet",
                 "organisatie_van_het_huishouden": "volledig"},
        "revalidatie": None, "structurele_regieproblemen": False,
    },
    "huisgenoten": [],
    "hulpmiddelen": [
        {"soort": "wasmachine", "aanwezig": True},
        {"soort": "wasdroger", "aanwezig": False, "haalbaar": False},
        {"soort": "vaatwasser", "aanwezig": True},
        {"soort": "robotstofzuiger", "aanwezig": False, "haalbaar": False},
    ],
    "voorliggende_voorzieningen": [
        {"soort": "boodschappendienst", "beschikbaar_in_gemeente": True, "haalbaar": True},
        {"soort": "glazenwasser", "beschikbaar_in_gemeente": True, "haalbaar": False},
        {"soort": "was_en_strijkservice", "beschikbaar_in_gemeente": False, "haalbaar": False},
        {"soort": "maaltijdservice", "beschikbaar_in_gemeente": True, "haalbaar": False},
    ],
    "particuliere_hulp": "geen",
    "netwerk": [],
    "huisdieren": 0,
    "derde_persoon": False,
    "extra_bevuiling": False,
    "huisstofmijt": "geen",
    "terminale_situatie": "nee",
    "afwijkingen": [],
}


def main(out: Path) -> None:
    # 1. Normenset: de versie die geldt op de peildatum.
    normen = api.load_norms("protocol-hbh", date(2026, 3, 2))
    # 2. Casus uit een dict (fouten: HbhError met Nederlandse melding per veld).
    case = api.case_from_dict(casus)
    # 3. Berekenen: zuiver, deterministisch, met uitleg per protocolparagraaf.
    indicatie = api.compute(case, normen)
    print(f"{indicatie.kenmerk}: {indicatie.totaal_minuten_per_week} minuten per week")
    # 4. Weergeven in elk formaat.
    out.mkdir(parents=True, exist_ok=True)
    (out / "indicatie.json").write_text(api.render_json(indicatie), encoding="utf-8")
    (out / "indicatie.txt").write_text(api.render_text(indicatie), encoding="utf-8")
    (out / "onderbouwing.md").write_text(api.render_markdown(indicatie, normen), encoding="utf-8")
    (out / "onderbouwing.html").write_text(api.render_html(indicatie, normen), encoding="utf-8")
    (out / "taakverdeling.md").write_text(api.render_taakverdeling(indicatie), encoding="utf-8")
    # 5. iWmo: een open einde vraagt een einddatum of looptijd (CD076).
    try:
        api.toewijzing(indicatie, case.delivery)
    except HbhError as fout:
        print(fout.message)
    # De XML vraagt ToewijzingNummer, Toewijzingsdatum en -tijd (nummer en moment van het
    # besluit uit het zaaksysteem).
    export = api.toewijzing(indicatie, case.delivery, looptijd_maanden=12, productcode="01A04",
                            toewijzingnummer=1001, toewijzingsdatum=date(2026, 3, 2),
                            toewijzingstijd=time(14, 5))
    (out / "toewijzing.json").write_text(api.render_iwmo(export), encoding="utf-8")
    (out / "toewijzing.xml").write_text(api.render_iwmo(export, xml=True), encoding="utf-8")
    # Volledig WMO301-bericht: header en cliënt erbij (verzonnen gegevens, test-BSN).
    gegevens = api.berichtgegevens_from_dict({
        "afzender": "9999", "ontvanger": "99999999",
        "berichtidentificatie": {"identificatie": "VB-0001", "dagtekening": "2026-03-02"},
        "client": {
            "bsn": "999990019", "geboortedatum": "1947-01-01", "geslacht": "2",
            "naam": {"achternaam": "Voorbeeld", "voorletters": "A", "naamgebruik": "1"},
            "contactgegevens": [{"soort": "01", "adres": {
                "huis": {"huisnummer": 1}, "postcode": "9999ZZ", "plaatsnaam": "Teststad"}}],
        },
    })
    (out / "toewijzing-bericht.xml").write_text(api.render_iwmo_bericht(export, gegevens),
                                                encoding="utf-8")
    # 6. Wijziging van uren: oude toewijzing stopt op dag D, nieuwe (nieuw nummer, moment
    #    van het nieuwe besluit) begint op D+1.
    oud = export.toegewezen_producten[0]
    nieuw = oud.model_copy(update={
        "omvang": oud.omvang.model_copy(update={"volume": 180}), "nummer": 1002,
        "toewijzingsdatum": date(2026, 6, 20), "toewijzingstijd": time(10, 0)})
    gestopt, gestart = api.change_toewijzing(oud, nieuw, date(2026, 6, 30), "03")
    print(f"oud t/m {gestopt.end}, nieuw vanaf {gestart.start}: {gestart.omvang.volume} min/week")
    print(f"geschreven in {out}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tempfile.mkdtemp(prefix="hbh-")))
