"""Pure rule functions, one module per decision, each citing its protocol paragraph.

Every rule has the signature ``apply(ctx: Context, state: State) -> State``. The order in
which :mod:`hbh_indicatie.engine` applies them follows the protocol (see docs/regels.md).
"""
