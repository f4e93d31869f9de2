"""The full-text index: an FTS5 table on SQLite, a tsvector table with GIN on PostgreSQL."""

from django.db import migrations

from cidb.incidents import search


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in search.POSTGRES_CREATE:
            schema_editor.execute(statement)
    else:
        schema_editor.execute(search.SQLITE_CREATE)


def drop(apps, schema_editor):
    schema_editor.execute(f"DROP TABLE IF EXISTS {search.FTS_TABLE}")


class Migration(migrations.Migration):
    dependencies = [("incidents", "0001_initial")]
    operations = [migrations.RunPython(create, drop)]
