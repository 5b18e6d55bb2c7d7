"""Counting the queries of one page view, the same way in every test."""

from django.db import connection
from django.test.utils import CaptureQueriesContext


def count_queries(client, url) -> int:
    """The queries of one GET of `url`, after a first GET that settles per-session writes.

    The session's "last seen" stamp is written at most once a minute (idle timeout), so a request
    after a slow step would count one write more than the same request a moment later.
    """
    assert client.get(url).status_code == 200, url
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200, url
    return len(context.captured_queries)
