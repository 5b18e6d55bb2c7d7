"""Dutch amounts at funding's doors: the bureau's line page and the admin's decide and review forms."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from funding import services
from funding.models import ApplicationLine, GrantDecision, Review

from .conftest import add_line

pytestmark = pytest.mark.django_db


def test_decide_form_reads_20_000_00(client, draft, bureau_a, themes, endorsement, reviewer_ocw, national, national2):
    """The fault that was found: the decide form refused 20.000,00."""
    add_line(draft, bureau_a, themes["jonge-kind"], amount="30000.00")
    services.application_submit(application=draft, actor=bureau_a, endorsement=endorsement)
    line = draft.lines.get()
    services.review_record(line=line, actor=reviewer_ocw, recommendation="grant_full", reason="x")
    client.force_login(national2)
    url = reverse("admin:funding_application_decide", args=[draft.pk])
    assert 'value="30.000,00"' in client.get(url).content.decode()
    response = client.post(url, {f"granted-{line.pk}": "20.000,00"})
    assert response.status_code == 302
    assert GrantDecision.objects.get().total_granted == Decimal("20000.00")
    assert ApplicationLine.objects.get(pk=line.pk).granted_amount == Decimal("20000.00")


def test_decide_form_refuses_what_is_not_an_amount(
    client, draft, bureau_a, themes, endorsement, reviewer_ocw, national2
):
    add_line(draft, bureau_a, themes["jonge-kind"], amount="300.00")
    services.application_submit(application=draft, actor=bureau_a, endorsement=endorsement)
    line = draft.lines.get()
    services.review_record(line=line, actor=reviewer_ocw, recommendation="grant_full", reason="x")
    client.force_login(national2)
    response = client.post(reverse("admin:funding_application_decide", args=[draft.pk]), {f"granted-{line.pk}": "2O0"})
    assert "geen geldig bedrag" in response.content.decode()
    assert not GrantDecision.objects.exists()


def test_review_in_the_admin_reads_a_dutch_amount(client, draft, bureau_a, themes, endorsement, reviewer_ocw):
    add_line(draft, bureau_a, themes["jonge-kind"], amount="2000.00")
    services.application_submit(application=draft, actor=bureau_a, endorsement=endorsement)
    line = draft.lines.get()
    client.force_login(reviewer_ocw)
    response = client.post(
        reverse("admin:funding_review_add"),
        {"line": line.pk, "recommendation": "grant_amount", "recommended_amount": "1.500,50", "reason": "Deels."},
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert Review.objects.get().recommended_amount == Decimal("1500.50")


def test_line_page_reads_dutch_thousands(client, bureau_a, draft, themes):
    client.force_login(bureau_a)
    data = {"theme": themes["jonge-kind"].pk, "year": 2027, "amount": "1.234,56", "description": "Voor de peuters"}
    response = client.post(reverse("funding:line-add", args=[draft.pk]), data)
    assert response.status_code == 302
    assert draft.lines.get().amount == Decimal("1234.56")
