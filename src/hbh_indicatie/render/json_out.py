"""JSON rendering: stable (sorted keys), exact minutes as strings, no floats."""

from __future__ import annotations

import json

from hbh_indicatie.models.indication import Indication


def render(indication: Indication) -> str:
    data = indication.model_dump(mode="json", by_alias=True)
    return json.dumps(data, sort_keys=True, ensure_ascii=False, indent=2) + "\n"
