from django.core.management.base import BaseCommand

from funding.reference import reference_load_all


class Command(BaseCommand):
    help = "Laadt de echte referentiegegevens: gemeenten, gebieden, actielijnen, regelingen, thema's en plafonds."

    def handle(self, *args, **options):
        outcome = reference_load_all()
        for key in sorted(outcome):
            if outcome[key]:
                self.stdout.write(f"{key}: {outcome[key]}")
        self.stdout.write(self.style.SUCCESS("Referentiegegevens geladen."))
