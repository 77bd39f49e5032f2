"""Reading the shipped vocabulary (``norms/activiteiten.yaml``), once per process."""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

from hbh_indicatie.loading import norm_cache
from hbh_indicatie.loading.limits import read_limited
from hbh_indicatie.loading.validation import validate
from hbh_indicatie.loading.yaml_io import decode_text, parse_text
from hbh_indicatie.vocabulary.model import Vocabulary

FILE_NAME = "activiteiten.yaml"


def vocabulary_path() -> Path:
    from hbh_indicatie.loading.norm_sets import shipped_norms_dir

    return shipped_norms_dir() / FILE_NAME


def load_vocabulary(path: Path) -> Vocabulary:
    """The vocabulary in ``path``, validated; from the cache of validated files
    (:mod:`hbh_indicatie.loading.norm_cache`) when it was read before."""
    raw = read_limited(path, "activiteiten")
    digest = hashlib.sha256(raw).hexdigest()
    kept = norm_cache.read(Vocabulary, digest)
    if kept is not None:
        return kept
    data = parse_text(decode_text(raw, str(path), "activiteiten"), str(path), "activiteiten")
    found = validate(Vocabulary, data, str(path), "activiteiten")
    norm_cache.write(Vocabulary, digest, found)
    return found


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    """The shipped vocabulary (read and validated once; a frozen model)."""
    return load_vocabulary(vocabulary_path())
