"""Great Expectations in a second process, imported while the job does its first stage's work.

Importing Great Expectations costs about 2.4 s (it pulls in scipy.stats, altair and its own
registry of expectations), and ``corpus_tables`` cannot validate its first stage before the
import is done. So the job starts this process first thing: it imports Great Expectations on
the machine's other core while the job reads the shards and builds the articles table, then
runs each stage's suite (``newsline.validate.run_suite``) on the rows sent to it and sends the
report back. The job still waits for each stage's report before it publishes the stage's tables
and before the next stage reads them: the gates are the same, only the import is off the path.

The requests and reports are pickled over the process's standard input and a duplicate of its
standard output; what Great Expectations prints goes to the job's error output.
"""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
import tempfile
import traceback
from collections.abc import Callable, Mapping
from typing import IO, Any


class SuiteProcess:
    """The second process; ``run_suite`` as ``newsline.validate.run_suite``, run over there."""

    def __init__(self) -> None:
        self._process = subprocess.Popen(
            [sys.executable, "-m", "newsline.suite_process"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
        )
        self._used = False

    def run_suite(
        self,
        stage: str,
        suite: Mapping[str, list[dict[str, Any]]],
        frames: Mapping[str, Any],
        docs: str | None = None,
    ) -> dict[str, Any]:
        requests, replies = self._process.stdin, self._process.stdout
        assert requests is not None and replies is not None
        self._used = True
        try:
            pickle.dump((stage, dict(suite), dict(frames), docs), requests, protocol=5)
            requests.flush()
            outcome, value = pickle.load(replies)
        except (BrokenPipeError, EOFError) as error:
            raise RuntimeError(
                f"the Great Expectations process ended before validating stage {stage!r} "
                f"(exit status {self._process.poll()}); its error output is above"
            ) from error
        if outcome == "error":
            raise value
        return value

    def close(self) -> None:
        """End the process: at once when it validated nothing (a run where no stage changed
        need not wait for the import), else after it read the end of its requests."""
        try:
            if self._process.stdin is not None:
                self._process.stdin.close()
        except BrokenPipeError:  # it ended already (the job is reporting why)
            pass
        if not self._used:
            self._process.terminate()
        self._process.wait()


def serve(requests: IO[bytes], replies: IO[bytes]) -> None:
    """Import Great Expectations, then run each suite request until the requests end; an error
    goes back to the job, with its traceback as a note, to be raised there."""
    from newsline.validate import import_great_expectations, run_suite

    import_great_expectations()
    _warm_up(run_suite)
    while True:
        try:
            request = pickle.load(requests)
        except EOFError:
            return
        try:
            reply: tuple[str, Any] = ("report", run_suite(*request))
        except Exception as error:  # raised again in the job, which reports it
            error.add_note(f"in the Great Expectations process:\n{traceback.format_exc()}")
            reply = ("error", error)
        pickle.dump(reply, replies, protocol=5)
        replies.flush()


def _warm_up(run_suite: Callable[..., dict[str, Any]]) -> None:
    """Run a small suite with Data Docs and throw it away, so that what Great Expectations does
    on its first run only (making its context, compiling the page templates: about 0.2 s) is
    done before the first stage asks."""
    import pandas as pd

    with tempfile.TemporaryDirectory(prefix="newsline-warm-up-") as folder:
        suite = {"t": [{"expect_column_values_to_not_be_null": {"column": "n"}}]}
        run_suite("warm-up", suite, {"t": pd.DataFrame({"n": [1]})}, docs=folder)


if __name__ == "__main__":
    replies = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    # Whatever a library prints goes to the error output, not into the replies.
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    serve(sys.stdin.buffer, replies)
    replies.close()
    # As newsline.jobs.common.run: no teardown of every module Great Expectations imported.
    os._exit(0)
