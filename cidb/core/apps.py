from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "cidb.core"
    label = "core"
    verbose_name = "cidb core"
