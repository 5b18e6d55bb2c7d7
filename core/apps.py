from django.apps import AppConfig
from django.db.models.signals import class_prepared
from django.utils.translation import gettext_lazy as _

from .validation import attach_limits

# Connected when the app configs load, before any model class is prepared.
class_prepared.connect(attach_limits, dispatch_uid="core.validation.attach_limits")


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Statuswijzigingen")

    def ready(self) -> None:
        from . import admin_outbox  # noqa: F401  (the outbox's admin list)
