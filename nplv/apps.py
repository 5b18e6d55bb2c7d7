from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NplvConfig(AppConfig):
    name = "nplv"
    verbose_name = _("NPLV")
