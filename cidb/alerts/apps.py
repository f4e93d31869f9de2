from django.apps import AppConfig


class AlertsConfig(AppConfig):
    name = "cidb.alerts"
    label = "alerts"
    verbose_name = "Feeds, saved searches and alerts"
    default_auto_field = "django.db.models.BigAutoField"
