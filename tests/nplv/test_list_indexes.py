"""Lists read their default order from an index instead of sorting every row (issue 14).

An index serves an ordering when its columns start with the ordering's, all in the same direction or
all reversed (PostgreSQL then reads it backwards).
"""

import pytest

from alliances.models import Bottleneck, Meeting
from funding.models import Application, GrantDecision, Review


def _columns(names, model) -> list[tuple[str, bool]]:
    columns = []
    for name in names:
        descending = name.startswith("-")
        name = name.lstrip("-")
        field = model._meta.pk if name == "pk" else model._meta.get_field(name)
        columns.append((field.column, descending))
    return columns


def _served(ordering: list[tuple[str, bool]], index: list[tuple[str, bool]]) -> bool:
    head = index[: len(ordering)]
    flipped = [(column, not descending) for column, descending in ordering]
    return head in (ordering, flipped)


@pytest.mark.parametrize(
    "model, ordering",
    [
        (Application, None),
        # an area's latest application (home page, area page)
        (Application, ["area", "-created_at", "-pk"]),
        (Bottleneck, None),
        (Meeting, None),
        (GrantDecision, None),
        # a line's reviews, newest first (the default ordering within a line; "the latest review")
        (Review, ["line", "-created_at", "-pk"]),
    ],
)
def test_default_ordering_has_an_index(model, ordering):
    wanted = _columns(ordering or model._meta.ordering, model)
    indexes = [_columns(index.fields, model) for index in model._meta.indexes]
    assert any(_served(wanted, index) for index in indexes), (model.__name__, wanted, indexes)
