"""A real Dask cluster on the loopback interface, for the cluster tests: a scheduler and its
workers, each its own process with its own folder, on ports the system chooses; stopped
(and waited for) when the test is done, so that nothing is left running.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

BIN = Path(sys.executable).parent
READY_SECONDS = 120  # generous: other sessions share the machine's cores


def wait_for(condition: Callable[[], object], what: str, seconds: float = READY_SECONDS):
    """Poll ``condition`` until it answers something true; that answer. Fails saying ``what``
    was awaited once ``seconds`` pass: a bound against hanging, not a timed assertion."""
    deadline = time.monotonic() + seconds
    while True:
        answer = condition()
        if answer:
            return answer
        if time.monotonic() > deadline:
            raise AssertionError(f"waited {seconds} s for {what}")
        time.sleep(0.2)


def free_port() -> int:
    """A loopback port nothing listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class LoopbackCluster:
    """A scheduler on 127.0.0.1 and the workers added to it, all under ``folder``."""

    def __init__(self, folder: Path, tls: dict[str, Path] | None = None):
        self.folder = folder
        self.tls = tls or {}
        self.processes: dict[str, subprocess.Popen] = {}
        folder.mkdir(parents=True, exist_ok=True)
        scheduler_file = folder / "scheduler.json"
        protocol = ["--protocol", "tls"] if self.tls else []
        self._start("scheduler", [str(BIN / "dask"), "scheduler", "--host", "127.0.0.1",
                                  "--port", "0", "--dashboard-address", "127.0.0.1:0",
                                  "--scheduler-file", str(scheduler_file), *protocol,
                                  *self._tls_arguments()])
        wait_for(lambda: scheduler_file.exists() and scheduler_file.stat().st_size,
                 "the scheduler to start")
        self.address = json.loads(scheduler_file.read_text())["address"]

    def add_worker(self, name: str, env: dict[str, str] | None = None,
                   command: list[str] | None = None) -> subprocess.Popen:
        """Start a worker: ``worksample worker`` by default (no nanny, so a kill is final),
        or ``command`` followed by the scheduler's address."""
        folder = self.folder / name
        folder.mkdir()
        command = command or [str(BIN / "worksample"), "worker", "--no-nanny",
                              "--host", "127.0.0.1", "--local-directory", str(folder)]
        return self._start(name, [*command, self.address, "--name", name,
                                  *self._tls_arguments()], env)

    def wait_for_workers(self, count: int) -> None:
        """Wait until ``count`` workers have joined."""
        with self.client() as client:
            client.wait_for_workers(count, timeout=READY_SECONDS)

    def client(self):
        """A Dask client of this cluster (close it: use ``with``)."""
        from distributed import Client
        from distributed.security import Security

        security = Security(tls_ca_file=str(self.tls["ca"]), tls_client_cert=str(self.tls["cert"]),
                            tls_client_key=str(self.tls["key"]), require_encryption=True) \
            if self.tls else None
        return Client(self.address, security=security, timeout=READY_SECONDS,
                      set_as_default=False)

    def log(self, name: str) -> str:
        """What a process wrote so far."""
        return (self.folder / f"{name}.log").read_text(errors="replace")

    def stop(self) -> None:
        """Stop every process (workers first), and wait for each to end."""
        for name in sorted(self.processes, key=lambda n: n == "scheduler"):
            process = self.processes[name]
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in self.processes.values():
            try:
                process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        # a worker ended by a signal leaves the sandbox containers it kept for later runs;
        # the next grader on the machine sweeps them, and the tests after these are graders
        # that count leftovers: sweep them here, as that grader would
        from worksample.sandbox.docker import sweep_orphans

        sweep_orphans()

    def _tls_arguments(self) -> list[str]:
        if not self.tls:
            return []
        return ["--tls-ca-file", str(self.tls["ca"]), "--tls-cert", str(self.tls["cert"]),
                "--tls-key", str(self.tls["key"])]

    def _start(self, name: str, command: list[str],
               env: dict[str, str] | None = None) -> subprocess.Popen:
        log = open(self.folder / f"{name}.log", "wb")  # noqa: SIM115 (the process keeps it)
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT,
                                   stdin=subprocess.DEVNULL, cwd=self.folder,
                                   env={**os.environ, "TMPDIR": str(self.folder),
                                        **(env or {})})
        log.close()
        self.processes[name] = process
        return process


def make_ca(folder: Path) -> dict[str, Path]:
    """A throwaway certificate authority and one certificate it signs for 127.0.0.1, which
    the scheduler, the workers and the command all present: {"ca", "cert", "key"}."""
    import datetime
    import ipaddress

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    def name(common: str) -> x509.Name:
        return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common)])

    now = datetime.datetime.now(datetime.UTC)
    ca_key, key = ec.generate_private_key(ec.SECP256R1()), ec.generate_private_key(ec.SECP256R1())
    ca = (x509.CertificateBuilder().subject_name(name("worksample test CA"))
          .issuer_name(name("worksample test CA")).public_key(ca_key.public_key())
          .serial_number(x509.random_serial_number())
          .not_valid_before(now - datetime.timedelta(minutes=5))
          .not_valid_after(now + datetime.timedelta(days=1))
          .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
          .sign(ca_key, hashes.SHA256()))
    cert = (x509.CertificateBuilder().subject_name(name("127.0.0.1")).issuer_name(ca.subject)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(minutes=5))
            .not_valid_after(now + datetime.timedelta(days=1))
            .add_extension(x509.SubjectAlternativeName(
                [x509.IPAddress(ipaddress.ip_address("127.0.0.1")), x509.DNSName("localhost")]),
                critical=False)
            .sign(ca_key, hashes.SHA256()))
    folder.mkdir(parents=True, exist_ok=True)
    paths = {"ca": folder / "ca.pem", "cert": folder / "cert.pem", "key": folder / "key.pem"}
    paths["ca"].write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    paths["cert"].write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    paths["key"].write_bytes(key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption()))
    return paths
