from pathlib import Path

from django.core.management.base import BaseCommand

from monitoring.importer import MONITOR_CSV, monitor_import


class Command(BaseCommand):
    help = "Importeert de landelijke monitor (NPLV- en NL-gemiddelde per indicator per jaar) en meldt foute cijfers."

    def add_arguments(self, parser):
        parser.add_argument("--file", type=Path, default=MONITOR_CSV, help="CSV in het formaat van de monitor")

    def handle(self, *args, file: Path, **options):
        report = monitor_import(path=file)
        self.stdout.write(
            f"geladen of bijgewerkt: {report.loaded}, ongewijzigd: {report.unchanged}, "
            f"leeg: {report.blank}, geweigerd: {len(report.refused)}"
        )
        for refusal in report.refused:
            self.stdout.write(self.style.WARNING(f"  geweigerd: {refusal}"))
