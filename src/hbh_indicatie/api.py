"""Stable Python API for embedders: the one code path behind the CLI and the HTTP service.

>>> from hbh_indicatie.api import load_norms, case_from_dict, compute, render_json

``hbh bereken``, ``hbh casus controleer`` and ``hbh server`` call these functions; they add
only reading files or requests and writing output. Heavy modules (renderers, iWmo, batch)
are imported when a function needs them, so importing this module stays cheap.

See docs/api.md for a worked example (examples/api_voorbeeld.py).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hbh_indicatie.errors import HbhError

if TYPE_CHECKING:
    from hbh_indicatie.iwmo.builder import IwmoSettings
    from hbh_indicatie.iwmo.message_data import BerichtGegevens
    from hbh_indicatie.iwmo.models import IwmoExport, ToegewezenProduct
    from hbh_indicatie.models.case import Case
    from hbh_indicatie.models.comparison import NormComparison
    from hbh_indicatie.models.indication import Indication
    from hbh_indicatie.models.loaded_norms import LoadedNorms
    from hbh_indicatie.models.norm_set import NormSet
    from hbh_indicatie.norm_tools.side_by_side import Result
    from hbh_indicatie.schemas import json_schema

_EXPORTED = {
    "BerichtGegevens": "hbh_indicatie.iwmo.message_data",
    "Case": "hbh_indicatie.models.case",
    "Indication": "hbh_indicatie.models.indication",
    "IwmoExport": "hbh_indicatie.iwmo.models",
    "IwmoSettings": "hbh_indicatie.iwmo.builder",
    "LoadedNorms": "hbh_indicatie.models.loaded_norms",
    "NormComparison": "hbh_indicatie.models.comparison",
    "ToegewezenProduct": "hbh_indicatie.iwmo.models",
    "json_schema": "hbh_indicatie.schemas",
}
"""Names this module offers from elsewhere, imported on first use (``api.Case``, ``from
hbh_indicatie.api import IwmoExport``): ``hbh bereken`` does not pay for iWmo or schemas."""


def __getattr__(name: str) -> Any:
    module = _EXPORTED.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value

__all__ = [
    "BerichtGegevens",
    "Case",
    "CaseCheck",
    "Indication",
    "IwmoExport",
    "IwmoSettings",
    "LoadedNorms",
    "NormComparison",
    "ToegewezenProduct",
    "batch_row",
    "berichtgegevens_from_dict",
    "case_from_dict",
    "case_from_text",
    "change_toewijzing",
    "check_case",
    "compare_norms",
    "compute",
    "compute_side_by_side",
    "json_schema",
    "load_berichtgegevens",
    "load_case",
    "load_norm_file",
    "load_norms",
    "none_computed",
    "render_besluit",
    "render_html",
    "render_iwmo",
    "render_iwmo_bericht",
    "render_json",
    "render_markdown",
    "render_side_by_side_json",
    "render_side_by_side_text",
    "render_taakverdeling",
    "render_text",
    "toewijzing",
]


def _date(value: date | str, what: str) -> date:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise HbhError(f"{what}: '{value}' is geen datum; schrijf JJJJ-MM-DD, bijvoorbeeld "
                       "2026-03-02.") from None


def load_norms(spec: str, on: date | str, extra_dir: Path | str | None = None) -> LoadedNorms:
    """A norm set by file name, ``ID`` or ``ID@JJJJ-MM-DD``, the version in force on ``on``
    (a date or ``"JJJJ-MM-DD"``)."""
    from hbh_indicatie.loading.norm_sets import resolve

    return resolve(spec, _date(on, "op_datum"), Path(extra_dir) if extra_dir is not None else None)


def load_norm_file(path: Path | str) -> LoadedNorms:
    from hbh_indicatie.loading.norm_sets import load_norm_file as _load

    return _load(Path(path))


def load_case(path: Path | str) -> Case:
    """A case from a YAML or JSON file (``str`` or :class:`~pathlib.Path`)."""
    from hbh_indicatie.loading.cases import load_case as _load

    return _load(Path(path))


def case_from_dict(data: dict[str, Any], origin: str = "<invoer>") -> Case:
    """A case from a dict with the Dutch keys of the case file; ``origin`` names it in errors."""
    from hbh_indicatie.loading.cases import case_from_data

    return case_from_data(data, origin)


def case_from_text(text: str, origin: str = "<invoer>", json_only: bool = False) -> Case:
    """A case from YAML or JSON text (a request body, standard input); with ``json_only``
    the text must be JSON. Duplicate keys are refused."""
    from hbh_indicatie.loading.cases import case_from_text as _from_text

    return _from_text(text, origin, json_only)


def compute(case: Case, norms: LoadedNorms, origin: str = "casus", *,
            own: NormSet | None = None) -> Indication:
    """The explained indication; ``origin`` (file name, request) names the case in errors.
    ``own``: the norm set the case names itself, when ``norms`` is another one (an old case
    naming that set's items is converted with it; its toeslagen that ``norms`` lacks are
    named, not applied)."""
    from hbh_indicatie.engine import compute as _compute

    return _compute(case, norms, origin, own=own)


def compute_side_by_side(case: Case, norms: Sequence[LoadedNorms], origin: str = "casus",
                         own: NormSet | None = None) -> list[Result]:
    """The case under each norm set, in order: an :class:`Indication`, or a ``NotComputed``
    with the Dutch reason where a set cannot compute it (``hbh bereken --normen A --normen B``).
    See :func:`none_computed` for the case where no set can."""
    from hbh_indicatie.norm_tools.side_by_side import compute_each

    return compute_each(case, norms, origin, own)


def none_computed(results: Sequence[Result]) -> str | None:
    """The Dutch message when no norm set of :func:`compute_side_by_side` could compute the
    case, else None."""
    from hbh_indicatie.norm_tools.side_by_side import NotComputed

    if any(not isinstance(r, NotComputed) for r in results):
        return None
    reasons = "; ".join(f"{r.norms_id}: {r.reason}" for r in results if isinstance(r, NotComputed))
    return f"Geen van de normensets kan deze casus berekenen ({reasons})."


@dataclass(frozen=True)
class SetCheck:
    """Whether the case can be computed under one norm set (the version in force on its
    peildatum), and if not why: ``berekenbaar``, ``cijfer_onbekend`` (the set lacks a figure
    the case needs), ``gegevens`` (a fact the set needs is missing or wrong), ``regelconflict``
    or ``geen_versie`` (no version in force on the peildatum)."""

    normen_id: str
    normen_versie: str | None
    uitkomst: str
    reden: str | None
    punten: tuple[str, ...] = ()
    """For ``gegevens``: each missing or wrong fact on its own (``reden`` joins them)."""


@dataclass(frozen=True)
class CaseCheck:
    """What ``hbh casus controleer`` says of a valid case: the norm set it fits and a note
    about that set (a needed figure with status onbekend), or no set to check against; and
    under which of the given norm sets (``onder_normensets``) it can be computed."""

    kenmerk: str
    normen_id: str | None
    normen_versie: str | None
    let_op: str | None
    onder_normensets: tuple[SetCheck, ...] = ()
    omzetten: str | None = None
    """An old case naming the items of its norm set instead of vocabulary activities: what the
    engine converts when computing, and how to convert the file for good."""
    onbekende_feiten: tuple[str, ...] = ()
    """The facts the case records as 'onbekend' that a rule needed: the indication under this
    norm set will be voorlopig until they are known."""


def check_case(case: Case, norms: LoadedNorms | None, origin: str = "casus",
               every: Sequence[LoadedNorms] = ()) -> CaseCheck:
    """Check ``case`` against ``norms`` without building the indication: activities the set
    knows, aids and provisions it counts on, no rule conflict. Problems in the case raise
    :class:`HbhError` (``InputError`` with the problems per field, or ``RuleConflict``).

    ``every``: the versions of the norm sets to try as well (e.g. every shipped one); per set
    id the version in force on the case's peildatum is tried and the outcome listed."""
    from hbh_indicatie.engine import evaluate
    from hbh_indicatie.errors import NormNotApplicable

    checks = _every_set(case, norms, every, origin)
    if norms is None:
        return CaseCheck(case.key, None, None, None, checks)
    note = None
    unknown: tuple[str, ...] = ()
    try:
        unknown = evaluate(case, norms, origin).state.unknown
    except NormNotApplicable as exc:  # about the norm set, not the case
        note = exc.message
    return CaseCheck(case.key, norms.norms.id, norms.norms.version, note, checks,
                     _conversion_note(case, norms.norms), unknown)


def _conversion_note(case: Case, norms: NormSet) -> str | None:
    from hbh_indicatie.vocabulary.convert import to_vocabulary
    from hbh_indicatie.vocabulary.load import vocabulary

    _, done = to_vocabulary(case, norms, vocabulary())
    if not done:
        return None
    old = ", ".join(dict.fromkeys(f"'{c.old}'" for c in done))
    return (f"de casus noemt onderdelen van normenset {norms.id} ({old}) in plaats van "
            "activiteiten uit de woordenlijst. Bij het berekenen worden die omgezet "
            "naar de activiteiten die het onderdeel omvat, onder elke normenset. Zet het bestand "
            "blijvend om met 'hbh casus zetom'.")


def _every_set(case: Case, own: LoadedNorms | None, every: Sequence[LoadedNorms],
               origin: str) -> tuple[SetCheck, ...]:
    from hbh_indicatie.engine import evaluate
    from hbh_indicatie.errors import InputError, NormNotApplicable, RuleConflict

    day = case.reference_date
    found: list[SetCheck] = []
    for set_id in sorted({loaded.norms.id for loaded in every}):
        versions = [x for x in every if x.norms.id == set_id and x.norms.valid_from <= day
                    and (x.norms.valid_to is None or day <= x.norms.valid_to)]
        if not versions:
            found.append(SetCheck(set_id, None, "geen_versie",
                                  f"geen versie geldig op de peildatum {day.isoformat()}"))
            continue
        loaded = versions[-1]
        version = loaded.norms.version
        try:
            evaluate(case, loaded, origin, own=own.norms if own is not None else None)
        except NormNotApplicable as exc:
            found.append(SetCheck(set_id, version, "cijfer_onbekend", exc.message))
        except RuleConflict as exc:
            found.append(SetCheck(set_id, version, "regelconflict", exc.message))
        except InputError as exc:
            points = tuple(p.render() for p in exc.problems)
            found.append(SetCheck(set_id, version, "gegevens", "; ".join(points), points))
        except HbhError as exc:
            found.append(SetCheck(set_id, version, "gegevens", exc.message))
        else:
            found.append(SetCheck(set_id, version, "berekenbaar", None))
    return tuple(found)


def batch_row(case: Case, norms: LoadedNorms) -> dict[str, Any]:
    """The figures of the indication without its explanation, as one ``hbh batch`` row: key,
    peildatum, total (rounded and exact), voorlopig, minutes per result category, periods and
    the norm stamp. The same figures as :func:`compute`, without building the explanation
    (for recomputing many cases)."""
    from hbh_indicatie.batch import rows
    from hbh_indicatie.engine import evaluate

    return rows.summary_of(evaluate(case, norms), norms)


def compare_norms(old: LoadedNorms, new: LoadedNorms) -> NormComparison:
    """What changed from norm set ``old`` (A) to ``new`` (B): per activity or toeslag, and the
    engine's total for each reference household under both (``hbh normen vergelijk``; JSON
    via ``.model_dump(mode="json", by_alias=True)``, schema ``hbh.normvergelijking.v1``)."""
    from hbh_indicatie.norm_tools import compare

    return compare.record(compare.compare(old, new))


def render_json(indication: Indication) -> str:
    """Stable JSON (schema ``hbh.indicatie.v1``): sorted keys, exact minutes as text."""
    from hbh_indicatie.render import json_out

    return json_out.render(indication)


def render_side_by_side_json(results: Sequence[Result]) -> str:
    """:func:`compute_side_by_side` as JSON (schema ``hbh.naast_elkaar.v1``)."""
    from hbh_indicatie.render import vergelijking

    return vergelijking.render_json(results)


def render_side_by_side_text(results: Sequence[Result]) -> str:
    from hbh_indicatie.render import vergelijking

    return vergelijking.render(results)


def render_text(indication: Indication, width: int = 120) -> str:
    from hbh_indicatie.render import terminal

    return terminal.render(indication, width)


def render_markdown(indication: Indication, norms: LoadedNorms | None = None) -> str:
    """The onderbouwing in Markdown; with ``norms`` it also lists the norm set's sources."""
    from hbh_indicatie.render import onderbouwing

    return onderbouwing.render_markdown(indication, norms.norms if norms else None)


def render_html(indication: Indication, norms: LoadedNorms | None = None) -> str:
    """The onderbouwing as one self-contained HTML page that prints on A4."""
    from hbh_indicatie.render import onderbouwing

    return onderbouwing.render_html(indication, norms.norms if norms else None)


BESLUIT_FORMATS = ("html", "pdf", "docx")
"""Formats of :func:`render_besluit`."""


def render_besluit(indication: Indication, norms: LoadedNorms | None = None, formaat: str = "pdf",
                   bijlage: bool = True) -> bytes:
    """The documents for the beschikking: a one-page besluittekst to the client ("u", plain
    Dutch) and, with ``bijlage``, the onderbouwing as appendix; ``formaat`` 'html' (UTF-8),
    'pdf' (A4, WeasyPrint) or 'docx' (Word)."""
    from hbh_indicatie.render import besluit

    if formaat not in BESLUIT_FORMATS:
        raise HbhError(f"formaat '{formaat}' bestaat niet voor het besluit; kies html, pdf of docx.")
    html = besluit.render_html(indication, norms.norms if norms else None, appendix=bijlage)
    if formaat == "pdf":
        from hbh_indicatie.render.pdf import html_to_pdf

        return html_to_pdf(html)
    if formaat == "docx":
        from hbh_indicatie.render.docx_out import html_to_docx

        return html_to_docx(html)
    return html.encode("utf-8")


AFSPRAKEN_FORMATS = ("html", "pdf")
"""Formats of :func:`render_afspraken`."""


def render_afspraken(indication: Indication, formaat: str = "pdf") -> bytes:
    """The afsprakenoverzicht (issue 17): per housemate and network member what they take on,
    how often, whether it counts, and when we look at it again; 'html' or 'pdf' (A4, the
    besluittekst's WeasyPrint path)."""
    from hbh_indicatie.render import afspraken

    if formaat not in AFSPRAKEN_FORMATS:
        raise HbhError(f"formaat '{formaat}' bestaat niet voor het afsprakenoverzicht; kies html "
                       "of pdf.")
    html = afspraken.render_html(indication)
    if formaat == "pdf":
        from hbh_indicatie.render.pdf import html_to_pdf

        return html_to_pdf(html)
    return html.encode("utf-8")


def render_taakverdeling(indication: Indication) -> str:
    from hbh_indicatie.render import onderbouwing

    return onderbouwing.render_taakverdeling(indication)


def toewijzing(indication: Indication, delivery: str = "zin",
               names: Mapping[str, str] | None = None, *, case_prefix: str = "",
               **settings: Any) -> IwmoExport:
    """iWmo ToegewezenProduct periods; ``settings``: productcode, einddatum, looptijd_maanden,
    eenheid ('auto' or 'minuut'), toewijzingnummer (of the first period; further periods get
    the next numbers), toewijzingsdatum and toewijzingstijd (the moment of the decision; the
    XML needs all three). Raises :class:`hbh_indicatie.errors.HbhError` (Dutch), also when
    there can be no toewijzing: a pgb, a voorlopig indication, 0 minutes per week. ``names``:
    how the caller's users give each setting, for those messages and as the field of each
    problem (``iwmo.builder.Names``); ``case_prefix`` goes before a field of the case
    ('casus.' when the case is part of a larger request)."""
    from hbh_indicatie.iwmo import builder

    checked = builder.settings_from(f"casus {indication.kenmerk}", names, **settings)
    return builder.build(indication, checked, "pgb" if delivery == "pgb" else "zin", names,
                         case_prefix)


def render_iwmo(export: IwmoExport, xml: bool = False,
                names: Mapping[str, str] | None = None) -> str:
    """JSON (``hbh.iwmo.v1``) or the XML fragment (wmo301:ToegewezenProducten); the XML
    raises an ``HbhError`` when ToewijzingNummer, Toewijzingsdatum or -tijd is missing,
    naming the settings as ``names`` spells them."""
    from hbh_indicatie.iwmo import builder, render

    if xml:
        builder.require_identification(export, names)
    return render.render_xml(export) if xml else render.render_json(export)


def berichtgegevens_from_dict(data: dict[str, Any]) -> BerichtGegevens:
    """Header and client data for a WMO301 Bericht, from a dict with the keys of
    examples/iwmo-bericht.yaml (schema ``hbh.berichtgegevens.v1``); ``InputError`` per field."""
    from hbh_indicatie.loading import message_data

    return message_data.berichtgegevens_from_data(data)


def load_berichtgegevens(path: Path | str) -> BerichtGegevens:
    from hbh_indicatie.loading import message_data

    return message_data.load_berichtgegevens(Path(path))


def render_iwmo_bericht(export: IwmoExport, gegevens: BerichtGegevens,
                        names: Mapping[str, str] | None = None) -> str:
    """The complete WMO301 Bericht (iWmo 3.2) as XML text: ``gegevens``' header and client
    with the toewijzingen of ``export`` (which need number, date and time, as for the XML)."""
    from hbh_indicatie.iwmo import builder, message

    builder.require_identification(export, names)
    return message.render_bericht(export, gegevens)


def change_toewijzing(
    old: ToegewezenProduct, new: ToegewezenProduct, last_day: date, reason: str
) -> tuple[ToegewezenProduct, ToegewezenProduct]:
    """A change of hours: ``old`` ends on ``last_day`` (RedenWijziging ``reason``), the new
    volume starts the day after (IV093)."""
    from hbh_indicatie.iwmo import builder

    return builder.change(old, new, last_day, reason)
