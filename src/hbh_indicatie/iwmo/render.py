"""iWmo fragments as JSON (stable, sorted keys) or as an XML fragment (iWmo 3.2, WMO301)."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

from hbh_indicatie.iwmo.models import IwmoExport, ToegewezenProduct

WMO301_NS = "http://www.istandaarden.nl/iwmo/3_2/wmo301/schema"


def render_json(export: IwmoExport) -> str:
    data = export.model_dump(mode="json", by_alias=True, exclude_none=True)
    return json.dumps(data, sort_keys=True, ensure_ascii=False, indent=2) + "\n"


def _add(parent: ET.Element, tag: str, text: str | None) -> None:
    if text is not None:
        ET.SubElement(parent, f"{{{WMO301_NS}}}{tag}").text = text


def _product(parent: ET.Element, item: ToegewezenProduct) -> None:
    """Elements in the XSD's order (Product, Ingangsdatum, Einddatum, RedenWijziging, Omvang)."""
    node = ET.SubElement(parent, f"{{{WMO301_NS}}}ToegewezenProduct")
    product = ET.SubElement(node, f"{{{WMO301_NS}}}Product")
    _add(product, "Categorie", item.product.category)
    _add(product, "Code", item.product.code)
    _add(node, "Ingangsdatum", item.start.isoformat())
    _add(node, "Einddatum", item.end.isoformat() if item.end else None)
    _add(node, "RedenWijziging", item.reason)
    omvang = ET.SubElement(node, f"{{{WMO301_NS}}}Omvang")
    _add(omvang, "Volume", str(item.omvang.volume))
    _add(omvang, "Eenheid", item.omvang.unit)
    _add(omvang, "Frequentie", item.omvang.frequency)


def render_xml(export: IwmoExport) -> str:
    """An XML fragment: the ToegewezenProduct elements under one wrapper, no header or client."""
    ET.register_namespace("", WMO301_NS)
    root = ET.Element(f"{{{WMO301_NS}}}ToegewezenProducten")
    for item in export.toegewezen_producten:
        _product(root, item)
    for warning in export.waarschuwingen:
        root.append(ET.Comment(f" {warning.replace('--', '-')} "))
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=False) + "\n"
