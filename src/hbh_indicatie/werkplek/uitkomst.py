"""What the workplace shows beside the form: the indication of the case so far, or what is
still missing, per field. Only calls :mod:`hbh_indicatie.api` (checking, computing)."""

from __future__ import annotations

import json
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from hbh_indicatie import api
from hbh_indicatie.errors import HbhError, InputError
from hbh_indicatie.models.case import Case
from hbh_indicatie.models.common import Category
from hbh_indicatie.models.indication import Indication
from hbh_indicatie.models.loaded_norms import LoadedNorms
from hbh_indicatie.werkplek.formulier import DATE_PROBLEM, Remark, field_label, input_name
from hbh_indicatie.werkplek.velden import by_path

if TYPE_CHECKING:
    from hbh_indicatie.norm_tools.side_by_side import Result
    from hbh_indicatie.service.catalog import NormCatalog

DEFAULT_NORMS = "protocol-hbh"
ORIGIN = "formulier"


@dataclass(frozen=True)
class NormView:
    """What the form asks: the activities of the shared vocabulary (norms/activiteiten.yaml) per
    result category, the norm set's toeslagen (which a case may name as well), and the aids and
    provisions the set counts on."""

    loaded: LoadedNorms
    ids: tuple[str, ...]
    categories: tuple[tuple[str, str, tuple[tuple[str, str], ...]], ...]
    aids: tuple[str, ...]
    provisions: tuple[str, ...]

    @property
    def activities(self) -> tuple[tuple[str, str], ...]:
        return tuple(a for _, _, acts in self.categories for a in acts)


def norm_view(catalog: NormCatalog, data: Mapping[str, Any]) -> NormView:
    """The norm set the case names (else the default), in force on its peildatum (else today)."""
    spec = data.get("normen") if isinstance(data.get("normen"), str) else None
    try:
        on = date.fromisoformat(str(data.get("peildatum")))
    except ValueError:
        on = date.today()
    try:
        loaded = catalog.resolve(spec or DEFAULT_NORMS, on)
    except HbhError:
        loaded = catalog.resolve(DEFAULT_NORMS, on) if DEFAULT_NORMS in catalog.ids() else \
            catalog.entries[0].loaded
    from hbh_indicatie.models.common import CATEGORY_LABELS
    from hbh_indicatie.vocabulary.load import vocabulary

    norms = loaded.norms
    vocab = vocabulary()  # the case's facts are stated on the shared vocabulary of activities
    categories = tuple(
        (cat.value, CATEGORY_LABELS[cat],
         tuple((a.id, a.label) for a in vocab.of_category(cat))
         + tuple((t.id, f"Extra tijd: {t.label}") for t in norms.supplements
                 if t.category is cat and t.kind == "toeslag"))
        for cat in Category)
    aids = tuple(dict.fromkeys(r.aid.value for a in norms.activities for r in a.replaceable_by
                               if r.aid is not None))
    provisions = tuple(dict.fromkeys(r.provision.value for a in norms.activities
                                     for r in a.replaceable_by if r.provision is not None))
    return NormView(loaded, tuple(catalog.ids()), categories, aids, provisions)


@dataclass(frozen=True)
class Outcome:
    case: Case | None = None
    indication: Indication | None = None
    remarks: tuple[Remark, ...] = ()
    error: str | None = None
    side_by_side: Sequence[Result] = ()
    baseline: Indication | None = None
    baseline_error: str | None = None
    compute_ms: float = 0.0
    unknown: tuple[Remark, ...] = field(default_factory=tuple)
    """Facts the case gives as 'onbekend' (the indication is voorlopig), with their field."""


def _remarks(exc: InputError, data: Mapping[str, Any]) -> tuple[Remark, ...]:
    found = []
    for problem in exc.problems:
        name = input_name(problem.field, problem.message, data)
        text = problem.message + (f" (toegestaan: {problem.allowed})" if problem.allowed else "")
        if "(JJJJ-MM-DD)" in problem.message and _is_date(name):
            text = DATE_PROBLEM  # the form asks dag-maand-jaar, not the file's notation
        found.append(Remark(name, text, field_label(name) if name else "de casus"))
    return tuple(found)


def _is_date(name: str) -> bool:
    found = by_path().get(".".join(p for p in name.split(".") if not p.isdigit()))
    return found is not None and found.kind == "datum"


def compute(view: NormView, data: Mapping[str, Any], catalog: NormCatalog,
            side: Sequence[str] = (), baseline: str = "") -> Outcome:
    """Check and compute the case in ``data`` under ``view``'s norm set; ``side``: more norm
    set ids to show beside it; ``baseline``: a case (JSON) to compare with ('wat als')."""
    try:
        case = api.case_from_dict(dict(data), ORIGIN)
    except InputError as exc:
        return Outcome(remarks=_remarks(exc, data))
    except HbhError as exc:
        return Outcome(error=exc.message)
    start = time.perf_counter()
    try:
        indication = api.compute(case, view.loaded, ORIGIN)
    except InputError as exc:
        return Outcome(case=case, remarks=_remarks(exc, data))
    except HbhError as exc:
        return Outcome(case=case, error=exc.message)
    elapsed = (time.perf_counter() - start) * 1000
    others = [s for s in side if s != view.loaded.norms.id]
    results: Sequence[Result] = ()
    if others:
        loaded = [view.loaded, *(catalog.resolve(s, case.reference_date) for s in others)]
        results = api.compute_side_by_side(case, loaded, ORIGIN)
    base, base_error = _baseline(baseline, view)
    unknown = tuple(dict.fromkeys(_unknown(fact, data, view)
                                  for fact in indication.onbekende_feiten))
    return Outcome(case=case, indication=indication, side_by_side=results, baseline=base,
                   baseline_error=base_error, compute_ms=elapsed, unknown=unknown)


def _unknown(fact: str, data: Mapping[str, Any], view: NormView) -> Remark:
    """The field of an unknown fact as the engine names it: 'huisgenoten.Henk.overbelast',
    'client.zelf.afwassen' (an activity: its own answer or its result's),
    'hulpmiddelen.vaatwasser.haalbaar'; a fact of the norm set keeps its words."""
    parts = fact.split(".")
    if parts[0] == "huisgenoten" and len(parts) == 3:
        names = [h.get("naam") for h in data.get("huisgenoten", ()) if isinstance(h, dict)]
        if parts[1] in names:
            parts[1] = str(names.index(parts[1]))
    elif parts[:2] == ["client", "zelf"] and len(parts) == 3:
        zelf = data.get("client", {}).get("zelf", {}) if isinstance(data.get("client"), dict) else {}
        own = zelf.get("activiteiten", {}) if isinstance(zelf, dict) else {}
        category = next((cat for cat, _, acts in view.categories
                         if any(a == parts[2] for a, _ in acts)), parts[2])
        parts = (["client", "zelf", "activiteiten", parts[2], "kan"] if parts[2] in own
                 else ["client", "zelf", category, "kan"])
    name = ".".join(parts)
    known = input_name(name, "", data) == name and " " not in name
    return Remark(name if known else "", "onbekend", field_label(name) if known else fact)


def _baseline(text: str, view: NormView) -> tuple[Indication | None, str | None]:
    if not text:
        return None, None
    try:
        case = api.case_from_dict(json.loads(text), ORIGIN)
        return api.compute(case, view.loaded, ORIGIN), None
    except (HbhError, ValueError) as exc:
        return None, f"De vastgelegde situatie is niet te berekenen: {exc}"
