"""Great Expectations in a second process, imported while the job does its first stage's work.

Importing Great Expectations costs about 2.5 s (it pulls in scipy.stats, altair and its own
registry of expectations), and ``corpus_tables`` cannot validate its first stage before the
import is done. So the job forks this process first thing, before its own imports: it imports
Great Expectations on the machine's other core while the job reads the shards and builds the
articles table, then runs each stage's suite (``newsline.validate.run_suite``) on the rows sent
to it and sends the report back. The job still waits for each stage's report before it
publishes the stage's tables and before the next stage reads them: the gates are the same, only
the import is off the path.

What crosses the pipe is data, never code: the request as JSON and each table to check in
Arrow's IPC format; the report, or an error's type, message and traceback, as JSON.
"""

from __future__ import annotations

import json
import logging
import multiprocessing
import signal
import tempfile
import time
import traceback
from collections.abc import Callable, Mapping
from multiprocessing.connection import Connection
from typing import Any


class SuiteProcess:
    """The second process; ``run_suite`` as ``newsline.validate.run_suite``, run over there.

    Forked, not spawned: a spawned process would run the job's script (Snakemake's ``__main__``)
    again. Fork it before importing anything heavy, as the job's script does."""

    def __init__(self) -> None:
        self._requests, theirs = multiprocessing.Pipe()
        self._process = multiprocessing.get_context("fork").Process(
            target=serve, args=(theirs, self._requests), name="newsline-suites", daemon=True
        )
        self._process.start()
        theirs.close()
        self._used = False

    def run_suite(
        self,
        stage: str,
        suite: Mapping[str, list[dict[str, Any]]],
        frames: Mapping[str, Any],
        docs: str | None = None,
    ) -> dict[str, Any]:
        self._used = True
        started = time.perf_counter()
        request = {"stage": stage, "suite": dict(suite), "docs": docs, "tables": list(frames)}
        try:
            self._requests.send_bytes(json.dumps(request).encode("utf-8"))
            for frame in frames.values():
                self._requests.send_bytes(_arrow_bytes(frame))
            reply = json.loads(self._requests.recv_bytes())
        except (BrokenPipeError, EOFError, ConnectionError) as error:
            self._process.join(timeout=5)
            raise RuntimeError(
                f"the Great Expectations process ended before validating stage {stage!r} "
                f"(exit code {self._process.exitcode}); its error output is above"
            ) from error
        if "error" in reply:
            raise RuntimeError(
                f"validating stage {stage!r} failed in the Great Expectations process: "
                f"{reply['error']}\n{reply['traceback']}"
            )
        logging.getLogger("newsline").info(
            "stage %s: the suites' report came after %.1f s", stage, time.perf_counter() - started
        )
        return reply["report"]

    def close(self) -> None:
        """End the process: at once when it validated nothing (a run where no stage changed
        need not wait for the import), else after it read the end of its requests."""
        if not self._used:
            self._process.terminate()
        self._requests.close()
        self._process.join()


def _arrow_bytes(frame: Any) -> bytes:
    import pyarrow as pa

    table = pa.Table.from_pandas(frame, preserve_index=False)
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, table.schema) as writer:
        writer.write_table(table)
    return sink.getvalue().to_pybytes()


def _frame(data: bytes) -> Any:
    import pyarrow as pa

    return pa.ipc.open_stream(data).read_all().to_pandas()


def serve(requests: Connection, jobs_end: Connection) -> None:
    """Import Great Expectations, then run each suite request until the job closes its end
    (``jobs_end``, which the fork copied here, is closed first, or that would never be seen); an
    error goes back to the job, which raises it. Interrupts are the job's to handle: this
    process ends when the job does."""
    jobs_end.close()
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    from newsline.validate import import_great_expectations, run_suite

    import_great_expectations()
    _warm_up(run_suite)
    while True:
        try:
            request = json.loads(requests.recv_bytes())
            frames = {name: _frame(requests.recv_bytes()) for name in request["tables"]}
        except EOFError:
            return
        try:
            report = run_suite(request["stage"], request["suite"], frames, request["docs"])
            reply: dict[str, Any] = {"report": report}
        except Exception as error:  # sent to the job, which reports it
            reply = {
                "error": f"{type(error).__name__}: {error}",
                "traceback": traceback.format_exc(),
            }
        requests.send_bytes(json.dumps(reply, default=str).encode("utf-8"))


def _warm_up(run_suite: Callable[..., dict[str, Any]]) -> None:
    """Run a small suite with Data Docs and throw it away, so that what Great Expectations does
    on its first run only (making its context, compiling the page templates: about 0.2 s) is
    done before the first stage asks."""
    import pandas as pd

    with tempfile.TemporaryDirectory(prefix="newsline-warm-up-") as folder:
        suite = {"t": [{"expect_column_values_to_not_be_null": {"column": "n"}}]}
        run_suite("warm-up", suite, {"t": pd.DataFrame({"n": [1]})}, docs=folder)
