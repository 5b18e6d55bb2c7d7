"""Organisations and people outside a seat: `organisation_save` and `person_save` (the admin's write path)."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from alliances import services
from alliances.models import Organisation, OrganisationKind, Person
from tests.factories import PersonFactory, UserFactory, area_named

pytestmark = pytest.mark.django_db


def test_organisation_of_an_area_is_kept_by_its_bureau_or_the_national_team(reference_data):
    area_a, area_b = area_named("amsterdam-nieuw-west"), area_named("rotterdam-zuid")
    bureau_b = UserFactory(programme_bureau=True, area=area_b)
    organisation = Organisation(name="Buurthuis West", kind=OrganisationKind.WELFARE, area=area_a)
    with pytest.raises(PermissionDenied):
        services.organisation_save(organisation=organisation, actor=bureau_b)
    services.organisation_save(organisation=organisation, actor=UserFactory(programme_bureau=True, area=area_a))
    organisation.area = area_b  # moving it to the other area does not make it theirs to change
    with pytest.raises(PermissionDenied):
        services.organisation_save(organisation=organisation, actor=bureau_b)
    assert Organisation.objects.get(pk=organisation.pk).area == area_a


def test_national_organisation_only_by_the_national_team(reference_data):
    organisation = Organisation(name="Ministerie van OCW", kind=OrganisationKind.MINISTRY, area=None)
    with pytest.raises(PermissionDenied):
        services.organisation_save(organisation=organisation, actor=UserFactory(programme_bureau=True))
    services.organisation_save(organisation=organisation, actor=UserFactory(national_team=True))
    assert organisation.pk is not None


def test_organisation_rules_are_checked(reference_data):
    """Two organisations of the same name in one area are refused."""
    national = UserFactory(national_team=True)
    area = area_named()
    services.organisation_save(
        organisation=Organisation(name="Dubbel", kind=OrganisationKind.WELFARE, area=area), actor=national
    )
    with pytest.raises(ValidationError):
        services.organisation_save(
            organisation=Organisation(name="Dubbel", kind=OrganisationKind.WELFARE, area=area), actor=national
        )


def test_an_anonymised_person_stays_anonymous(reference_data):
    national = UserFactory(national_team=True)
    person = PersonFactory(name=services.ANONYMOUS_NAME, email="", phone="", anonymised_at=timezone.now())
    person.name = "Weer een naam"
    with pytest.raises(ValidationError, match="Regel AVG"):
        services.person_save(person=person, actor=national)
    assert Person.objects.get(pk=person.pk).name == services.ANONYMOUS_NAME


def test_person_is_kept_within_the_area(reference_data):
    person = PersonFactory(area=area_named("amsterdam-nieuw-west"))
    person.phone = "06-99999999"
    with pytest.raises(PermissionDenied):
        services.person_save(person=person, actor=UserFactory(programme_bureau=True, area=area_named("rotterdam-zuid")))
    services.person_save(person=person, actor=UserFactory(national_team=True))
    assert Person.objects.get(pk=person.pk).phone == "06-99999999"
