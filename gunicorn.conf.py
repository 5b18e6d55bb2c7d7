"""Gunicorn settings read from the project folder (`gunicorn nplv.wsgi`)."""

import gc


def post_worker_init(worker):
    """Move everything loaded at start-up (Django, the apps, the URL and template caches) out of the
    garbage collector's sight, so that its full collections during requests scan only what the
    requests made."""
    gc.collect()
    gc.freeze()
