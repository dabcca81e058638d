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
import subprocess
import sys
import tempfile
from pathlib import Path

from jcmock.process import JcmockProcess

HERE = Path(__file__).resolve().parent
SCRIPT = HERE / "enforce_policy.py"
CASSETTE = HERE / "cassettes" / "enforce_policy.yaml"
# The run the cassette holds; test_enforce_policy.py replays exactly these arguments.
SCRIPT_ARGS = [
    "--lockout-action", "suspend",
    "--iplist-id", "5c7d8e9f0a1b2c3d4e5f6071",
    "--allow-ip", "203.0.113.10", "--allow-ip", "198.51.100.0/24",
]
def record(cassette=CASSETTE):
    """Run the script through a recorder in front of a fresh mock; returns the script's exit status."""
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        with JcmockProcess("serve", "--reset", "--db", tmp / "db.json", log_path=tmp / "serve.log") as serve, \
                JcmockProcess("record", "--mode", "all", "--cassette", cassette, "--upstream", serve.url,
                              log_path=tmp / "record.log") as recorder:
            run = subprocess.run([sys.executable, str(SCRIPT), "--base-url", recorder.url, *SCRIPT_ARGS],
                                 env={**os.environ, "JUMPCLOUD_API_KEY": "recording-api-key"})
            if run.returncode:
                print(serve.stderr(), recorder.stderr(), sep="\n", file=sys.stderr)
    return run.returncode


def main():
    status = record()
    if status == 0:
        print(f"recorded {CASSETTE}")
    return status


if __name__ == "__main__":
    sys.exit(main())
