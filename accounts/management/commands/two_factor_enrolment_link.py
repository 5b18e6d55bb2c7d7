"""Print a single-use enrolment link (valid 24 hours) with which a user links an authenticator app.

For the first admin of a production install; later links are issued by an admin."""

from django.core.management.base import BaseCommand, CommandError

from accounts.models import User
from accounts.two_factor import ENROLMENT_LINK_HOURS, enrolment_link_issue


class Command(BaseCommand):
    help = "Geef een eenmalige koppellink voor tweestapsverificatie uit voor een gebruiker."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username: str, **options):
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"Onbekende gebruiker: {username}")
        path = enrolment_link_issue(user=user, actor=None)
        self.stdout.write(f"{path}  (eenmalig, {ENROLMENT_LINK_HOURS} uur geldig; open na inloggen)")
