"""Record ``cassettes/enforce_policy.yaml``: one run of enforce_policy.py, through ``jcmock record``.

The upstream is a fresh ``jcmock serve`` rather than the real API, so the cassette can be
recorded again offline and without an API key. Run it from the project root::

    .venv/bin/python examples/record_cassette.py

To record your own script against JumpCloud itself, start only the recorder, with its
default upstream, and point your script's base URL at it::

    jcmock record --port 8081 --mode all --cassette cassettes/mine.yaml
    JUMPCLOUD_API_KEY=... python my_script.py --base-url http://127.0.0.1:8081

The recorder redacts the API key and secret fields before anything reaches the disk.
"""
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
SCRIPT = HERE / "enforce_policy.py"
CASSETTE = HERE / "cassettes" / "enforce_policy.yaml"
JCMOCK = [sys.executable, "-m", "jcmock.cli"]
# The run the cassette holds; test_enforce_policy.py replays exactly these arguments.
SCRIPT_ARGS = [
    "--lockout-action", "suspend",
    "--iplist-id", "5c7d8e9f0a1b2c3d4e5f6071",
    "--allow-ip", "203.0.113.10", "--allow-ip", "198.51.100.0/24",
]
BANNER = re.compile(r" on (http://\S+)/api/v2")


def start(args, log):
    """Start ``jcmock args...`` and return the process and the base URL its banner prints."""
    process = subprocess.Popen([*JCMOCK, *args], stdout=subprocess.PIPE, stderr=log, text=True)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            break
        found = BANNER.search(line)
        if found:
            return process, found.group(1)
    stop(process)
    raise RuntimeError(f"jcmock {args[0]} did not start; its log is {log.name}")


def stop(process):
    """Stop one process we started, by its pid: SIGTERM lets jcmock finish its writes."""
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    process.stdout.close()


def record(cassette=CASSETTE):
    """Run the script through a recorder in front of a fresh mock; returns the script's exit status."""
    with tempfile.TemporaryDirectory() as tmp, open(Path(tmp) / "jcmock.log", "w") as log:
        serve, upstream = start(["serve", "--port", "0", "--reset", "--db", str(Path(tmp) / "db.json")], log)
        try:
            recorder, url = start(["record", "--port", "0", "--mode", "all", "--cassette", str(cassette),
                                   "--upstream", upstream], log)
            try:
                run = subprocess.run([sys.executable, str(SCRIPT), "--base-url", url, *SCRIPT_ARGS],
                                     env={**os.environ, "JUMPCLOUD_API_KEY": "recording-api-key"})
            finally:
                stop(recorder)
        finally:
            stop(serve)
        if run.returncode:
            log.flush()
            print(Path(log.name).read_text(), file=sys.stderr)
    return run.returncode


def main():
    status = record()
    if status == 0:
        print(f"recorded {CASSETTE}")
    return status


if __name__ == "__main__":
    sys.exit(main())
