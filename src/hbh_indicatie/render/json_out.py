"""JSON rendering: stable (sorted keys), exact minutes as text with a rounded decimal beside."""

from __future__ import annotations

from hbh_indicatie.models.indication import Indication
from hbh_indicatie.render import stable_json


def render(indication: Indication) -> str:
    data = indication.model_dump(mode="json", by_alias=True)
    return stable_json.dumps(data)
