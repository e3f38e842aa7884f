"""A redis-server of a test's own, on a free port, which the test may stop or
pause (SIGSTOP) without touching the site's shared Redis."""

import os
import shutil
import socket
import subprocess
import time

import pytest
import redis


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def redis_server():
    """A redis-server of the test's own on a free port; stop() kills it."""
    binary = shutil.which("redis-server")
    if binary is None:
        if os.environ.get("CI"):
            pytest.fail("redis-server is not installed, and CI needs this test to run.")
        pytest.skip("redis-server is not installed (apt-get install redis-server).")
    port = free_port()
    process = subprocess.Popen(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    client = redis.Redis(port=port, socket_connect_timeout=0.5)
    for _ in range(100):
        try:
            client.ping()
            break
        except redis.exceptions.ConnectionError:
            time.sleep(0.05)
    else:
        process.kill()
        pytest.fail("the test's redis-server did not start")

    def stop():
        process.terminate()
        process.wait(timeout=10)

    process.url = f"redis://127.0.0.1:{port}/0"
    process.stop = stop
    yield process
    if process.poll() is None:
        stop()
