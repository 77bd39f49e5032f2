"""Tools for auditors and policy officers working on norm sets (``hbh normen``)."""
