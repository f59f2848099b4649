"""The watchers of ``opsplan serve``: they say when the profile, a file it extends or a template changes.

``watchfiles`` watches the folders of the profile and of every file it extends (not their subfolders) and,
recursively, the ``--templates`` folder, each in a thread of its own. The watchers only queue what changed;
``Watcher.rebuild_when_asked``, called in a loop by serve's main thread, builds. A user's template that loops
without calling anything is stopped by a CPU timer whose signal Python handles in the main thread only
(``render.environment``); built in a watcher's thread, such a template hung the preview for good.
"""

from __future__ import annotations

import contextvars
import queue
import stat
import sys
import threading
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from opsplan.errors import InputError
from opsplan.serve.page import PreviewState
from opsplan.serve.plan_page import Build, ServeOptions, build, resolved, say

if TYPE_CHECKING:
    from watchfiles import Change

DEBOUNCE_MS = 150
WAIT_FOR_FOLDER = 0.3  # seconds between looks for a watched folder that is not there
MAX_MISSED = 20  # watches in a row refused for a folder not found before a watcher says it cannot watch


class Watcher:
    """Say when the profile, a file it extends or a template changes, and build again in the thread that asks.

    The watchers run in their own threads and only queue what changed; ``rebuild_when_asked``, called in a loop by
    the main thread, builds. Each build runs in the context the watcher was made in (the language ``--lang`` chose).
    """

    def __init__(self, path: Path, options: ServeOptions, state: PreviewState, first: Build) -> None:
        self.path, self.options, self.state = path, options, state
        self.files = first.files
        self.stop = threading.Event()
        self.context = contextvars.copy_context()
        self.asked: queue.SimpleQueue[tuple[str, bool]] = queue.SimpleQueue()
        self.failed: dict[str, str] = {}  # thread name → why it stopped watching
        self.unwatched = ""  # why a watcher that was watching stopped: the banner stays, whatever builds later
        self.missed: dict[str, int] = {}  # thread name → its watches in a row refused for a folder not found
        work = {"opsplan-watch-profile": self._watch_profile}
        if options.templates is not None:
            work["opsplan-watch-templates"] = self._watch_templates
        self.threads = [  # each in a copy of this context too, so its messages are in the chosen language
            threading.Thread(target=self.context.copy().run, args=(self._guarded, run), daemon=True, name=name)
            for name, run in work.items()
        ]
        self.ready = {thread.name: threading.Event() for thread in self.threads}

    def start(self) -> None:
        """Start watching; return once every watcher watches, so that no save after this is missed.

        Raises ``InputError`` (and stops the others) when a watcher cannot start: the file system refuses the watch
        (too many watches, a folder it may not read). It waits as long as the watchers take, which a loaded machine
        can make many seconds, rather than go on unwatched.
        """
        from opsplan.fileio import signals_held

        with signals_held():  # a stop signal goes to the main thread, which builds, serves and stops
            for thread in self.threads:
                thread.start()
        for thread in self.threads:
            while not self.ready[thread.name].wait(timeout=0.1):
                if not thread.is_alive():
                    self.close()
                    raise InputError(self.failed[thread.name])  # a watcher ends early only through _guarded

    def close(self) -> None:
        """Stop watching and wait for the watchers to finish."""
        self.stop.set()
        for thread in self.threads:
            if thread.is_alive():
                thread.join(timeout=5)

    def rebuild_when_asked(self, timeout: float) -> bool:
        """Wait up to ``timeout`` seconds for a change; build for it and every change queued meanwhile (in this thread).

        Return whether it built.
        """
        try:
            changed, templates = self.asked.get(timeout=timeout)
        except queue.Empty:
            return False
        names = {changed}
        while True:
            try:
                more, more_templates = self.asked.get_nowait()
            except queue.Empty:
                break
            names.add(more)
            templates = templates or more_templates
        self.context.run(self.rebuild, ", ".join(sorted(names)), templates=templates)
        return True

    def ask(self, changed: str, *, templates: bool = False) -> None:
        """Queue a build for ``changed`` (``templates``: in the templates folder); called by the watchers."""
        self.asked.put((changed, templates))

    def rebuild(self, changed: str, *, templates: bool = False) -> None:
        """Build again after ``changed`` changed (``templates``: in the templates folder), and say so."""
        if templates:  # a template added, removed or moved: Jinja would keep the one it had found
            from opsplan.render.environment import make_environment

            make_environment.cache_clear()
        try:
            outcome = build(self.path, self.options, self.state)
        except Exception as error:  # a fault of opsplan's, not the user's: said, and the preview keeps watching
            why = say("fault", kind=type(error).__name__, error=error)
            self.state.failed(why)
            outcome = Build(self.files, why)
        # a file it extends that does not load is still watched, so its fix is seen
        self.files = outcome.files if outcome.error is None else self.files | outcome.files
        if self.unwatched:
            self.state.failed(self.unwatched)
        what = say("reloaded", what=changed) if outcome.error is None else say("failed", why=outcome.error)
        print(what, file=sys.stderr, flush=True)

    def _guarded(self, run: Callable[[], None]) -> None:
        """Run a watcher; if the file system stops it, say why (on the page too, once it was watching)."""
        name = threading.current_thread().name
        try:
            run()
        except Exception as error:  # watchfiles' OSError, or the notify library's error, as the system words it
            folders = self.options.templates if name.endswith("templates") else self.path.parent
            why = say("unwatched", folders=folders, why=str(error) or type(error).__name__)
            self.failed[name] = why
            if self.ready[name].is_set():  # it was watching: the page and the terminal say it stopped
                self.unwatched = f"{why}; {say('restart')}"
                self.state.failed(self.unwatched)
                print(say("failed", why=why), file=sys.stderr, flush=True)

    def _watch_profile(self) -> None:
        stale = False  # a folder went or came: build again once the new watch is in place, so nothing is missed
        while not self.stop.is_set():
            watched = self.files
            folders = _folders({f.parent for f in watched})

            def relevant(_change: Change, name: str, watched: frozenset[Path] = watched) -> bool:
                return resolved(Path(name)) in watched

            for changes in self._changes(folders, relevant, recursive=False):
                if changes or stale:
                    self.ask(_names(changes) or _names_of(folders))
                    stale = False
                if _moved(folders, changes):  # deleted, renamed or made again: watch it afresh
                    stale = True
                    break
                if self.files != watched:  # extends now names other files: watch their folders, then build again
                    stale = True
                    break

    def _watch_templates(self) -> None:
        from watchfiles import DefaultFilter

        assert self.options.templates is not None
        usual = DefaultFilter()

        def template(change: Change, name: str) -> bool:  # a template or a folder, not an editor's temporary file
            return (name.endswith(".j2") or Path(name).is_dir()) and usual(change, name)

        stale = False
        while not self.stop.is_set():
            folders = _folders([self.options.templates])
            for changes in self._changes(folders, template, recursive=True):
                if changes or stale:
                    self.ask(_names(changes) or _names_of(folders), templates=True)
                    stale = False
                if _moved(folders, changes):
                    stale = True
                    break

    def _changes(
        self, folders: dict[Path, int | None], keep: Callable[[Change, str], bool], *, recursive: bool
    ) -> Iterator[set[tuple[Change, str]]]:
        """Yield each batch of changes in the ``folders`` there are that ``keep`` keeps (an empty one now and then)."""
        from watchfiles import Change, watch

        name = threading.current_thread().name
        ready = self.ready[name]
        present = sorted(str(folder) for folder, inode in folders.items() if inode is not None)
        if not present:  # none of them there (yet): look again shortly
            ready.set()
            while not self.stop.wait(WAIT_FOR_FOLDER):
                yield set()
            return

        def kept(change: Change, name: str) -> bool:  # and a watched folder's own deletion, for _moved
            return keep(change, name) or (change == Change.deleted and name in present)

        try:
            for changes in watch(
                *present,
                watch_filter=kept,
                debounce=DEBOUNCE_MS,
                stop_event=self.stop,
                rust_timeout=300,
                yield_on_timeout=True,
                raise_interrupt=False,
                recursive=recursive,
            ):
                ready.set()  # the first batch (empty, after rust_timeout) comes once the folders are watched
                self.missed.pop(name, None)
                yield changes
        except FileNotFoundError:
            # a folder went between looking for it and watching it (``rm -r`` or a branch switch while the watch was
            # being set up again): not the system refusing the watch. Said as the folders' deletion, so the caller
            # builds and looks again, even at a folder made again at once with the inode it had (``_moved``)
            missed = self.missed[name] = self.missed.get(name, 0) + 1
            if missed > MAX_MISSED:  # not a passing removal: the system does not find what it was asked to watch
                raise
            self.stop.wait(WAIT_FOR_FOLDER)  # a removal under way (a subfolder first) has ended by then
            yield {(Change.deleted, folder) for folder in present}


def _folders(folders: Iterable[Path]) -> dict[Path, int | None]:
    """Return each folder with its inode, or None where there is no folder now (so a folder made again shows)."""
    found: dict[Path, int | None] = {}
    for folder in folders:
        try:
            status = folder.stat()
        except OSError:
            found[folder] = None
            continue
        found[folder] = status.st_ino if stat.S_ISDIR(status.st_mode) else None
    return found


def _moved(folders: dict[Path, int | None], changes: set[tuple[Change, str]]) -> bool:
    """Tell whether a watched folder was deleted (said in ``changes``), is gone, or is another folder now.

    The deletion counts even when the folder is there again with the same inode: ext4 gives a folder made
    again at once (``rm -r tpl && mkdir tpl``) the inode the deleted one had, and its watch is gone with it.
    """
    from watchfiles import Change

    deleted = {name for change, name in changes if change == Change.deleted}
    return any(str(folder) in deleted for folder in folders) or _folders(folders) != folders


def _names(changes: set[tuple[Change, str]]) -> str:
    return ", ".join(sorted({Path(name).name for _, name in changes}))


def _names_of(folders: dict[Path, int | None]) -> str:
    return ", ".join(sorted(folder.name for folder in folders))
