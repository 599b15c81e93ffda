"""`cso demo`, `cso serve` and `cso manage`: the web system from the command line."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import click

DEMO_DIR = Path("var") / "demo"
REFUSE_DEMO_KEY = (
    "SECRET_KEY is not set: `cso serve` runs only with a real secret key; set DATABASE_URL "
    "and ALLOWED_HOSTS too. For a try-out, use `make demo`."
)


def _django(data_dir: Path | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cso.config.settings")
    if data_dir is not None:
        os.environ["CSO_DATA_DIR"] = str(data_dir.resolve())
    import django

    django.setup()
    from django.conf import settings

    # The default SQLite file lives in the data folder; make it on first use.
    if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        Path(settings.DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)


@click.command()
@click.option(
    "--shared",
    type=click.Path(path_type=Path),
    default=Path("../shared"),
    show_default=True,
    help="Folder of the shared data; the Burlington calls come from there when present.",
)
@click.option("--port", default=8000, show_default=True, help="Port on 127.0.0.1.")
@click.option("--serve/--no-serve", default=True, help="Serve after loading (default) or stop.")
def demo(shared: Path, port: int, serve: bool) -> None:
    """Start the web system on a fresh demo database: a shift of units and a queue of calls."""
    os.environ.setdefault("DEBUG", "1")
    # A fresh database each time: the demo's passwords are new on every start.
    if DEMO_DIR.exists():
        shutil.rmtree(DEMO_DIR)
    DEMO_DIR.mkdir(parents=True)
    if shared.is_dir():
        os.environ.setdefault("CSO_SHARED_DIR", str(shared.resolve()))
    _django(DEMO_DIR)
    from django.core.management import call_command
    from django.utils import timezone

    from cso.dispatch.demo import load_demo

    call_command("migrate", verbosity=0)
    logins, source = load_demo(shared=shared if shared.is_dir() else None, now=timezone.now())
    click.echo(f"Demo database: {DEMO_DIR / 'cso.sqlite3'} · calls from the {source}")
    click.echo(f"Open http://127.0.0.1:{port}/ and sign in as one of:")
    for login in logins:
        unit = f"  (works {login.unit})" if login.unit else ""
        click.echo(f"  {login.role:<17} {login.username:<11} password {login.password}{unit}")
    if serve:
        call_command("runserver", f"127.0.0.1:{port}", use_reloader=False)


@click.command()
@click.option("--bind", default="127.0.0.1:8000", show_default=True, help="Address:port.")
@click.option("--workers", default=3, show_default=True, help="Server processes.")
@click.option(
    "--threads",
    default=1,
    show_default=True,
    help="Threads per server process (more than 1: gunicorn's gthread workers).",
)
@click.option("--migrate/--no-migrate", default=True, help="Apply migrations before serving.")
def serve(bind: str, workers: int, threads: int, migrate: bool) -> None:
    """Run the production server (gunicorn) against DATABASE_URL."""
    from cso.config import settings

    if settings.SECRET_KEY == settings.DEMO_SECRET_KEY:
        raise click.UsageError(REFUSE_DEMO_KEY)
    _django()
    if migrate:
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
    os.execvp(
        sys.executable,
        [
            sys.executable,
            "-m",
            "gunicorn",
            "cso.config.wsgi:application",
            "--bind",
            bind,
            "--workers",
            str(workers),
            "--access-logfile",
            "-",
            # Sync workers (the default) gave the shortest tails under load on two cores;
            # threads keep connections alive but contend for the interpreter lock.
            *(["--worker-class", "gthread", "--threads", str(threads)] if threads > 1 else []),
        ],
    )


@click.command(context_settings={"ignore_unknown_options": True, "help_option_names": []})
@click.argument("args", nargs=-1, type=click.UNPROCESSED)
def manage(args: tuple[str, ...]) -> None:
    """Django's management commands (migrate, createsuperuser, ...) for this system."""
    _django()
    from django.core.management import execute_from_command_line

    execute_from_command_line(["cso manage", *args])
