"""A real S3 API on 127.0.0.1 for the tests: moto's server, in a process of its own.

Run as a script, it starts moto's server on a free port of 127.0.0.1, writes the
port on a line of standard output, and serves until its standard input closes
(so it ends with the test run that started it, however that ends).  The
fixture :func:`s3` starts it once per session and reads the port: it waits on
that line, never on a sleep.
"""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any

import pytest
from attrs import frozen

REGION = "eu-west-1"  # us-east-1 refuses a location constraint, which s3fs sends
_STARTUP_SECONDS = 120.0  # a busy machine imports moto slowly; the port line ends the wait


@frozen(kw_only=True)
class S3Server:
    """Where the server answers, and what a client needs to talk to it."""

    endpoint_url: str

    @property
    def options(self) -> dict[str, Any]:
        """The storage options (s3fs's keyword arguments) of this server."""
        return {
            "key": "testing",
            "secret": "testing",
            "client_kwargs": {"endpoint_url": self.endpoint_url, "region_name": REGION},
        }

    def option_arguments(self) -> list[str]:
        """The same options as ``--storage-option`` arguments of the command."""
        return [
            "--storage-option=key=testing",
            "--storage-option=secret=testing",
            f"--storage-option=client_kwargs.endpoint_url={self.endpoint_url}",
            f"--storage-option=client_kwargs.region_name={REGION}",
        ]

    def environment(self) -> Mapping[str, str]:
        """Variables that keep a client from looking for real AWS credentials or metadata."""
        return {
            "AWS_ACCESS_KEY_ID": "testing",
            "AWS_SECRET_ACCESS_KEY": "testing",
            "AWS_DEFAULT_REGION": REGION,
            "AWS_EC2_METADATA_DISABLED": "true",
        }

    def new_bucket(self) -> str:
        """A new empty bucket's name: each test writes in its own."""
        import s3fs  # noqa: PLC0415 -- optional extra

        name = f"test-{secrets.token_hex(6)}"
        s3fs.S3FileSystem(**self.options).mkdir(name)
        return name


@contextmanager
def running_server() -> Iterator[S3Server]:
    """moto's S3 server in a process of its own, until the block ends."""
    server = subprocess.Popen(
        [sys.executable, __file__],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        env={**os.environ, "AWS_EC2_METADATA_DISABLED": "true"},
    )
    assert server.stdout is not None
    assert server.stdin is not None
    try:
        line = server.stdout.readline()  # the port, or "" when it died first
        if not line:
            raise RuntimeError(f"the S3 server ended before it served (exit {server.wait()})")
        yield S3Server(endpoint_url=f"http://127.0.0.1:{int(line)}")
    finally:
        server.stdin.close()
        server.wait(timeout=_STARTUP_SECONDS)
        server.stdout.close()


@pytest.fixture(scope="session")
def s3() -> Iterator[S3Server]:
    """The session's S3 server (moto), started on first use; skipped without moto."""
    pytest.importorskip("moto.server")
    pytest.importorskip("s3fs")
    with running_server() as server:
        yield server


def _serve() -> None:
    import logging  # noqa: PLC0415 -- only in the server process

    from moto.server import ThreadedMotoServer  # noqa: PLC0415

    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # not a line per request
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    _, port = server.get_host_and_port()
    sys.stdout.write(f"{port}\n")
    sys.stdout.flush()
    sys.stdin.read()  # until the test run closes it
    server.stop()


if __name__ == "__main__":
    _serve()
