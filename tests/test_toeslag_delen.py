"""§3 toeslag parts are the work of the activity they extend; a case may still name the
toeslag itself (its own id) for what the client or the network does of it."""

from __future__ import annotations

from fractions import Fraction

from hbh_indicatie.api import case_from_dict
from hbh_indicatie.engine import compute
from hbh_indicatie.models.loaded_norms import LoadedNorms
from tests.builders import case_dict, housemate


def _pets(**changes: object) -> dict[str, object]:
    data = case_dict(huisdieren=2, meer_professionele_inzet={"huisdier": "ja"})
    data.update(changes)
    return data


def _help(norms: LoadedNorms, data: dict[str, object]) -> dict[str, Fraction]:
    ind = compute(case_from_dict(data), norms)
    return {a.id: a.hulp_minuten_per_week for a in ind.activiteiten}


def test_parts_follow_the_activity_and_the_toeslag_id(protocol_norms: LoadedNorms) -> None:
    plain = _help(protocol_norms, _pets())
    assert plain["toeslag_huisdier.stofzuigen"] == Fraction(25, 2)
    assert plain["toeslag_huisdier.dweilen"] == Fraction(15, 2)
    data = _pets()
    data["client"]["zelf"]["activiteiten"] = {"dweilen": "volledig"}  # type: ignore[index]
    by_activity = _help(protocol_norms, data)
    assert by_activity["dweilen"] == 0 and by_activity["toeslag_huisdier.dweilen"] == 0
    assert by_activity["toeslag_huisdier.stofzuigen"] == Fraction(25, 2)
    data["client"]["zelf"]["activiteiten"] = {"toeslag_huisdier": "volledig"}  # type: ignore[index]
    by_toeslag = _help(protocol_norms, data)
    assert by_toeslag["toeslag_huisdier.stofzuigen"] == 0
    assert by_toeslag["toeslag_huisdier.dweilen"] == 0
    assert by_toeslag["dweilen"] == 15


def test_network_can_take_over_a_toeslag_by_its_id(protocol_norms: LoadedNorms) -> None:
    member = {"naam": "Buurvrouw", "relatie": "vriend_of_buur", "bereid": True,
              "duurzaam": True,  # §1.6: willing alone does not count (duurzaam)
              "neemt_over": {"activiteiten": ["toeslag_huisdier"]}}
    helped = _help(protocol_norms, _pets(netwerk=[member]))
    assert helped["toeslag_huisdier.stofzuigen"] == 0 and helped["stofzuigen"] == 25


def test_parts_follow_the_activity_under_an_absence_pattern(protocol_norms: LoadedNorms) -> None:
    """§2.2 with §3 parts: a partner away half the days (not for work) who takes none of the
    uitstelbare work does half of the niet-uitstelbare work on the days at home. A part is
    niet-uitstelbaar when its toeslag or its activity is (§2.3: extra bevuiling makes sanitair
    and wassen niet-uitstelbaar), so the partner does half of those parts, and none of the
    uitstelbare huisdier parts."""
    partner = housemate("Jan", "partner", 60, afwezigheid=[
        {"etmalen": 7, "per_weken": 2, "vanwege": "anders"}], uitstelbaar_op_thuisdagen="niet")
    data = _pets(huisgenoten=[partner], extra_bevuiling=True)
    ind = compute(case_from_dict(data), protocol_norms)
    acts = {a.id: a for a in ind.activiteiten}
    for part in ("toeslag_huisdier.stofzuigen", "toeslag_huisdier.dweilen", "stofzuigen"):
        assert acts[part].uitstelbaar
        assert acts[part].hulp_minuten_per_week == acts[part].norm_minuten_per_week, part
    for part in ("toeslag_extra_bevuiling.sanitair", "toeslag_extra_bevuiling.wassen", "sanitair"):
        assert not acts[part].uitstelbaar
        assert acts[part].hulp_minuten_per_week == acts[part].norm_minuten_per_week / 2, part


def test_every_condition_is_judged_by_its_own_function() -> None:
    """§3: the closed vocabulary of conditions, each judged on the case (``toeslagen``
    looks a condition up instead of comparing it down a chain): none may be missing."""
    from hbh_indicatie.models.norm_set import Condition
    from hbh_indicatie.rules import toeslagen

    assert set(toeslagen._CONDITIONS) == set(Condition)
