import time

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from accounts.models import User
from areas.models import Area
from nplv import demo, demo_accounting, demo_daily, demo_reports
from nplv.demo_monitoring import demo_indicator_figures


class Command(BaseCommand):
    help = (
        "Laadt demogegevens: allianties met leden, overleggen en plannen, interventies en aanvragen. "
        "Met --scale N komen er synthetische gebieden bij tot N × 20 gebieden (voor benchmarks)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=int, default=1, help="aantal keer de 20 gebieden (standaard 1)")
        parser.add_argument("--quiet-logins", action="store_true", help="de demo-inloggegevens niet tonen")

    def handle(self, *args, scale: int, quiet_logins: bool, **options):
        if scale < 1 or scale > 200:
            raise CommandError("--scale ligt tussen 1 en 200.")
        started = time.monotonic()
        if not Area.objects.filter(is_synthetic=False).exists():
            call_command("load_reference_data", stdout=self.stdout)
        logins = demo.demo_users()
        if scale > 1:
            self.stdout.write(f"synthetische gebieden: {demo.demo_synthetic_areas(scale=scale)}")
        areas = list(Area.objects.select_related("municipality").order_by("is_synthetic", "name"))
        self.stdout.write(f"allianties: {demo.demo_alliances(areas)}")
        self.stdout.write(f"interventies: {demo.demo_interventions(areas)}")
        decider = User.objects.get(username="programmateam")
        self.stdout.write(f"aanvragen: {demo.demo_applications(areas, decided_by=decider)}")
        self.stdout.write(f"aanvraagregels gekoppeld aan interventies: {demo.demo_link_interventions(areas)}")
        self.stdout.write(
            f"betalingen en verantwoordingen: {demo_accounting.demo_accounting(areas, decided_by=decider)}"
        )
        self.stdout.write(f"monitorcijfers per gebied: {demo_indicator_figures()}")
        self.stdout.write(f"rapportages: {demo_reports.demo_reports()}")
        self.stdout.write(f"taken voor de demo-inloggen: {demo_daily.demo_daily()}")
        if connection.vendor == "postgresql":
            # A bulk load leaves the planner without statistics until autovacuum comes by (if it runs at
            # all): the first pages would be planned on guesses (the national home 33 ms instead of 6).
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        self.stdout.write(self.style.SUCCESS(f"Demogegevens geladen in {time.monotonic() - started:.1f} s."))
        if not quiet_logins:
            self.stdout.write(f"\nDemo-inloggegevens (wachtwoord voor allemaal: {demo.DEMO_PASSWORD}):")
            for login in logins:
                self.stdout.write(f"  {login.username:<22} {login.role} – {login.scope}")
