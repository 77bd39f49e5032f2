"""hbh werkplek: the consultant's workplace (a form on the HTTP service)."""
