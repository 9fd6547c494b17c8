"""The map-reduce engine (unzh.segment.engine): results in the items' order on every scheduler, and a
real Dask cluster (a scheduler and two workers on 127.0.0.1, started here as subprocesses of the
venv's ``dask`` command) giving the counts of the single-process run."""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from pandas.testing import assert_frame_equal

from unzh.errors import InputError
from unzh.segment import engine
from unzh.textstat.frequency import group_sizes, term_frequency
from unzh.textstat.streaming import corpus_dfm

FIXTURES = Path(__file__).parent / "fixtures"
CORPUS = [FIXTURES / "engine", FIXTURES / "corpus"]
DASK = Path(sys.executable).with_name("dask")
START_TIMEOUT = 90  # seconds for the scheduler and both workers (a busy 2-core machine)


def square_minus(x: int) -> int:
    if x == 99:
        raise ValueError("item 99")
    time.sleep(0.01 * (5 - x % 5))  # later items finish first
    return x * x - 1


@pytest.mark.parametrize("scheduler", ["sync", "processes", "dask"])
def test_results_come_in_the_items_order(scheduler):
    items = list(range(8))
    got = list(engine.map_ordered(square_minus, items, scheduler=scheduler, workers=2, sizes=items))
    assert got == [-1, 0, 3, 8, 15, 24, 35, 48]


def test_an_error_is_raised_in_its_turn():
    results = engine.map_ordered(square_minus, [1, 99, 2], scheduler="processes", workers=2)
    assert next(results) == 0
    with pytest.raises(ValueError, match="item 99"):
        next(results)


def test_scheduler_from_env(monkeypatch):
    monkeypatch.delenv(engine.SCHEDULER_ENV, raising=False)
    assert engine.scheduler_from_env() == "processes"
    assert engine.scheduler_from_env("sync") == "sync"
    monkeypatch.setenv(engine.SCHEDULER_ENV, "tcp://10.0.0.1:8786")
    assert engine.scheduler_from_env() == "tcp://10.0.0.1:8786"
    assert engine.scheduler_from_env("dask") == "dask"  # the option wins over the environment
    with pytest.raises(InputError, match="^--scheduler: 'x:1' is neither"):
        engine.scheduler_from_env("x:1")


def test_no_scheduler_at_the_address_is_one_line():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # nothing listens once closed
    start = time.monotonic()
    with pytest.raises(InputError, match=f"^tcp://127.0.0.1:{port}: no Dask scheduler answered"):
        engine.client_from_env(f"tcp://127.0.0.1:{port}")
    assert time.monotonic() - start < engine.CONNECT_TIMEOUT + 15


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _start(args, log: Path, env) -> subprocess.Popen:
    return subprocess.Popen([str(DASK), *args], stdout=log.open("wb"), stderr=subprocess.STDOUT, env=env,
                            stdin=subprocess.DEVNULL, start_new_session=True)


def _stop(procs) -> None:
    for p in procs:  # each in its own session: its group is only what it started
        if p.poll() is None:
            os.killpg(p.pid, signal.SIGTERM)
    for p in procs:
        try:
            p.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(p.pid, signal.SIGKILL)
            p.wait(timeout=10)


@pytest.fixture
def cluster(tmp_path):
    """``tcp://127.0.0.1:PORT``: a dask scheduler and two single-threaded workers, torn down after."""
    if not DASK.exists():
        pytest.fail(f"no dask command beside {sys.executable}")
    env = {**os.environ, "UNZH_CACHE": str(tmp_path / "cache"), "DASK_DISTRIBUTED__WORKER__DAEMON": "False"}
    env.pop(engine.SCHEDULER_ENV, None)
    procs = []
    try:
        for attempt in range(3):  # a port taken between choosing and binding: choose again
            port = _free_port()
            address = f"tcp://127.0.0.1:{port}"
            sched = _start(["scheduler", "--host", "127.0.0.1", "--port", str(port), "--no-dashboard"],
                           tmp_path / f"scheduler{attempt}.log", env)
            procs.append(sched)
            deadline = time.monotonic() + START_TIMEOUT
            while time.monotonic() < deadline and sched.poll() is None:
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=1).close()
                    break
                except OSError:
                    time.sleep(0.2)
            if sched.poll() is None:
                break
        else:
            pytest.fail("dask scheduler did not start: " + (tmp_path / "scheduler2.log").read_text()[-2000:])
        for i in range(2):
            procs.append(_start(["worker", address, "--nthreads", "1", "--nworkers", "1", "--no-nanny",
                                 "--host", "127.0.0.1", "--no-dashboard",
                                 "--local-directory", str(tmp_path / f"w{i}")], tmp_path / f"worker{i}.log", env))
        from distributed import Client
        with Client(address, timeout=START_TIMEOUT) as client:
            try:
                client.wait_for_workers(2, timeout=START_TIMEOUT)
            except TimeoutError:
                logs = "\n".join(p.read_text()[-1500:] for p in tmp_path.glob("worker*.log"))
                pytest.fail(f"2 dask workers did not join in {START_TIMEOUT} s:\n{logs}")
        yield address
    finally:
        _stop(procs)


def test_a_dask_cluster_gives_the_single_process_counts(cluster, monkeypatch):
    for by in (None, "doc_id", "section"):
        local = corpus_dfm(CORPUS, by, scheduler="sync", cache=False)
        remote = corpus_dfm(CORPUS, by, scheduler=cluster, cache=False)
        assert remote.scheduler == cluster
        assert_frame_equal(term_frequency(remote.dfm, by), term_frequency(local.dfm, by))
        assert_frame_equal(group_sizes(remote.dfm, by), group_sizes(local.dfm, by))
        assert list(remote.failed) == list(local.failed) and len(remote.documents) == 5
    # the environment variable names the cluster too (as the notebooks read it)
    monkeypatch.setenv(engine.SCHEDULER_ENV, cluster)
    with engine.client_from_env() as client:
        assert len(client.scheduler_info()["workers"]) == 2
    assert_frame_equal(term_frequency(corpus_dfm(CORPUS, scheduler=None, cache=False).dfm),
                       term_frequency(corpus_dfm(CORPUS, scheduler="sync", cache=False).dfm))
