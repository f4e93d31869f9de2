"""The full-text index: an FTS5 table on SQLite, a tsvector table with GIN on PostgreSQL."""

from django.db import migrations

from cidb.incidents import search_index


def create(apps, schema_editor):
    postgres = schema_editor.connection.vendor == "postgresql"
    for statement in search_index.POSTGRES_CREATE if postgres else search_index.SQLITE_CREATE:
        schema_editor.execute(statement)


def drop(apps, schema_editor):
    for statement in search_index.DROP:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("incidents", "0001_initial")]
    operations = [migrations.RunPython(create, drop)]
