"""Real SQL engines for the tests and the benchmark: a PostgreSQL server started on 127.0.0.1 in a
temporary directory (Debian's binaries; as the `postgres` user when run as root, which initdb
refuses), and a local Spark session (pyspark from PyPI on a Debian JRE). Each returns None when its
engine is not installed, so a developer without them skips those tests; CI installs both."""
from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator


def _pg_bin() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def postgres() -> Iterator[str | None]:
    """A PostgreSQL server for the duration: yields its connection string, or None if PostgreSQL
    (or psycopg) is not installed."""
    bindir = _pg_bin()
    try:
        import psycopg  # noqa: F401
    except ImportError:
        bindir = None
    if bindir is None:
        yield None
        return
    root = os.geteuid() == 0
    home = Path(tempfile.mkdtemp(prefix="parkscore-pg-"))
    data = home / "data"
    port = _free_port()
    as_user = ["runuser", "-u", "postgres", "--"] if root else []
    if root:
        shutil.chown(home, "postgres")
    run = {"check": True, "capture_output": True}
    try:
        subprocess.run([*as_user, str(bindir / "initdb"), "-D", str(data), "-U", "postgres", "--auth=trust", "-E", "UTF8",
                        "--locale=C"], **run)  # type: ignore[call-overload]
        subprocess.run([*as_user, str(bindir / "pg_ctl"), "-D", str(data), "-l", str(home / "log"), "-w", "-o",
                        f"-p {port} -k {home} -c listen_addresses=127.0.0.1 -c fsync=off", "start"], **run)  # type: ignore[call-overload]
        yield f"host=127.0.0.1 port={port} user=postgres dbname=postgres"
    finally:
        subprocess.run([*as_user, str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"], capture_output=True)
        shutil.rmtree(home, ignore_errors=True)


@contextmanager
def spark() -> Iterator[Any]:
    """A local Spark session (2 cores, no UI, bound to 127.0.0.1), or None without pyspark or Java."""
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        yield None
        return
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        yield None
        return
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    session = (SparkSession.builder.master("local[2]").appName("parkscore-tests")
               .config("spark.ui.enabled", "false").config("spark.ui.showConsoleProgress", "false")
               .config("spark.driver.bindAddress", "127.0.0.1")
               .config("spark.sql.shuffle.partitions", "2").getOrCreate())
    session.sparkContext.setLogLevel("ERROR")
    try:
        yield session
    finally:
        session.stop()
