from django.apps import AppConfig


class TaggingConfig(AppConfig):
    """Django app shell for the tagger's management commands (no models)."""

    name = "cidb.tagging"
    label = "tagging"
    verbose_name = "ATT&CK technique tagging"
