"""Bad input on the money doors (service, page, API) is a clear 400 or form error, never a 500 or a half-save."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from core.money import MAX_MONEY
from core.validation import TEXT_MAX_LENGTH
from funding import services
from funding.models import ApplicationLine, Review

from .conftest import add_line

pytestmark = pytest.mark.django_db

TOO_MUCH = str(MAX_MONEY + Decimal("0.01"))


def payload(application, theme, **extra):
    data = {"application": application.pk, "theme": theme.pk, "year": 2026, "amount": "1000.00", "description": "x"}
    data.update(extra)
    return data


@pytest.mark.parametrize("amount", [TOO_MUCH, "999999999999.99"])
def test_service_refuses_an_amount_above_the_bound(draft, bureau_a, themes, amount):
    with pytest.raises(ValidationError) as info:
        add_line(draft, bureau_a, themes["jonge-kind"], amount=amount)
    assert "amount" in info.value.message_dict
    assert not ApplicationLine.objects.exists()


@pytest.mark.parametrize("amount", [TOO_MUCH, "NaN", "Infinity", "-Infinity", "1e400", "sNaN"])
def test_api_refuses_huge_and_non_finite_amounts(api_client, bureau_a, draft, themes, amount):
    api_client.force_authenticate(bureau_a)
    response = api_client.post(
        "/api/v1/application-lines/", payload(draft, themes["jonge-kind"], amount=amount), format="json"
    )
    assert response.status_code == 400, response.content
    assert "amount" in response.json()
    assert not ApplicationLine.objects.exists()


@pytest.mark.parametrize("amount", [TOO_MUCH, "NaN", "Infinity", "1e400"])
def test_page_refuses_huge_and_non_finite_amounts(client, bureau_a, draft, themes, amount):
    client.force_login(bureau_a)
    response = client.post(
        reverse("funding:line-add", kwargs={"pk": draft.pk}),
        {"theme": themes["jonge-kind"].pk, "year": 2026, "amount": amount, "description": "x"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors.get("amount")
    assert not ApplicationLine.objects.exists()


def test_text_longer_than_the_limit_is_refused_at_service_and_api(api_client, bureau_a, draft, themes):
    long_text = "x" * (TEXT_MAX_LENGTH + 1)
    with pytest.raises(ValidationError) as info:
        add_line(draft, bureau_a, themes["jonge-kind"], description=long_text)
    assert "description" in info.value.message_dict
    api_client.force_authenticate(bureau_a)
    response = api_client.post(
        "/api/v1/application-lines/", payload(draft, themes["jonge-kind"], description=long_text), format="json"
    )
    assert response.status_code == 400 and "description" in response.json()
    assert not ApplicationLine.objects.exists()


def test_page_refuses_text_longer_than_the_limit(client, bureau_a, draft, themes):
    client.force_login(bureau_a)
    response = client.post(
        reverse("funding:line-add", kwargs={"pk": draft.pk}),
        {"theme": themes["jonge-kind"].pk, "year": 2026, "amount": "10", "description": "x" * (TEXT_MAX_LENGTH + 1)},
    )
    assert response.context["form"].errors.get("description")
    assert not ApplicationLine.objects.exists()


@pytest.mark.parametrize("amount", ["NaN", "Infinity", TOO_MUCH, "-1"])
def test_recommendation_and_decision_refuse_non_finite_amounts(submitted, reviewer_ocw, national, amount):
    line = submitted.lines.filter(theme__ministry="OCW").first()
    with pytest.raises(ValidationError):
        services.review_record(
            line=line, actor=reviewer_ocw, recommendation="grant_amount", reason="r", recommended_amount=Decimal(amount)
        )
    assert not Review.objects.exists()


@pytest.mark.parametrize("amount", ["NaN", "Infinity", TOO_MUCH])
def test_decide_by_api_refuses_non_finite_amounts(api_client, submitted, national, amount):
    api_client.force_authenticate(national)
    line = submitted.lines.first()
    response = api_client.post(
        f"/api/v1/applications/{submitted.pk}/decide/",
        {"lines": [{"line": line.pk, "granted_amount": amount}]},
        format="json",
    )
    assert response.status_code == 400, response.content


def test_information_request_deadline_beyond_2100_is_refused(api_client, submitted, reviewer_ocw):
    api_client.force_authenticate(reviewer_ocw)
    response = api_client.post(
        f"/api/v1/applications/{submitted.pk}/request-info/", {"question": "q", "deadline": "9999-12-31"}, format="json"
    )
    assert response.status_code == 400 and "deadline" in response.json()
    import datetime

    with pytest.raises(ValidationError, match="1900 en 2100"):
        services.information_request_create(
            application=submitted, actor=reviewer_ocw, question="q", deadline=datetime.date(9999, 1, 1)
        )


def test_nul_bytes_in_search_and_api_fields_are_a_400(client, api_client, bureau_a, draft, themes):
    client.force_login(bureau_a)
    assert client.get(reverse("funding:application-list"), {"q": "a\x00b"}).status_code == 400
    api_client.force_authenticate(bureau_a)
    assert api_client.get("/api/v1/applications/", {"search": "\x00"}).status_code == 400
    response = api_client.post(
        "/api/v1/application-lines/", payload(draft, themes["jonge-kind"], description="a\x00b"), format="json"
    )
    assert response.status_code == 400
    response = client.post(
        reverse("funding:line-add", kwargs={"pk": draft.pk}),
        {"theme": themes["jonge-kind"].pk, "year": 2026, "amount": "10", "description": "a\x00b"},
    )
    assert response.status_code == 400
    assert not ApplicationLine.objects.exists()
