"""The API's routes: no two apps claim the same path or name (one would silently shadow the other)."""

from django.urls import get_resolver


def _per_app():
    for pattern in get_resolver().url_patterns:
        if str(pattern.pattern) == "api/v1/":
            for app_include in pattern.url_patterns:
                yield {(str(p.pattern), p.name) for p in app_include.url_patterns}


def test_no_two_apps_share_an_api_path_or_name():
    apps = list(_per_app())
    assert len(apps) == 4
    for i, first in enumerate(apps):
        for second in apps[i + 1 :]:
            assert {path for path, _ in first} & {path for path, _ in second} == set()
            assert {name for _, name in first} & {name for _, name in second} == set()
