from django.apps import AppConfig


class StatsConfig(AppConfig):
    name = "cidb.stats"
    label = "stats"
    verbose_name = "Statistics"
