"""The ``jcmock`` command: serve the mock (record and replay share its options)."""
import logging
import sys

import click

from .app import create_app
from .fixtures import FixtureError
from .server import base_url, configure_logging, make_server, run
from .store import Store

DEFAULT_DB = ".jcmock/db.json"


def server_options(default_port=8080):
    """--host and --port, shared by every serving command."""

    def decorate(command):
        command = click.option("--port", type=int, default=default_port, envvar="JCMOCK_PORT", show_default=True,
                               help="Port to listen on; 0 picks a free one.")(command)
        command = click.option("--host", default="127.0.0.1", envvar="JCMOCK_HOST", show_default=True,
                               help="Interface to bind; 0.0.0.0 exposes the mock to the network.")(command)
        return command

    return decorate


def warn_if_public(host):
    if host in ("0.0.0.0", "::", ""):
        click.echo(f"jcmock: warning: binding {host or 'every interface'} exposes the mock to the network", err=True)


@click.group()
@click.version_option(package_name="jcmock")
def main():
    """A stateful mock of JumpCloud's v2 API, with record and replay of cassettes."""


@main.command()
@server_options()
@click.option("--db", default=DEFAULT_DB, envvar="JCMOCK_DB", show_default=True,
              help="TinyDB JSON file holding the state (kept across restarts).")
@click.option("--fixtures", "fixtures_dir", type=click.Path(file_okay=False), default=None,
              help="Directory of fixture JSON files [default: the bundled fixtures/].")
@click.option("--reset", is_flag=True, help="Reseed the db from the fixtures, dropping its state.")
@click.option("--api-key", "api_keys", multiple=True, help="Accept only this x-api-key (repeatable).")
@click.option("--threads", default=8, show_default=True, help="Worker threads.")
def serve(host, port, db, fixtures_dir, reset, api_keys, threads):
    """Serve the stateful mock API."""
    configure_logging()
    warn_if_public(host)
    try:
        store = Store(db)
    except ValueError as exc:
        raise click.ClickException(str(exc))
    try:
        app = create_app({
            "JCMOCK_FIXTURES": fixtures_dir, "JCMOCK_RESET": reset, "JCMOCK_API_KEYS": tuple(api_keys),
        }, store=store)
    except FixtureError as exc:
        store.close()
        raise click.ClickException(str(exc))
    server = make_server(app, host, port, threads)
    backend = app.extensions["jcmock"]
    click.echo(f"jcmock: serving the mock API on {base_url(server)}/api/v2")
    click.echo(f"jcmock: state in {db} (written within {store.flush_interval}s of a change)")
    for kind, ids in backend.fixtures.manifest().items():
        shown = [i if isinstance(i, str) else f"{i['user_id']}/{i['id']}" for i in ids]
        click.echo(f"jcmock: seeded {kind}: {', '.join(shown)}")
    sys.stdout.flush()
    run(server, on_exit=(store.close,))


if __name__ == "__main__":
    main()
