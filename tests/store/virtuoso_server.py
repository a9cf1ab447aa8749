"""Start and stop a throw-away Virtuoso open-source server on loopback for the tests.

Uses Debian's ``virtuoso-opensource`` (``virtuoso-t``): a temporary database folder, a
``virtuoso.ini`` written here with free loopback ports, the server in the foreground as a
child process, readiness polled over HTTP, and the process (group) stopped afterwards.
A fresh database has the administrator ``dba``/``dba``; the tests use the
digest-authenticated endpoints (``/sparql-auth``, ``/sparql-graph-crud-auth``) with it,
exactly as a deployment would with its own credentials.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

VIRTUOSO_BINARY = "virtuoso-t"
VSP_ROOT = Path("/var/lib/virtuoso-opensource-7/vsp")

INI = """\
[Database]
DatabaseFile       = {d}/virtuoso.db
ErrorLogFile       = {d}/virtuoso.log
LockFile           = {d}/virtuoso.lck
TransactionFile    = {d}/virtuoso.trx
xa_persistent_file = {d}/virtuoso.pxa
ErrorLogLevel      = 7
FileExtend         = 200
Striping           = 0
TempStorage        = TempDatabase

[TempDatabase]
DatabaseFile       = {d}/virtuoso-temp.db
TransactionFile    = {d}/virtuoso-temp.trx
Striping           = 0

[Parameters]
ServerPort               = 127.0.0.1:{sql_port}
DisableUnixSocket        = 1
MaxClientConnections     = 20
CheckpointInterval       = 60
CaseMode                 = 2
DirsAllowed              = ., {d}
NumberOfBuffers          = {buffers}
MaxDirtyBuffers          = {dirty}
MaxQueryMem              = 1G
ThreadsPerQuery          = 2
VADInstallDir            = /usr/share/virtuoso-opensource-7/vad/

[HTTPServer]
ServerPort                  = 127.0.0.1:{http_port}
ServerRoot                  = {vsp}
MaxClientConnections        = 20
ServerThreads               = 20
EnabledDavVSP               = 0
Charset                     = UTF-8
EnabledGzipContent          = 0

[SPARQL]
ResultSetMaxRows           = 1000000
MaxQueryCostEstimationTime = 0
MaxQueryExecutionTime      = 0
MaxSortedTopRows           = 1000000
"""


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def available() -> str | None:
    """None when a local Virtuoso can be started, else the reason it cannot."""
    if shutil.which(VIRTUOSO_BINARY) is None:
        return (
            "virtuoso-t not found: install Debian's virtuoso-opensource "
            "(.ci/run does: apt-get install -y virtuoso-opensource)"
        )
    if not VSP_ROOT.is_dir():
        return f"{VSP_ROOT} missing: the virtuoso-opensource package looks incomplete"
    return None


@dataclass
class VirtuosoServer:
    """A running throw-away server; ``endpoint`` is its digest-authenticated SPARQL URL."""

    folder: Path
    http_port: int
    sql_port: int
    process: subprocess.Popen[bytes]
    user: str = "dba"
    password: str = "dba"

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.http_port}"

    @property
    def endpoint(self) -> str:
        return f"{self.base}/sparql-auth"

    @property
    def gsp_endpoint(self) -> str:
        return f"{self.base}/sparql-graph-crud-auth"

    @classmethod
    def start(cls, folder: Path, *, buffers: int = 20000, timeout: float = 60.0) -> VirtuosoServer:
        folder.mkdir(parents=True, exist_ok=True)
        http_port, sql_port = free_port(), free_port()
        while sql_port == http_port:
            sql_port = free_port()
        (folder / "virtuoso.ini").write_text(
            INI.format(
                d=folder, sql_port=sql_port, http_port=http_port, vsp=VSP_ROOT,
                buffers=buffers, dirty=buffers * 3 // 4,
            ),
            encoding="utf-8",
        )
        log = (folder / "stdout.log").open("wb")
        process = subprocess.Popen(
            [VIRTUOSO_BINARY, "+foreground", "+configfile", str(folder / "virtuoso.ini")],
            cwd=folder, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
        server = cls(folder, http_port, sql_port, process)
        try:
            server._wait_ready(timeout)
        except BaseException:
            server.stop()
            raise
        return server

    def _wait_ready(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        url = f"{self.base}/sparql?query=ASK%7B%7D"
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"virtuoso-t exited with {self.process.returncode}: {self.log_tail()}")
            try:
                with urllib.request.urlopen(url, timeout=2) as resp:
                    if resp.status == 200:
                        return
            except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
                pass
            time.sleep(0.25)
        raise TimeoutError(f"virtuoso-t not ready after {timeout:.0f} s: {self.log_tail()}")

    def log_tail(self, n: int = 20) -> str:
        parts = []
        for name in ("virtuoso.log", "stdout.log"):
            p = self.folder / name
            if p.exists():
                parts.extend(p.read_text(errors="replace").splitlines()[-n:])
        return "\n".join(parts)

    def stop(self, *, timeout: float = 20.0) -> None:
        """Stop the server: SIGTERM to its process group (it checkpoints and exits), then SIGKILL."""
        if self.process.poll() is not None:
            return
        try:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=timeout)
        except (subprocess.TimeoutExpired, ProcessLookupError):
            try:
                os.killpg(self.process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            self.process.wait(timeout=5)
