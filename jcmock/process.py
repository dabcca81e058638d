"""A ``jcmock`` command in a subprocess on a free port, stopped by its pid.

For the test suite, ``make bench`` and the scripts that record cassettes: they all need
a real server that picks its own port and prints where it listens.
"""
import queue
import re
import subprocess
import sys
import threading
import time
from pathlib import Path

BANNER = re.compile(r"^jcmock: listening on (http://\S+)")
SERVICE_LINE = re.compile(r"^jcmock: \w+ (\w+) on (http://\S+)")


class JcmockProcess:
    """``jcmock COMMAND --port 0 ARGS...``; ``url`` is its base URL, ``bases`` each service's
    (``{"jumpcloud": "http://127.0.0.1:PORT/api/v2", ...}``) and ``api`` the first service's.

    Its stderr (the access log) goes to ``log_path``; its stdout is drained in the
    background, so a chatty server never blocks on a full pipe.
    """

    def __init__(self, command, *args, log_path, start_timeout=60.0, stop_timeout=10.0, python=sys.executable,
                 cwd=None):
        """``python`` is the interpreter whose installed jcmock runs (another venv's, say), from ``cwd``."""
        self.command = command
        self.log_path = Path(log_path)
        self.stop_timeout = stop_timeout
        with open(self.log_path, "w") as log:
            self.process = subprocess.Popen(
                [str(python), "-m", "jcmock.cli", command, "--port", "0", *map(str, args)],
                stdout=subprocess.PIPE, stderr=log, text=True, cwd=cwd,
            )
        lines = queue.Queue()
        threading.Thread(target=_drain, args=(self.process.stdout, lines), daemon=True).start()
        self.bases = {}
        self.lines = []  # what it printed up to the banner
        self.banner = self._banner(lines, start_timeout)
        self.url = BANNER.search(self.banner).group(1)
        self.api = next(iter(self.bases.values()), self.url)

    def _banner(self, lines, timeout):
        deadline = time.monotonic() + timeout
        while (left := deadline - time.monotonic()) > 0:
            try:
                line = lines.get(timeout=left)
            except queue.Empty:
                break
            if line is None:
                break
            self.lines.append(line)
            service = SERVICE_LINE.search(line)
            if service:
                self.bases[service.group(1)] = service.group(2)
            if BANNER.search(line):
                return line
        self.stop()
        raise RuntimeError(f"jcmock {self.command} did not start; its log:\n{self.stderr()}")

    @property
    def pid(self):
        return self.process.pid

    def stderr(self):
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def stop(self):
        """SIGTERM (jcmock saves its state on the way out), then SIGKILL after ``stop_timeout``."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=self.stop_timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.stop()


def _drain(stream, lines):
    for line in stream:
        lines.put(line)
    lines.put(None)
    stream.close()
