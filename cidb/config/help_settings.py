"""Settings for `cidb COMMAND --help` of the commands `cidb --help` lists, and nothing else.

The site's settings less the huey app: building a command's parser needs the models,
never the task queue, and huey's storage module imports the redis and psycopg
clients (about a quarter of the time `--help` takes). cidb.cli switches to these only
for a help request and only when the default settings module is in use.
"""

from .settings import *  # noqa: F403

INSTALLED_APPS = [app for app in INSTALLED_APPS if app != "huey.contrib.djhuey"]  # noqa: F405
