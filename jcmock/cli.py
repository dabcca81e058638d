"""The ``jcmock`` command: serve the mock (record and replay share its options)."""
import sys

import click

from .core.fixtures import FixtureError
from .core.server import AccessLines, ServerError, base_url, configure_logging, make_server, run
from .core.store import Store
from .recording.cassette import Cassette, CassetteError
from .recording.filters import Redactor
from .recording.player import REPEAT_POLICIES, Player
from .recording.recorder import RECORD_MODES, Recorder
from .recording.replayer import FALLBACKS, Replayer, default_repeat, seed_from_interactions
from .services import BY_NAME, create_app, select

DEFAULT_DB = ".jcmock/db.json"


def server_options(default_port=8080):
    """--host, --port, --admin-token and --service, shared by every serving command."""

    def decorate(command):
        command = click.option("--service", "service_names", multiple=True, type=click.Choice(list(BY_NAME)),
                               help="Serve only this service (repeatable) [default: all].")(command)
        command = click.option("--admin-token", envvar="JCMOCK_ADMIN_TOKEN", default=None,
                               help="Require this token (header x-jcmock-admin-token) on /__jcmock__/.")(command)
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
    """Stateful mocks of identity APIs (JumpCloud, and more), with record and replay of cassettes."""


def _app(config, service_names, **kwargs):
    """``create_app`` with a click error for what a user can get wrong (fixtures, the db)."""
    try:
        return create_app(config, services=service_names, **kwargs)
    except (FixtureError, ValueError) as exc:
        raise click.ClickException(str(exc))


def _banner(server, app, what):
    """One line per service, then the fixed line that ``jcmock.process`` (and scripts) read."""
    url = base_url(server)
    for service in app.extensions["jcmock"].services:
        click.echo(f"jcmock: {what} {service.name} on {url}{service.prefixes[0]}")
    click.echo(f"jcmock: listening on {url}")


@main.command()
@server_options()
@click.option("--db", default=DEFAULT_DB, envvar="JCMOCK_DB", show_default=True,
              help="TinyDB JSON file holding the state (kept across restarts).")
@click.option("--fixtures", "fixtures_dir", type=click.Path(file_okay=False), default=None,
              help="Directory of fixtures, one folder per service (DIR/jumpcloud/...); a folder of "
                   "JSON files is JumpCloud's [default: the bundled fixtures/].")
@click.option("--reset", is_flag=True, help="Reseed the db from the fixtures, dropping its state.")
@click.option("--api-key", "api_keys", multiple=True,
              help="Accept only this credential (x-api-key, or the Authorization token; repeatable).")
@click.option("--threads", default=0, show_default=True,
              help="0 answers every request on the event loop, in arrival order (fastest); N > 0 runs "
                   "requests on N threads instead.")
def serve(host, port, admin_token, service_names, db, fixtures_dir, reset, api_keys, threads):
    """Serve the stateful mock APIs."""
    configure_logging()
    warn_if_public(host)
    try:
        store = Store(db)
    except ValueError as exc:
        raise click.ClickException(str(exc))
    try:
        app = _app({"JCMOCK_FIXTURES": fixtures_dir, "JCMOCK_RESET": reset, "JCMOCK_API_KEYS": tuple(api_keys),
                    "JCMOCK_ADMIN_TOKEN": admin_token}, service_names, store=store)
    except click.ClickException:
        store.close()
        raise
    server = _listen(app, host, port, threads)
    click.echo(f"jcmock: state in {db} (written to disk within {store.flush_interval}s of a change, "
               "longer for very large stores: see README)")
    for name, backend in app.extensions["jcmock"].backends.items():
        for kind, ids in backend.fixtures.manifest().items():
            shown = [i if isinstance(i, str) else "/".join(map(str, i.values())) for i in ids]
            click.echo(f"jcmock: seeded {name} {kind}: {', '.join(shown)}")
    _banner(server, app, "serving")
    sys.stdout.flush()
    run(server, on_exit=(store.close,))


@main.command()
@server_options()
@click.option("--cassette", "cassette_path", required=True, type=click.Path(dir_okay=False),
              help="Cassette file (VCR.py YAML) to write to and replay from.")
@click.option("--upstream", "upstreams", multiple=True,
              help="The real API's base URL: NAME=URL for one service, a bare URL for JumpCloud (repeatable) "
                   "[default: each service's public API, where it has one].")
@click.option("--mode", type=click.Choice(RECORD_MODES), default="once", show_default=True,
              help="once: record only a new cassette; new_episodes: replay matches, record the rest; "
                   "all: record everything anew; none: only replay.")
@click.option("--filter-header", multiple=True, help="Another header to redact (repeatable).")
@click.option("--filter-field", multiple=True, help="Another JSON field name to redact (repeatable).")
@click.option("--timeout", default=30.0, show_default=True, help="Seconds to wait for the upstream.")
def record(host, port, admin_token, service_names, cassette_path, upstreams, mode, filter_header, filter_field,
           timeout):
    """Proxy to the real API and save each exchange to a cassette, secrets redacted."""
    configure_logging()
    warn_if_public(host)
    cassette = _load_cassettes([cassette_path])[0]
    services = select(service_names)
    upstream_map = _upstreams(upstreams, services)
    redactors = {s.name: Redactor(headers=[*filter_header, *s.secret_headers],
                                  fields=[*filter_field, *s.secret_fields, *s.secret_params],
                                  redact_document=s.redact_body) for s in services}
    recorder = Recorder(cassette, upstreams=upstream_map, mode=mode, timeout=timeout,
                        redactor=lambda service: redactors[service.name])
    app = _app({"JCMOCK_MODE": "record", "JCMOCK_ADMIN_TOKEN": admin_token}, service_names, store=Store(),
               interceptor=recorder)
    server = _listen(app, host, port, threads=8)  # its answers wait on the upstream
    already = f"{len(cassette.interactions)} interactions already there"
    if recorder.records:
        upstream = ", ".join(f"{name}={url}" for name, url in upstream_map.items())
        click.echo(f"jcmock: recording {upstream} into {cassette_path} (mode {mode}, {already})")
        _banner(server, app, "recording")
    else:  # mode once on an existing cassette, or none: nothing goes upstream, nothing is written
        why = "the cassette exists" if mode == "once" else "replay only"
        click.echo(f"jcmock: replaying {cassette_path} without recording (mode {mode}: {why}; {already})")
        _banner(server, app, "replaying")
    sys.stdout.flush()
    run(server)


def _upstreams(values, services):
    """``--upstream`` values as ``{service: URL}``: ``NAME=URL``, or a bare URL for the first service."""
    chosen = {s.name: s.upstream for s in services if s.upstream}
    names = {s.name for s in services}
    for value in values:
        name, sep, url = value.partition("=")
        if not sep or "://" in name:
            name, url = services[0].name, value
        if name not in names:
            raise click.BadParameter(f"{name!r} is not a service served here ({', '.join(sorted(names))})",
                                     param_hint="--upstream")
        chosen[name] = url
    return chosen


@main.command()
@server_options()
@click.argument("cassettes", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--repeat", type=click.Choice(REPEAT_POLICIES), default=None,
              help="After the last recorded answer to a request: repeat it, cycle, or fail (strict). "
                   "[default: last; strict with --fallback mock]")
@click.option("--fallback", type=click.Choice(FALLBACKS), default="none", show_default=True,
              help="mock: requests that match nothing go to the stateful mock, seeded from the cassettes.")
@click.option("--ignore-field", multiple=True, help="JSON body path left out of matching, e.g. data.*.company.name.")
@click.option("--fixtures", "fixtures_dir", type=click.Path(file_okay=False), default=None,
              help="Fixtures for --fallback mock [default: the bundled fixtures/].")
def replay(host, port, admin_token, service_names, cassettes, repeat, fallback, ignore_field, fixtures_dir):
    """Serve recorded interactions over HTTP, with near-miss reports for requests that match nothing."""
    configure_logging()
    warn_if_public(host)
    loaded = _load_cassettes(cassettes, must_exist=True)
    repeat = repeat or default_repeat(fallback)
    player = Player(loaded, repeat=repeat, ignore_fields=ignore_field)
    app = _app({"JCMOCK_MODE": "replay", "JCMOCK_FIXTURES": fixtures_dir, "JCMOCK_ADMIN_TOKEN": admin_token},
               service_names, store=Store(), interceptor=Replayer(player, fallback=fallback))
    seeded = seed_from_interactions(app, player.interactions) if fallback == "mock" else 0
    server = _listen(app, host, port)
    click.echo(f"jcmock: replaying {len(player.interactions)} interactions (repeat {repeat}, fallback {fallback}"
               + (f", {seeded} objects seeded" if seeded else "") + ")")
    _banner(server, app, "replaying")
    sys.stdout.flush()
    run(server)


def _listen(app, host, port, threads=0):
    try:
        return make_server(app, host, port, threads, access_lines=AccessLines())
    except ServerError as exc:
        raise click.ClickException(str(exc))


def _load_cassettes(paths, must_exist=False):
    loaded = []
    for path in paths:
        try:
            cassette = Cassette.load(path)
        except CassetteError as exc:
            raise click.ClickException(str(exc))
        if must_exist and not cassette.path.exists():
            raise click.ClickException(f"cassette {path} does not exist")
        loaded.append(cassette)
    return loaded


if __name__ == "__main__":
    main()
