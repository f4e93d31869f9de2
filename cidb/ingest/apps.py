from django.apps import AppConfig


class IngestConfig(AppConfig):
    name = "cidb.ingest"
    label = "ingest"
    verbose_name = "Ingestion"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import signals  # noqa: F401
