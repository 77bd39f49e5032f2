"""iWmo 3.2 fragments: ToegewezenProduct periods built from an indication.

The library emits data fragments only (JSON or an XML fragment in the iWmo 3.2 WMO301
namespace), never whole messages or transport: that stays the case system's job.
Code lists and rules: see :mod:`hbh_indicatie.iwmo.codes` and docs/begrippen.md.
"""
