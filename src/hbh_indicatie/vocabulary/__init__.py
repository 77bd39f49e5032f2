"""The shared vocabulary of household activities (``norms/activiteiten.yaml``) and how a norm
set's items map onto it (issue 14: one case under every framework).

* :mod:`.model`: the vocabulary's pydantic model;
* :mod:`.load`: reading the shipped vocabulary (once);
* :mod:`.mapping`: per norm set, which vocabulary activities each item covers, with weights,
  and the checks of that mapping against the vocabulary;
* :mod:`.convert`: old case files that name a norm set's own items, converted to the
  vocabulary.

The engine applies a case's facts through the mapping in :mod:`hbh_indicatie.rules.koppeling`.
"""
