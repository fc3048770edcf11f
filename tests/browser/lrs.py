"""A real learning record store for the xAPI and cmi5 tests: Ralph (``ralph-malph``).

``ralph runserver --backend fs`` (through :mod:`.ralph_server`, which fixes one bug of it) on 127.0.0.1, in a temporary folder (its statements are
files there, so a restart on the same folder keeps them), with an auth file of two users:
the course's, which may only write statements (what a site may carry: it is public), and
the test's, which may read them back. Ralph checks the scopes (``LRS_RESTRICT_BY_SCOPES``).
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import bcrypt

SERVER = Path(__file__).with_name("ralph_server.py")
"""``ralph runserver`` (its command line), with a fix of its file-system backend."""
WRITER = ("course-writer", "write-only-secret")
READER = ("test-reader", "read-secret")


def free_port() -> int:
    """A port nobody listens on now (the LRS's address must be known before the course is built)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def basic(user: tuple[str, str]) -> str:
    """The ``Authorization`` header value for ``user``."""
    return "Basic " + base64.b64encode(f"{user[0]}:{user[1]}".encode()).decode("ascii")


def _auth_file(path: Path) -> None:
    users = [
        (WRITER, ["statements/write"], "course-writer"),
        (READER, ["statements/read"], "test-reader"),
    ]
    path.write_text(json.dumps([
        {"username": name, "hash": bcrypt.hashpw(password.encode(), bcrypt.gensalt(4)).decode(),
         "scopes": scopes, "agent": {"account": {"homePage": "http://127.0.0.1/", "name": account}}}
        for (name, password), scopes, account in users
    ]), encoding="utf-8")


@dataclass
class LRS:
    """A Ralph LRS at ``endpoint`` (``http://127.0.0.1:PORT/xAPI/``), started and stopped by the tests."""

    folder: Path
    port: int
    origins: list[str]
    process: subprocess.Popen[bytes] | None = None
    log: Path = field(init=False)

    def __post_init__(self) -> None:
        self.log = self.folder / "ralph.log"
        (self.folder / "data").mkdir(parents=True, exist_ok=True)
        _auth_file(self.folder / "auth.json")

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.port}/xAPI/"

    def start(self) -> None:
        """Start Ralph and wait until it answers (at most 30 s)."""
        env = {
            **os.environ,
            "RALPH_APP_DIR": str(self.folder),
            "RALPH_AUTH_FILE": str(self.folder / "auth.json"),
            "RALPH_LRS_RESTRICT_BY_AUTHORITY": "True",
            "RALPH_LRS_RESTRICT_BY_SCOPES": "True",
            "RALPH_RUNSERVER_CORS_ALLOW_ORIGINS": json.dumps(self.origins),
        }
        with self.log.open("ab") as log:
            # Its own process group: runserver starts uvicorn's reloader and a worker under it.
            self.process = subprocess.Popen(
                [sys.executable, str(SERVER), "runserver", "--backend", "fs", "--host", "127.0.0.1", "--port", str(self.port),
                 "--fs-default-directory-path", str(self.folder / "data")],
                cwd=self.folder, env=env, stdout=log, stderr=log, start_new_session=True,
            )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"ralph runserver stopped:\n{self.log.read_text()[-3000:]}")
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/__heartbeat__", timeout=2):
                    return
            except (OSError, urllib.error.URLError):
                time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"ralph runserver did not answer within 30 s:\n{self.log.read_text()[-3000:]}")

    def stop(self) -> None:
        """Stop the server this object started (its process group), waiting for it to end."""
        if self.process is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=5)
        self.process = None

    def request(self, method: str, path: str, body: Any = None, user: tuple[str, str] = READER) -> tuple[int, Any]:
        """One call of the LRS's API as ``user``: the status and the decoded JSON (or None)."""
        data = None if body is None else json.dumps(body).encode()
        call = urllib.request.Request(self.endpoint + path, data=data, method=method, headers={
            "Authorization": basic(user), "X-Experience-API-Version": "1.0.3", "Content-Type": "application/json",
        })
        try:
            with urllib.request.urlopen(call, timeout=10) as response:
                text = response.read()
                return response.status, json.loads(text) if text else None
        except urllib.error.HTTPError as error:
            text = error.read()
            try:
                return error.code, json.loads(text)
            except ValueError:
                return error.code, text.decode(errors="replace")

    def statements(self) -> list[dict[str, Any]]:
        """Every statement stored, oldest first (all pages of the answer)."""
        found: list[dict[str, Any]] = []
        path = "statements?limit=500&ascending=true"
        while path:
            status, page = self.request("GET", path)
            assert status == 200, f"GET statements: {status} {page}"
            found.extend(page["statements"])
            more = page.get("more") or ""
            path = more.split("/xAPI/", 1)[1] if "/xAPI/" in more else ""
        return found


@contextlib.contextmanager
def running(folder: Path, origins: list[str], port: int | None = None) -> Iterator[LRS]:
    """Ralph serving on 127.0.0.1 for the block, allowing requests from ``origins`` (CORS)."""
    lrs = LRS(folder, port or free_port(), origins)
    lrs.start()
    try:
        yield lrs
    finally:
        lrs.stop()
