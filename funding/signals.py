"""Guards on models of the apps below funding, which cannot know about funding themselves."""

from __future__ import annotations

from django.db.models import ProtectedError
from django.db.models.signals import pre_delete
from django.dispatch import receiver
from django.utils.translation import gettext as _

from interventions.models import Intervention

from .models import ApplicationLine


def granted_lines_of(intervention: Intervention):
    """The decided application lines with money granted that name this intervention."""
    return ApplicationLine.objects.filter(interventions=intervention, granted_amount__gt=0)


@receiver(pre_delete, sender=Intervention, dispatch_uid="funding.protect_granted_interventions")
def protect_granted_interventions(sender, instance: Intervention, **kwargs) -> None:
    """Deleting an intervention that granted lines point at would silently unlink the money from it."""
    lines = list(granted_lines_of(instance).select_related("application", "theme")[:5])
    if lines:
        raise ProtectedError(
            _(
                "Regel geschiedenis van geld: interventie ‘%(title)s’ is gefinancierd uit toegekende aanvraagregels "
                "(%(lines)s) en kan niet worden verwijderd; zet haar op ‘gestopt’."
            )
            % {
                "title": instance.title,
                "lines": ", ".join(f"{line.application.reference} {line.theme.name}" for line in lines),
            },
            set(lines),
        )
