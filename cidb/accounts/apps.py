from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "cidb.accounts"
    label = "accounts"
    verbose_name = "Accounts"
