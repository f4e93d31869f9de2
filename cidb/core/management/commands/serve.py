import errno
import os
import shutil
import socket
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from cidb.core.commands import CidbCommand


class Command(CidbCommand):
    help = (
        "Serve the site with gunicorn, a production web server. Static files are collected "
        "first and served by whitenoise; Ctrl+C stops."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--host",
            default=os.environ.get("CIDB_HOST", "127.0.0.1"),
            help="Address to listen on (default: CIDB_HOST or 127.0.0.1; 0.0.0.0 for all).",
        )
        parser.add_argument(
            "--port",
            type=int,
            default=int(os.environ.get("CIDB_PORT", "8000")),
            help="Port to listen on (default: CIDB_PORT or 8000).",
        )
        parser.add_argument(
            "--workers",
            type=int,
            default=int(os.environ.get("CIDB_WORKERS", "2")),
            help="gunicorn worker processes (default: CIDB_WORKERS or 2).",
        )
        parser.add_argument(
            "--timeout",
            type=int,
            default=60,
            help="Seconds before a silent worker is restarted (default: 60).",
        )
        parser.add_argument(
            "--skip-collectstatic",
            action="store_true",
            help="Do not collect static files first (they are already collected).",
        )

    def handle(self, *args, host: str, port: int, workers: int, timeout: int, **options) -> None:
        if not 0 < port < 65536:
            raise CommandError(f"--port must be between 1 and 65535, not {port}.")
        if workers < 1:
            raise CommandError("--workers must be at least 1.")
        _check_port(host, port)
        if not options["skip_collectstatic"]:
            call_command("collectstatic", interactive=False, verbosity=0)
        gunicorn = shutil.which("gunicorn", path=os.path.dirname(sys.executable)) or "gunicorn"
        argv = [
            gunicorn,
            "cidb.config.wsgi:application",
            "--bind",
            f"[{host}]:{port}" if ":" in host else f"{host}:{port}",
            "--workers",
            str(workers),
            "--timeout",
            str(timeout),
            "--access-logfile",
            "-",
            # One control socket per installation, so two sites on a machine do not clash.
            "--control-socket",
            str(settings.DATA_DIR / "gunicorn.ctl"),
        ]
        self.stdout.write(
            f"cidb on http://{host}:{port}/ (gunicorn, {workers} workers; Ctrl+C stops)"
        )
        self.stdout.flush()
        os.execvp(argv[0], argv)


def _check_port(host: str, port: int) -> None:
    """Fail at once, in one line, when the address cannot be bound (gunicorn would say
    it is serving and then retry for 20 seconds)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror as exc:
        raise CommandError(f"--host {host}: cannot resolve ({exc.strerror}).") from None
    family, kind, proto, _, address = infos[0]
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as gunicorn does
        try:
            probe.bind(address)
        except PermissionError:
            raise CommandError(
                f"port {port} needs administrator rights; choose --port 1024 or above."
            ) from None
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                raise CommandError(
                    f"port {port} on {host} is already in use (another cidb or server?); "
                    "stop it or choose another --port."
                ) from None
            raise CommandError(f"cannot listen on {host}:{port}: {exc.strerror}.") from None
