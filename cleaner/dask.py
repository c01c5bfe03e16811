"""Cleaning on a Dask cluster: batch and JSON lines through a scheduler, and dask.bag / dataframe helpers.

The one module that imports dask: ``import cleaner`` and the CLI without --scheduler never load
it. Workers run the very functions a local run does (:func:`cleaner.batchpool.run` with one job on a
chunk of pages, :func:`cleaner.jsonl.clean_line` on a chunk of lines) with the rules loaded once
here and scattered to every worker, so outputs are byte for byte a local run's. Results come back
in input order through a bounded window of tasks, so memory stays flat however long the input.
Library code: no printing, no exits.
"""

from __future__ import annotations

import logging
import os
import uuid
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import replace
from itertools import islice
from typing import TYPE_CHECKING, Any, BinaryIO, TypeVar

import dask
from distributed import Client, Future
from distributed.scheduler import KilledWorker

from . import __version__, batch, batchpool
from .core import default_rules
from .errors import ClusterError, UnknownSiteError
from .html import HTML_MODE_DEFAULT
from .jsonl import BadRecord, JsonlOptions, OnError, RecordError, clean_line, clean_record, parse_record, read_lines
from .rules import RuleSet

if TYPE_CHECKING:  # importing dask.bag (and fsspec with it) costs the CLI ~50 ms a run; clean_bag needs only the Bag
    import dask.bag

CHUNK_PAGES_MAX = 64  # pages per task: a task costs the scheduler ~1 ms, a page ~2 ms of CPU
CHUNK_LINES_MAX = 256  # JSON lines per task
CHUNK_BYTES_MAX = 1 << 20  # a task's JSON lines stop growing past this many bytes (bounds memory)
AHEAD_PER_THREAD = 4  # tasks in flight per worker thread: enough to keep every worker busy
WORKER_DIED = "the worker process died on this page"

T = TypeVar("T")
R = TypeVar("R")


# ---------------------------------------------------------------------------------------------
# The cluster


def connect(address: str) -> Client:
    """A client of the scheduler at ``address`` with at least one worker; ClusterError otherwise.

    Both waits last Dask's ``distributed.comm.timeouts.connect`` (30 s unless configured, e.g.
    with DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT=5s).
    """
    timeout = dask.config.get("distributed.comm.timeouts.connect")
    try:
        client = Client(address, timeout=timeout, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as exc:
        raise ClusterError(f"cannot reach the Dask scheduler at {address}: {exc}") from None
    try:
        client.wait_for_workers(1, timeout=timeout)
    except TimeoutError:
        client.close()
        raise ClusterError(f"the Dask scheduler at {address} has no workers") from None
    return client


def quiet_logs() -> None:
    """Silence Dask's own log lines (reconnect attempts, tracebacks), for a CLI whose errors are one line each."""
    for name in ["distributed", "tornado", *logging.root.manager.loggerDict]:
        if name.split(".")[0] in ("distributed", "tornado"):
            logging.getLogger(name).setLevel(logging.CRITICAL + 1)


def close(client: Client) -> None:
    """Close the client, quietly and within seconds even when the scheduler is gone."""
    try:
        client.close(timeout=5)
    except Exception:  # a lost scheduler: nothing left to close
        return


def _guarded(items: Iterator[R]) -> Iterator[R]:
    """The items, any failure of the cluster on the way (a lost scheduler, say) raised as ClusterError."""
    try:
        yield from items
    except ClusterError:
        raise
    except Exception as exc:
        detail = " ".join(str(exc).split())  # one line: some of Dask's messages have several
        raise ClusterError(f"the Dask cluster failed: {type(exc).__name__}: {detail}") from exc


def threads(client: Client) -> int:
    """Worker threads on the cluster now: the parallelism a job gets."""
    return max(1, sum(client.nthreads().values()))


def _probe(folders: Sequence[str]) -> tuple[str, list[bool]]:
    """On a worker: its cleaner version and whether it sees each folder."""
    return __version__, [os.path.isdir(f) for f in folders]


def check_workers(client: Client, folders: Sequence[str | os.PathLike[str]]) -> None:
    """Make sure every worker runs this cleaner and sees the folders (a shared file system); ClusterError if not."""
    paths = [os.path.abspath(f) for f in folders]
    try:
        answers = client.run(_probe, paths)
    except Exception as exc:  # unpickling fails on a worker without cleaner installed
        raise ClusterError(
            f"the workers cannot run cleaner ({type(exc).__name__}: {exc}); install it on every worker"
        ) from exc
    for worker, (version, seen) in sorted(answers.items()):
        if version != __version__:
            raise ClusterError(f"worker {worker} runs cleaner {version}, this is cleaner {__version__}")
        for path, ok in zip(paths, seen, strict=True):
            if not ok:
                raise ClusterError(
                    f"worker {worker} cannot see {path}: inputs and outputs must be on a file system all workers share"
                )


def _in_order(
    client: Client,
    fn: Callable[..., list[R]],
    parts: Iterable[list[T]],
    args: tuple[Any, ...],
    lost: Callable[[T], R],
    kind: str,
) -> Iterator[R]:
    """Run fn(part, *args) on the cluster for every part, a bounded window at a time; yield results in order.

    A worker that dies mid-task costs nothing: the scheduler reruns its tasks elsewhere (a page
    written twice is written atomically both times). A task that keeps killing workers
    (KilledWorker) is split into one task per item, and an item that does so on its own gives
    ``lost(item)``.
    """
    token = uuid.uuid4().hex[:12]
    numbers = iter(range(1 << 62))
    source = iter(parts)
    ahead = threads(client) * AHEAD_PER_THREAD
    inflight: deque[tuple[list[T], Future]] = deque()

    def submit(part: list[T]) -> tuple[list[T], Future]:
        return part, client.submit(fn, part, *args, key=f"cleaner-{kind}-{token}-{next(numbers)}", pure=False)

    try:
        while True:
            inflight.extend(submit(part) for part in islice(source, max(0, ahead - len(inflight))))
            if not inflight:
                return
            part, future = inflight.popleft()
            try:
                results = future.result()
            except KilledWorker:
                if len(part) == 1:
                    yield lost(part[0])
                else:
                    inflight.extendleft(reversed([submit([item]) for item in part]))
                continue
            del future
            yield from results
    finally:
        if inflight and client.status == "running":
            client.cancel([future for _, future in inflight])


# ---------------------------------------------------------------------------------------------
# Batch


def _clean_tasks(tasks: list[batch.Task], rules: RuleSet, options: batch.Options) -> list[batch.FileOutcome]:
    """On a worker: a chunk of pages cleaned by batch's own one-process run (atomic writes included)."""
    return list(batchpool.run(tasks, rules, options, jobs=1))


def run(
    tasks: Sequence[batch.Task], rules: RuleSet, options: batch.Options, client: Client
) -> Iterator[batch.FileOutcome]:
    """:func:`cleaner.batchpool.run` on a cluster: the same outcomes, in task order, written by the workers.

    Lazy: nothing is sent before the first outcome is asked for. Raises ClusterError if the
    cluster fails.
    """
    return _guarded(_run(tasks, rules, options, client))


def _run(
    tasks: Sequence[batch.Task], rules: RuleSet, options: batch.Options, client: Client
) -> Iterator[batch.FileOutcome]:
    """The work of :func:`run`."""
    # Absolute paths for the workers; the rest of each task (why it is redone, its site group) as it is.
    tasks = [replace(t, src=os.path.abspath(t.src), dst=os.path.abspath(t.dst)) for t in tasks]
    size = max(1, min(CHUNK_PAGES_MAX, len(tasks) // (threads(client) * 8)))
    parts = (tasks[i : i + size] for i in range(0, len(tasks), size))
    shared = client.scatter(rules, broadcast=True, hash=False)

    def lost(task: batch.Task) -> batch.FileOutcome:
        return batch.FileOutcome(task.rel, task.out_rel, batch.FAILED, WORKER_DIED)

    yield from _in_order(client, _clean_tasks, parts, (shared, options), lost, "batch")


# ---------------------------------------------------------------------------------------------
# JSON lines

Line = tuple[int, bytes | None, str | None]  # number, bytes (None: over --max-bytes), site group
LineResult = tuple[bytes | None, BadRecord | None] | None


def _clean_lines(lines: list[Line], rules: RuleSet, options: JsonlOptions) -> list[LineResult]:
    """On a worker: a chunk of numbered lines through :func:`cleaner.jsonl.clean_line`."""
    return [clean_line(number, raw, rules, options, group) for number, raw, group in lines]


def _line_chunks(stream: BinaryIO, max_bytes: int, groups: Sequence[str | None] = ()) -> Iterator[list[Line]]:
    """Numbered lines with their site groups, CHUNK_LINES_MAX a chunk at most, cut past CHUNK_BYTES_MAX bytes."""
    chunk: list[Line] = []
    size = 0
    for number, raw in enumerate(read_lines(stream, max_bytes), start=1):
        chunk.append((number, raw, groups[number - 1] if number <= len(groups) else None))
        size += len(raw) if raw is not None else 0
        if len(chunk) >= CHUNK_LINES_MAX or size >= CHUNK_BYTES_MAX:
            yield chunk
            chunk, size = [], 0
    if chunk:
        yield chunk


def clean_records(
    stream: BinaryIO,
    rules: RuleSet,
    options: JsonlOptions | None,
    client: Client,
    groups: Sequence[str | None] = (),
) -> Iterator[tuple[bytes | None, BadRecord | None]]:
    """:func:`cleaner.jsonl.clean_records` on a cluster: the same items in input order, a bounded window in flight.

    Raises ClusterError if the cluster fails.
    """
    return _guarded(_clean_records(stream, rules, options, client, groups))


def _clean_records(
    stream: BinaryIO, rules: RuleSet, options: JsonlOptions | None, client: Client, groups: Sequence[str | None]
) -> Iterator[tuple[bytes | None, BadRecord | None]]:
    """The work of :func:`clean_records`."""
    options = options or JsonlOptions()
    shared = client.scatter(rules, broadcast=True, hash=False)

    def lost(line: Line) -> LineResult:
        number, raw, _ = line
        keep = options.on_error is OnError.pass_ and raw is not None and _is_json(raw)
        out = (raw if raw.endswith(b"\n") else raw + b"\n") if keep and raw is not None else None
        return out, BadRecord(number, "the worker process died on this record")

    for item in _in_order(
        client, _clean_lines, _line_chunks(stream, options.max_bytes, groups), (shared, options), lost, "jsonl"
    ):
        if item is not None:
            yield item


def _is_json(raw: bytes) -> bool:
    """Whether a line is JSON, so that passing it through keeps JSON-lines output JSON."""
    try:
        parse_record(raw)
    except RecordError as exc:
        return exc.is_json
    return True


# ---------------------------------------------------------------------------------------------
# dask.bag and dask.dataframe


def _options(
    site: str | None, field: str, url_field: str, generic: bool, html_mode: str, on_error: str, stats: bool = False
) -> JsonlOptions:
    """JSON-lines options for the collection helpers ('raise' is kept apart: JsonlOptions knows pass and drop)."""
    return JsonlOptions(
        field=field,
        url_field=url_field,
        site=site,
        stats=stats,
        generic=generic,
        html_mode=html_mode,
        on_error=OnError.drop if on_error == "drop" else OnError.pass_,
    )


def clean_items(
    items: Iterable[object], rules: RuleSet | None, options: JsonlOptions, raise_bad: bool = False
) -> list[object]:
    """One bag partition cleaned: a text becomes its cleaned text, a record (dict) a copy with its field cleaned.

    A record that cannot be cleaned (field missing or not a string) is passed unchanged or
    dropped as ``options.on_error`` says, or raises RecordError with ``raise_bad``.
    """
    rules = rules if rules is not None else default_rules()
    out: list[object] = []
    for item in items:
        if isinstance(item, str):
            out.append(clean_record({options.field: item}, rules, options)[options.field])
            continue
        try:
            if not isinstance(item, dict):
                raise RecordError(f"not a text or a record but {type(item).__name__}")
            out.append(clean_record(dict(item), rules, options))
        except RecordError:
            if raise_bad:
                raise
            if options.on_error is OnError.pass_:
                out.append(item)
    return out


def clean_bag(
    bag: dask.bag.Bag,
    rules: RuleSet | None = None,
    site: str | None = None,
    url_field: str = "url",
    field: str = "text",
    generic: bool = True,
    *,
    html_mode: str = str(HTML_MODE_DEFAULT),
    stats: bool = False,
    on_error: str = "pass",
) -> dask.bag.Bag:
    """A bag of texts or records, cleaned lazily: texts become cleaned texts, records get ``field`` cleaned.

    The rules (default: the bundled ones and $CLEANER_RULES, loaded here) go into the graph
    once and reach each worker once. ``on_error`` says what happens to a record without a
    string ``field``: 'pass' (unchanged), 'drop', or 'raise' (RecordError).
    """
    if on_error not in ("pass", "drop", "raise"):
        raise ValueError(f"on_error must be 'pass', 'drop' or 'raise', not {on_error!r}")
    rules = rules if rules is not None else default_rules()
    if site and site not in rules.sites:
        raise UnknownSiteError(site, rules.site_ids())
    options = _options(site, field, url_field, generic, html_mode, on_error, stats)
    return bag.map_partitions(clean_items, dask.delayed(rules, pure=True), options, on_error == "raise")


def clean_partition(
    frame: Any,
    column: str = "text",
    rules: RuleSet | None = None,
    site: str | None = None,
    url_column: str | None = None,
    generic: bool = True,
    html_mode: str = str(HTML_MODE_DEFAULT),
) -> Any:
    """A pandas DataFrame partition with ``column`` cleaned (a copy; non-strings kept): for ``ddf.map_partitions``.

    ``url_column`` names a column of page URLs (selects each row's site). rules=None uses the
    bundled rules and $CLEANER_RULES of the worker process, loaded once per process.
    """
    rules = rules if rules is not None else default_rules()
    options = _options(site, column, url_column or "", generic, html_mode, "pass")
    urls = frame[url_column] if url_column else [None] * len(frame)
    cleaned = []
    for text, url in zip(frame[column], urls, strict=True):
        if not isinstance(text, str):
            cleaned.append(text)
            continue
        record: dict[str, object] = {column: text}
        if url_column and isinstance(url, str):
            record[url_column] = url
        cleaned.append(clean_record(record, rules, options)[column])
    out = frame.copy()
    out[column] = cleaned
    return out


def clean_dataframe(ddf: Any, column: str = "text", rules: RuleSet | None = None, **kwargs: Any) -> Any:
    """A dask DataFrame with ``column`` cleaned lazily, by :func:`clean_partition`, the rules shipped once."""
    rules = rules if rules is not None else default_rules()
    return ddf.map_partitions(
        clean_partition, column=column, rules=dask.delayed(rules, pure=True), meta=ddf._meta, **kwargs
    )
