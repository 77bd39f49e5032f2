"""iWmo output as JSON (stable, sorted keys) or as an XML fragment (iWmo 3.2, WMO301).

Namespaces as in WMO301.xsd (elementFormDefault qualified): the elements WMO301 declares
itself (ToegewezenProducten, ToegewezenProduct, ToewijzingNummer, Product, Omvang, …) are in
the wmo301 namespace; the children of the basisschema types (CDT_Product: Categorie, Code;
CDT_Omvang: Volume, Eenheid, Frequentie; and so on) are in the basisschema namespace, with the
prefix ``iwmo`` the standard uses. The complete Bericht is :mod:`hbh_indicatie.iwmo.message`.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from hbh_indicatie.iwmo.builder import require_identification
from hbh_indicatie.iwmo.models import IwmoExport, ToegewezenProduct
from hbh_indicatie.render import stable_json

WMO301_NS = "http://www.istandaarden.nl/iwmo/3_2/wmo301/schema"
BASIS_NS = "http://www.istandaarden.nl/iwmo/3_2/basisschema/schema"

ET.register_namespace("wmo301", WMO301_NS)
ET.register_namespace("iwmo", BASIS_NS)


def render_json(export: IwmoExport) -> str:
    data = export.model_dump(mode="json", by_alias=True, exclude_none=True)
    return stable_json.dumps(data)


def wmo(parent: ET.Element, tag: str, text: str | None = None) -> ET.Element:
    """A child in the wmo301 namespace (with ``text`` when given)."""
    node = ET.SubElement(parent, f"{{{WMO301_NS}}}{tag}")
    node.text = text
    return node


def basis(parent: ET.Element, tag: str, text: str | None) -> None:
    """A child in the basisschema namespace, left out when ``text`` is None (optional)."""
    if text is not None:
        basis_node(parent, tag).text = text


def basis_node(parent: ET.Element, tag: str) -> ET.Element:
    """A child in the basisschema namespace that holds further elements."""
    return ET.SubElement(parent, f"{{{BASIS_NS}}}{tag}")


def _product(parent: ET.Element, item: ToegewezenProduct) -> None:
    """Elements in the XSD's order: ToewijzingNummer, Product, Toewijzingsdatum,
    Toewijzingstijd, Ingangsdatum, Einddatum, RedenWijziging, Omvang."""
    if item.nummer is None or item.toewijzingsdatum is None or item.toewijzingstijd is None:
        raise ValueError("ToegewezenProduct without number or moment: call "
                         "require_identification first")  # pragma: no cover - programming error
    node = wmo(parent, "ToegewezenProduct")
    wmo(node, "ToewijzingNummer", str(item.nummer))
    product = wmo(node, "Product")
    basis(product, "Categorie", item.product.category)
    basis(product, "Code", item.product.code)
    wmo(node, "Toewijzingsdatum", item.toewijzingsdatum.isoformat())
    wmo(node, "Toewijzingstijd", item.toewijzingstijd.isoformat())
    wmo(node, "Ingangsdatum", item.start.isoformat())
    if item.end is not None:
        wmo(node, "Einddatum", item.end.isoformat())
    if item.reason is not None:
        wmo(node, "RedenWijziging", item.reason)
    omvang = wmo(node, "Omvang")
    basis(omvang, "Volume", str(item.omvang.volume))
    basis(omvang, "Eenheid", item.omvang.unit)
    basis(omvang, "Frequentie", item.omvang.frequency)


def toegewezen_producten(parent: ET.Element | None, export: IwmoExport) -> ET.Element:
    """The ToegewezenProducten element (under ``parent``, or a root); raises the Dutch
    IwmoError of :func:`require_identification` when a required element is missing."""
    require_identification(export)
    if parent is None:
        root = ET.Element(f"{{{WMO301_NS}}}ToegewezenProducten")
    else:
        root = wmo(parent, "ToegewezenProducten")
    for item in export.toegewezen_producten:
        _product(root, item)
    return root


def render_xml(export: IwmoExport) -> str:
    """An XML fragment: the ToegewezenProducten element of a WMO301 Client, no header or
    client; the export's notes as XML comments after the products."""
    root = toegewezen_producten(None, export)
    for warning in export.waarschuwingen:
        root.append(ET.Comment(f" {warning.replace('--', '-')} "))
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=False) + "\n"
