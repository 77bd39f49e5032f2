"""The complete WMO301 Bericht (iWmo 3.2): Header, Client and its ToegewezenProducten.

Header: BerichtCode 414, BerichtVersie 3, BerichtSubversie 2 and the XsdVersie 1.0.0/1.0.0
are fixed by the standard (WMO301.xsd, IV034); Afzender, Ontvanger, BerichtIdentificatie and
the client come from :class:`~hbh_indicatie.iwmo.message_data.BerichtGegevens`. Elements in the
XSD's order, namespaces as in :mod:`hbh_indicatie.iwmo.render`. Only mapping, no decisions:
what the Bericht may contain is settled by the models and ``builder``.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from hbh_indicatie.iwmo.codes import (
    BASISSCHEMA_XSD_VERSIE,
    BERICHT_XSD_VERSIE,
    BERICHTCODE,
    BERICHTSUBVERSIE,
    BERICHTVERSIE,
)
from hbh_indicatie.iwmo.message_data import (
    Achternaam,
    Adres,
    BerichtGegevens,
    Clientgegevens,
    Contact,
    VolledigeNaam,
)
from hbh_indicatie.iwmo.models import IwmoExport
from hbh_indicatie.iwmo.render import WMO301_NS, basis, basis_node, toegewezen_producten, wmo

DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n'


def _header(root: ET.Element, data: BerichtGegevens) -> None:
    header = wmo(root, "Header")
    wmo(header, "BerichtCode", BERICHTCODE)
    wmo(header, "BerichtVersie", BERICHTVERSIE)
    wmo(header, "BerichtSubversie", BERICHTSUBVERSIE)
    wmo(header, "Afzender", data.sender)
    wmo(header, "Ontvanger", data.receiver)
    ident = wmo(header, "BerichtIdentificatie")
    basis(ident, "Identificatie", data.message.identification)
    basis(ident, "Dagtekening", data.message.day.isoformat())
    versions = wmo(header, "XsdVersie")
    basis(versions, "BasisschemaXsdVersie", BASISSCHEMA_XSD_VERSIE)
    basis(versions, "BerichtXsdVersie", BERICHT_XSD_VERSIE)


def _surname(parent: ET.Element, tag: str, name: Achternaam | VolledigeNaam) -> None:
    """CDT_Achternaam, a basisschema element inside CDT_VolledigeNaam."""
    node = basis_node(parent, tag)
    basis(node, "Achternaam", name.surname)
    basis(node, "Voorvoegsel", name.prefix)


def _name(parent: ET.Element, name: VolledigeNaam) -> None:
    node = wmo(parent, "Naam")
    _surname(node, "Geslachtsnaam", name)
    if name.partner is not None:
        _surname(node, "Partnernaam", name.partner)
    basis(node, "Voornamen", name.first_names)
    basis(node, "Voorletters", name.initials)
    basis(node, "NaamGebruik", name.usage)


def _address(parent: ET.Element, address: Adres) -> None:
    node = wmo(parent, "Adres")
    if address.house is not None:
        house = basis_node(node, "Huis")
        basis(house, "Huisnummer", str(address.house.number))
        basis(house, "Huisletter", address.house.letter)
        basis(house, "HuisnummerToevoeging", address.house.addition)
        basis(house, "AanduidingWoonadres", address.house.indication)
    basis(node, "Postcode", address.postcode)
    basis(node, "Straatnaam", address.street)
    basis(node, "Plaatsnaam", address.place)
    basis(node, "LandCode", address.country)


def _contact(parent: ET.Element, contact: Contact) -> None:
    node = wmo(parent, "Contact")
    wmo(node, "Soort", contact.kind)
    if contact.address is not None:
        _address(node, contact.address)
    if contact.organisation is not None:
        wmo(node, "Organisatie", contact.organisation)
    if contact.phones:
        phones = wmo(node, "Telefoon")
        for index, phone in enumerate(contact.phones, start=1):
            entry = basis_node(phones, f"Telefoon{index:02d}")
            basis(entry, "Telefoonnummer", phone.number)
            basis(entry, "Landnummer", phone.country)
    if contact.email is not None:
        wmo(node, "Emailadres", contact.email)
    if contact.period is not None:
        period = wmo(node, "Periode")
        start, end = contact.period.start, contact.period.end
        basis(period, "Begindatum", start.isoformat() if start else None)
        basis(period, "Einddatum", end.isoformat() if end else None)


def _client(root: ET.Element, client: Clientgegevens, export: IwmoExport) -> None:
    node = wmo(root, "Client")
    wmo(node, "Bsn", client.bsn)
    birth = wmo(node, "Geboortedatum")
    basis(birth, "Datum", client.birth_date.isoformat())
    basis(birth, "DatumGebruik", client.birth_date_usage)
    wmo(node, "Geslacht", client.sex)
    _name(node, client.name)
    if client.communication is not None:
        communication = wmo(node, "Communicatie")
        basis(communication, "Vorm", client.communication.form)
        basis(communication, "Taal", client.communication.language)
    if client.legal_status is not None:
        wmo(node, "JuridischeStatus", client.legal_status)
    if client.representation is not None:
        wmo(node, "WettelijkeVertegenwoordiging", client.representation)
    if client.comment is not None:
        wmo(node, "Commentaar", client.comment)
    contacts = wmo(node, "Contactgegevens")
    for contact in client.contacts:
        _contact(contacts, contact)
    toegewezen_producten(node, export)


def render_bericht(export: IwmoExport, data: BerichtGegevens) -> str:
    """The complete WMO301 Bericht as UTF-8 XML text. The export's notes are not put in the
    message (it goes to the aanbieder); the CLI shows them on stderr."""
    root = ET.Element(f"{{{WMO301_NS}}}Bericht")
    _header(root, data)
    _client(root, data.client, export)
    ET.indent(root)
    return DECLARATION + ET.tostring(root, encoding="unicode") + "\n"
