from django.apps import AppConfig


class ExchangeConfig(AppConfig):
    name = "cidb.exchange"
    label = "exchange"
    verbose_name = "Exports and imports"
