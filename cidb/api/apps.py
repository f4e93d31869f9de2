from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "cidb.api"
    label = "api"
    verbose_name = "API"
    # No ready() import of cidb.api.schema: drf-spectacular imports it as the
    # DEFAULT_SCHEMA_CLASS before it builds any schema, which registers the token
    # extension in time, and every cidb command is spared drf_spectacular.openapi.
