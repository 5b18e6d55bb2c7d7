"""Property: no sequence of line edits and submits leaves a submitted application over a ceiling."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from funding import services
from funding.models import ApplicationStatus, Ceiling

pytestmark = pytest.mark.django_db

THEMES = ["jonge-kind", "financiele-educatie", "integraal"]  # integraal gets no ceiling: it counts as € 0
CEILINGS = {"jonge-kind": Decimal("100.00"), "financiele-educatie": Decimal("50.00")}

amounts = st.integers(min_value=-100, max_value=9000).map(lambda cents: Decimal(cents) / 100)
operations = st.lists(
    st.one_of(
        st.tuples(st.just("add"), st.sampled_from(THEMES), st.integers(2025, 2029), amounts),
        st.tuples(st.just("update"), st.integers(0, 5), amounts),
        st.tuples(st.just("delete"), st.integers(0, 5)),
        st.tuples(st.just("submit")),
    ),
    max_size=12,
)


def over_ceiling(application) -> list[str]:
    """Themes whose lines exceed the area's ceiling (a theme without one: any amount), summed afresh."""
    ceilings = dict(Ceiling.objects.filter(area=application.area).values_list("theme__code", "amount"))
    totals = application.lines.values("theme__code").annotate(total=Sum("amount"))
    return [
        row["theme__code"]
        for row in totals
        if Decimal(str(row["total"])).quantize(Decimal("0.01")) > ceilings.get(row["theme__code"], Decimal("0"))
    ]


@pytest.fixture
def small_ceilings(area_a, themes):
    Ceiling.objects.filter(area=area_a, theme__scheme=themes["jonge-kind"].scheme).delete()
    for code, amount in CEILINGS.items():
        Ceiling.objects.create(area=area_a, theme=themes[code], amount=amount)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=operations)
def test_no_sequence_leaves_a_submitted_application_over_a_ceiling(
    steps, small_ceilings, area_a, scheme, themes, bureau_a, endorsement
):
    with transaction.atomic():
        application = services.application_create(area=area_a, scheme=scheme, actor=bureau_a)
        for step in steps:
            lines = list(application.lines.order_by("pk"))
            try:
                if step[0] == "add":
                    _, code, year, amount = step
                    services.application_line_save(
                        application=application,
                        actor=bureau_a,
                        theme=themes[code],
                        year=year,
                        amount=amount,
                        description="x",
                    )
                elif step[0] == "update" and lines:
                    line = lines[step[1] % len(lines)]
                    services.application_line_save(
                        application=application,
                        actor=bureau_a,
                        line=line,
                        theme=line.theme,
                        year=line.year,
                        amount=step[2],
                        description="x",
                    )
                elif step[0] == "delete" and lines:
                    services.application_line_delete(line=lines[step[1] % len(lines)], actor=bureau_a)
                elif step[0] == "submit":
                    services.application_submit(application=application, actor=bureau_a, endorsement=endorsement)
            except ValidationError:
                pass
            application.refresh_from_db()
            if application.status == ApplicationStatus.SUBMITTED:
                assert over_ceiling(application) == []
                assert application.lines.exists()
        transaction.set_rollback(True)
