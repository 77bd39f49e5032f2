"""The impact report as a file (``hbh impact --rapport``): data, JSON and Markdown.

:func:`report` puts the running totals of :class:`~hbh_indicatie.batch.impact.Impact` into the
published shape ``hbh.impact.v1``; :func:`to_json` and :func:`to_markdown` only format it. The
Markdown has the same content as the terminal report, plus which norm set versions (with
sha256) computed the clients, so a council memo can be traced back to the exact tables.
"""

from __future__ import annotations

from collections import Counter
from fractions import Fraction

from hbh_indicatie.batch.impact import Impact, NormStamp, class_bounds, class_label
from hbh_indicatie.batch.impact_report import signed
from hbh_indicatie.models import impact as model
from hbh_indicatie.render import stabiel
from hbh_indicatie.render.markdown_tabel import table
from hbh_indicatie.version import __version__

REPORT_SUFFIXES = (".json", ".md")


def _side(asked: str, used: Counter[NormStamp]) -> model.Side:
    return model.Side(gevraagd=asked, normensets=[
        model.NormSetUse(id=nid, versie=version, sha256=sha, clienten=count)
        for (nid, version, sha), count in sorted(used.items())
    ])


def _clients(rows: list[tuple[str, int, int]]) -> list[model.Client]:
    return [model.Client(kenmerk=key, oud_minuten_per_week=old, nieuw_minuten_per_week=new,
                         verschil=new - old) for key, old, new in rows]


def _drivers(rows: list[tuple[str, Fraction]]) -> list[model.Driver]:
    return [model.Driver(id=key, minuten_per_week=value) for key, value in rows]


def report(result: Impact, old: str, new: str, source: str, failed: int,
           errors: str) -> model.ImpactReport:
    """The report of an impact run over ``source``; ``failed`` cases could not be read or
    computed (listed in the file ``errors``)."""
    width = result.width
    classes = []
    for k, count in result.class_counts():
        low, high = class_bounds(k, width)
        classes.append(model.HistogramClass(klasse=class_label(k, width), van=low,
                                            tot_en_met=high, aantal=count))
    return model.ImpactReport(
        engineversie=__version__,
        invoer=source,
        foutenbestand=errors,
        van=_side(old, result.old_sets),
        naar=_side(new, result.new_sets),
        clienten=model.Clients(ingelezen=result.clients + failed, berekend=result.clients,
                               mislukt=failed, omhoog=result.up, omlaag=result.down,
                               gelijk=result.same),
        verschil=model.Difference(
            totaal_minuten_per_week=result.sum_minutes, totaal_uren_per_jaar=result.sum_hours,
            gemiddeld_minuten_per_week=result.mean_minutes,
            gemiddeld_uren_per_jaar=result.mean_hours),
        verdeling=model.Distribution(klassebreedte=width, klassen=classes),
        verliezers=_clients(result.losers()),
        winnaars=_clients(result.gainers()),
        activiteiten=_drivers(result.drivers(result.activities)),
        regels=_drivers(result.drivers(result.rules)),
    )


def to_json(data: model.ImpactReport) -> str:
    """Stable JSON: sorted keys, exact figures as strings, no floats."""
    dumped = data.model_dump(mode="json", by_alias=True)
    return stabiel.dumps(dumped)


def _table(heads: tuple[str, ...], rows: list[tuple[str, ...]]) -> list[str]:
    return [*table(heads, rows), ""]


def _sets(side: model.Side) -> str:
    used = "; ".join(f"{s.id} {s.versie} (sha256 {s.sha256[:12]}…, {s.clienten} cliënten)"
                     for s in side.normensets)
    return f"{side.gevraagd}: {used or 'geen cliënt berekend'}"


def to_markdown(data: model.ImpactReport) -> str:
    """The report for a memo: summary, distribution, largest changes and what drives them."""
    c, d = data.clienten, data.verschil
    lines = [
        "# Impact van normwijziging", "",
        f"- A (huidig): {_sets(data.van)}",
        f"- B (nieuw): {_sets(data.naar)}",
        f"- Invoer: {data.invoer}; ingelezen {c.ingelezen} = {c.berekend} berekend + "
        f"{c.mislukt} mislukt" + (f" (zie {data.foutenbestand})" if c.mislukt else ""),
        f"- hbh-indicatie {data.engineversie}", "",
        "## Samenvatting", "",
        *_table(("", "cliënten"), [("omhoog", str(c.omhoog)), ("omlaag", str(c.omlaag)),
                                    ("gelijk", str(c.gelijk)), ("totaal", str(c.berekend))]),
        f"Verschil totaal: {signed(Fraction(d.totaal_minuten_per_week))} min/week = "
        f"{signed(d.totaal_uren_per_jaar)} uur/jaar; gemiddeld per cliënt "
        f"{signed(d.gemiddeld_minuten_per_week, 2)} min/week = "
        f"{signed(d.gemiddeld_uren_per_jaar, 2)} uur/jaar.", "",
        f"## Verdeling van het verschil (min/week, klassen van {data.verdeling.klassebreedte})", "",
        *_table(("verschil (min/week)", "cliënten"),
                [(k.klasse, str(k.aantal)) for k in data.verdeling.klassen]),
    ]
    for title, clients in (("Grootste verliezers", data.verliezers),
                           ("Grootste winnaars", data.winnaars)):
        if clients:
            lines += [f"## {title}", "", *_table(
                ("kenmerk", "oud min/week", "nieuw min/week", "verschil"),
                [(x.kenmerk, str(x.oud_minuten_per_week), str(x.nieuw_minuten_per_week),
                  signed(Fraction(x.verschil), 0)) for x in clients])]
    for title, hint, drivers in (
        ("Activiteiten die het verschil maken",
         "som van het verschil in hulpminuten per week over alle cliënten", data.activiteiten),
        ("Regels die het verschil maken",
         "som van het effect per regel (stap in de onderbouwing) over alle cliënten", data.regels),
    ):
        if drivers:
            lines += [f"## {title}", "", f"{hint}.", "", *_table(
                ("id", "min/week"), [(x.id, signed(x.minuten_per_week)) for x in drivers])]
    return "\n".join(lines).rstrip("\n") + "\n"
