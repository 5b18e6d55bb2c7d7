from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from monitoring.services import import_commit, import_discard, import_preview


class Command(BaseCommand):
    help = (
        "Controleert een bestand met indicatorcijfers (CSV of .xlsx) en laadt het als er geen problemen zijn. "
        "Met --alleen-goede-rijen worden de goede rijen geladen en de rest als geweigerd vastgelegd."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--user", required=True, help="gebruikersnaam van wie laadt (landelijk team of programmabureau)"
        )
        parser.add_argument("--alleen-goede-rijen", dest="only_good_rows", action="store_true")
        parser.add_argument(
            "--controleren", dest="check_only", action="store_true", help="alleen controleren, niets laden"
        )
        parser.add_argument("--openbaar", dest="is_public", action="store_true", help="gebiedscijfers zijn openbaar")

    def handle(self, *args, file: Path, user: str, only_good_rows: bool, check_only: bool, is_public: bool, **options):
        try:
            actor = get_user_model().objects.get(username=user)
        except get_user_model().DoesNotExist as error:
            raise CommandError(f"Onbekende gebruiker: {user}") from error
        run = import_preview(data=file.read_bytes(), name=file.name, actor=actor, is_public=is_public)
        self.stdout.write(
            f"importrun {run.pk}: {run.rows} rijen, {run.figures} cijfers, {run.missing} ontbrekend, "
            f"{run.problem_count} problemen in {run.bad_rows} rijen"
        )
        for problem in run.problems.all():
            self.stdout.write(
                self.style.WARNING(f"  regel {problem.line}, {problem.column} = ‘{problem.value}’: {problem.rule}")
            )
        if check_only:
            import_discard(run=run, actor=actor)
            self.stdout.write("alleen gecontroleerd: niets geladen")
            return
        if run.problem_count and not only_good_rows:
            import_discard(run=run, actor=actor)
            raise CommandError("niets geladen: verbeter het bestand of kies --alleen-goede-rijen")
        run = import_commit(run=run, actor=actor, only_good_rows=only_good_rows)
        self.stdout.write(
            self.style.SUCCESS(f"geladen: {run.created} nieuw, {run.updated} bijgewerkt, {run.unchanged} ongewijzigd")
        )
