"""A list page's export (CSV or Excel) as a background run, for lists too large to wait for.

The run asks the list's own export view, as the user who requested it, so the rows, columns,
filters and scoping are exactly those of the page's direct download. Only the export views named
in `EXPORTABLE` may be asked. The file is the requester's own (`requester_only`).
"""

from __future__ import annotations

import re
from urllib.parse import urlencode

from django.http import QueryDict
from django.test import RequestFactory
from django.urls import Resolver404, resolve
from django.utils.translation import gettext_lazy, override

from ..models import Scope
from ..registry import ReportKind, RunContext, register

LIST_EXPORT = "list_export"
# url name → (format from the URL or from ?export=)
EXPORTABLE = {
    "funding:application-list",
    "interventions:export",
    "bottleneck-export",
    "member-export",
}
FILENAME = re.compile(r'filename="?([^";]+)"?')


def export_target(path: str):
    """The resolved export view of `path`, or None when it is not an exportable list."""
    try:
        match = resolve(path)
    except Resolver404:
        return None
    return match if match.view_name in EXPORTABLE else None


def export_format(path: str, query: str) -> str | None:
    match = export_target(path)
    if match is None:
        return None
    fmt = match.kwargs.get("fmt") or QueryDict(query).get("export")
    return fmt if fmt in ("csv", "xlsx") else None


def build(ctx: RunContext) -> None:
    path, query = ctx.parameters["path"], ctx.parameters.get("query", "")
    match = export_target(path)
    if match is None:
        raise ValueError(f"{path} is not an exportable list")
    ctx.set_total(2)
    request = RequestFactory().get(path, data=QueryDict(query))
    request.user = ctx.run.requested_by
    with override("nl"):
        response = match.func(request, *match.args, **match.kwargs)
        ctx.step()
        if response.status_code != 200:
            raise ValueError(f"The export of {path} answered {response.status_code}")
        content = b"".join(response.streaming_content) if response.streaming else response.content
    found = FILENAME.search(response.get("Content-Disposition", ""))
    fmt = export_format(path, query)
    name = found.group(1) if found else f"export.{fmt}"
    ctx.add_file(fmt, name, content)
    ctx.step()
    ctx.result.update({"path": path, "bytes": len(content)})


def parameters_for(path: str, query: str) -> dict:
    """Keep the page's filters, drop its page number: the export holds the whole list."""
    data = QueryDict(query, mutable=True)
    data.pop("page", None)
    return {"path": path, "query": urlencode(sorted(data.lists()), doseq=True)}


register(
    ReportKind(
        code=LIST_EXPORT,
        label=gettext_lazy("Export van een lijst"),
        scope=Scope.AREA,  # the requester's own area, or national for the nationwide roles (see services)
        build=build,
        description=gettext_lazy("Een lijst met filters als CSV of Excel, gemaakt op de achtergrond."),
    )
)
