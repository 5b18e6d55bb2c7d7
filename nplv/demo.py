"""Demo data: alliances with members, meetings and plans, interventions from the programme's own
examples, and SPUK 2026–2028 applications in several states; plus synthetic areas for benchmarks.

Everything here is fictional apart from the reference data (areas, schemes, amounts): people are
made-up names, and the per-area figures are illustrative. The generator is deterministic (a fixed
seed) and idempotent: it does nothing for an area that already has an alliance.

This module holds the demo logins and the synthetic areas, and offers every step that
`load_demo_data` runs; the steps live beside it: `demo_alliances`, `demo_interventions`,
`demo_applications` (what they share in `demo_common`), then `demo_accounting`, `demo_monitoring`,
`demo_reports` and `demo_daily`.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils.text import slugify

from accounts.models import Ministry, Role, User
from areas.models import Area, Municipality
from funding.models import Ceiling

from .demo_alliances import demo_alliances
from .demo_applications import demo_applications
from .demo_interventions import demo_interventions, demo_link_interventions

__all__ = [
    "DEMO_PASSWORD",
    "DemoLogin",
    "demo_alliances",
    "demo_applications",
    "demo_interventions",
    "demo_link_interventions",
    "demo_synthetic_areas",
    "demo_users",
]

DEMO_PASSWORD = "nplv-demo-2026"


@dataclass
class DemoLogin:
    username: str
    role: str
    scope: str


def _user(username: str, role: str, *, area=None, ministry: str = "", first_name: str = "", superuser=False) -> User:
    user = User.objects.filter(username=username).first()
    if user is None:
        user = User(
            username=username,
            role=role,
            area=area,
            ministry=ministry,
            first_name=first_name,
            email=f"{username}@demo.nplv.localhost",
            is_superuser=superuser,
        )
        user.set_password(DEMO_PASSWORD)
        user.save()
    return user


def demo_users() -> list[DemoLogin]:
    """One login per role (and a second national-team member for four-eyes decisions)."""
    anw = Area.objects.get(slug="amsterdam-nieuw-west")
    rdam = Area.objects.get(slug="rotterdam-zuid")
    _user("bureau.nieuwwest", Role.PROGRAMME_BUREAU, area=anw, first_name="Fatima")
    _user("bureau.rotterdamzuid", Role.PROGRAMME_BUREAU, area=rdam, first_name="Pieter")
    # Lelystad-Oost's 2026–2028 application is kept in draft: this login shows drafting and submitting.
    _user("bureau.lelystad", Role.PROGRAMME_BUREAU, area=Area.objects.get(slug="lelystad-oost"), first_name="Sanne")
    _user("lid.nieuwwest", Role.ALLIANCE_MEMBER, area=anw, first_name="Kees")
    _user("beoordelaar.ocw", Role.MINISTRY_REVIEWER, ministry=Ministry.OCW, first_name="Els")
    _user("beoordelaar.szw", Role.MINISTRY_REVIEWER, ministry=Ministry.SZW, first_name="Ahmed")
    _user("beoordelaar.bzk", Role.MINISTRY_REVIEWER, ministry=Ministry.BZK, first_name="Joost")
    _user("programmateam", Role.NATIONAL_TEAM, first_name="Marieke")
    _user("programmateam2", Role.NATIONAL_TEAM, first_name="Ruben")
    _user("beheerder", Role.ADMIN, first_name="Beheer", superuser=True)
    return [
        DemoLogin("bureau.nieuwwest", "Programmabureau", "Amsterdam Nieuw-West"),
        DemoLogin("bureau.rotterdamzuid", "Programmabureau", "Rotterdam-Zuid"),
        DemoLogin("bureau.lelystad", "Programmabureau", "Lelystad-Oost (aanvullende aanvraag in concept)"),
        DemoLogin("lid.nieuwwest", "Alliantielid", "Amsterdam Nieuw-West"),
        DemoLogin("beoordelaar.ocw", "Beoordelaar ministerie", "OCW (Django-beheer)"),
        DemoLogin("beoordelaar.szw", "Beoordelaar ministerie", "SZW (Django-beheer)"),
        DemoLogin("beoordelaar.bzk", "Beoordelaar ministerie", "BZK (Django-beheer)"),
        DemoLogin("programmateam", "Nationaal programmateam", "alle gebieden"),
        DemoLogin("programmateam2", "Nationaal programmateam (tweede paar ogen)", "alle gebieden"),
        DemoLogin("beheerder", "Beheerder", "alles"),
    ]


@transaction.atomic
def demo_synthetic_areas(*, scale: int) -> int:
    """Add synthetic areas until there are `scale` × 20 in all, with ceilings scaled from the real ones."""
    target = scale * 20
    existing = Area.objects.count()
    if existing >= target:
        return 0
    municipalities = list(Municipality.objects.order_by("cbs_code"))
    real = list(Area.objects.filter(is_synthetic=False).order_by("name"))
    new_areas = []
    for number in range(existing + 1, target + 1):
        template = real[number % len(real)]
        name = f"Synthetisch gebied {number:05d}"
        new_areas.append(
            Area(
                name=name,
                slug=slugify(name),
                municipality=municipalities[number % len(municipalities)],
                residents=template.residents,
                programme_name=f"Synthetisch programma {number:05d}",
                is_synthetic=True,
            )
        )
    Area.objects.bulk_create(new_areas, batch_size=500)
    synthetic = list(Area.objects.filter(is_synthetic=True, ceilings__isnull=True).order_by("name"))
    ceilings_by_area = {}
    for ceiling in Ceiling.objects.filter(area__in=real):
        ceilings_by_area.setdefault(ceiling.area_id, []).append(ceiling)
    rows = []
    for index, area in enumerate(synthetic):
        template = real[index % len(real)]
        rows += [
            Ceiling(area=area, theme_id=c.theme_id, amount=c.amount, is_illustrative=True)
            for c in ceilings_by_area.get(template.pk, [])
        ]
    Ceiling.objects.bulk_create(rows, batch_size=1000)
    return len(new_areas)
