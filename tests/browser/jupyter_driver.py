"""Start Jupyter servers and drive notebooks in them, for the real-browser tests.

Every server is started by the test itself on 127.0.0.1 with a free port and a
random token, from the environment's own ``jupyter`` (or ``voila``) beside
``sys.executable``. Its working folder is a temporary copy of the notebooks, its
``MEDIALIT_ANSWERS`` is a temporary folder, and its Jupyter settings, workspaces
and runtime files live in temporary folders too, so nothing one run saves can
reach the next. The server is stopped by its PID at the end, also on failure.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import tomllib
import urllib.error
import urllib.request
import warnings
from pathlib import Path

from page_js import (
    BROKEN_LINKS_JS,
    LIVE_WIDGETS_JS,
    LOADING_WIDGETS_JS,
    NOTEBOOK_STATE_JS,
    PROBLEMS_JS,
    PROMPTS_JS,
    VOILA_STATE_JS,
    WIDGET_STATES_JS,
)

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
NOTEBOOKS = HERE / "notebooks"
ARTIFACTS = ROOT / "test-artifacts" / "browser"
CHROMIUM = Path("/usr/bin/chromium")
BIN = Path(sys.executable).parent

LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
#: the notebook a student sees: Lab hides the panels of the other tabs
CURRENT = ".jp-NotebookPanel:not(.lm-mod-hidden)"
#: the tab of the notebook a student sees
CURRENT_TAB = ".lm-TabBar-tab.lm-mod-current"
#: the configurable app of each server kind (its page exposes ``window.jupyterapp`` when told)
APPS = {"lab": "LabApp", "notebook": "JupyterNotebookApp"}
#: how long (seconds) a server may take to answer /api/status
START_TIMEOUT = 60
#: Playwright's default wait (milliseconds) for one element or action
ACTION_TIMEOUT = 30_000

#: the notebook that shows one of each medialit widget on the bank ``questions.toml``
ALL_WIDGETS = NOTEBOOKS / "all-widgets.ipynb"
#: one live root per widget shown by that notebook (ipywidgets adds widget-box)
WIDGET_ROOTS = ".medialit-widget.widget-box"
#: how many widgets of each root class that notebook shows (two quizzes: one
#: single choice, one multiple choice)
WIDGET_COUNTS = {
    "medialit-explorer": 1,
    "medialit-labeler": 1,
    "medialit-quiz": 2,
    "medialit-spans": 1,
    "medialit-rewrite": 1,
}
#: the single-choice and the multiple-choice ChoiceQuiz of that notebook
SINGLE_QUIZ = ".medialit-quiz.widget-box:has(input[type=radio])"
MULTIPLE_QUIZ = ".medialit-quiz.widget-box:has(input[type=checkbox])"

__all__ = [
    "ACTION_TIMEOUT",
    "ALL_WIDGETS",
    "ARTIFACTS",
    "CHROMIUM",
    "LAUNCH_ARGS",
    "MULTIPLE_QUIZ",
    "NOTEBOOKS",
    "ROOT",
    "SINGLE_QUIZ",
    "WIDGET_COUNTS",
    "WIDGET_ROOTS",
    "JupyterPage",
    "JupyterServer",
    "RunDidNotStart",
    "VoilaPage",
    "browser_bank",
    "choose_label",
    "copy_notebooks",
    "fixture_data_dir",
    "free_port",
    "pick_option",
    "server_env",
    "start_in",
    "wait_for_widgets",
]


def free_port() -> int:
    """Return a TCP port on 127.0.0.1 that nothing listens on right now.

    Returns:
        The port number.
    """
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class JupyterServer:
    """One Jupyter server (Lab, Notebook 7 or Voila) run for a test.

    Args:
        kind: ``"lab"``, ``"notebook"`` or ``"voila"``.
        root: the folder the server serves (a temporary copy of notebooks).
        env: extra environment variables for the server and its kernels.
        notebook: for Voila, the notebook file (inside ``root``) to render.
    """

    def __init__(self, kind: str, root: Path, env: dict, notebook: str | None = None):
        self.kind = kind
        self.root = Path(root)
        self.env = dict(env)
        self.notebook = notebook
        self.port = free_port()
        self.token = secrets.token_hex(16)
        self.process: subprocess.Popen | None = None
        self.log_path = self.root.parent / f"{kind}-{self.port}.log"

    @property
    def base(self) -> str:
        """The server's address, e.g. ``http://127.0.0.1:8901``."""
        return f"http://127.0.0.1:{self.port}"

    def url(self, path: str, **query) -> str:
        """Return an address on the server with the token added.

        Args:
            path: the path after the host, e.g. ``"/lab/tree/a.ipynb"``.
            **query: more query parameters (``reset=""`` gives ``&reset``).
        """
        parts = [f"token={self.token}"]
        parts += [key if value == "" else f"{key}={value}" for key, value in query.items()]
        return f"{self.base}{path}?{'&'.join(parts)}"

    def command(self) -> list[str]:
        """Return the command line that starts this server."""
        if self.kind == "voila":  # one notebook, or (notebook None) the folder's tree
            return [
                str(BIN / "voila"),
                *([self.notebook] if self.notebook else []),
                "--no-browser",
                f"--port={self.port}",
                "--Voila.ip=127.0.0.1",
                f"--Voila.token={self.token}",
                "--Voila.port_retries=0",
            ]
        return [
            str(BIN / "jupyter"),
            self.kind,
            "--no-browser",
            f"--port={self.port}",
            f"--ServerApp.token={self.token}",
            "--ServerApp.ip=127.0.0.1",
            "--ServerApp.port_retries=0",
            f"--ServerApp.root_dir={self.root}",
            "--allow-root",
            f"--{APPS[self.kind]}.expose_app_in_browser=True",
        ]

    def start(self) -> JupyterServer:
        """Start the server and wait until it answers.

        Returns:
            The server itself.

        Raises:
            RuntimeError: the server stopped or did not answer in time; the
                message holds the end of its log.
        """
        with self.log_path.open("wb") as log:
            self.process = subprocess.Popen(
                self.command(),
                cwd=self.root,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        self._wait_ready()
        return self

    def _status_path(self) -> str:
        """Return the path that tells whether the server is up."""
        return "/voila/static/voila.js" if self.kind == "voila" else "/api/status"

    def _wait_ready(self) -> None:
        """Poll the status address until it answers 200 or time runs out."""
        deadline = time.monotonic() + START_TIMEOUT
        address = self.url(self._status_path())
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.kind} server stopped at start:\n{self.log_tail()}")
            try:
                with urllib.request.urlopen(address, timeout=2) as answer:
                    if answer.status == 200:
                        return
            except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
                pass
            time.sleep(0.2)
        raise RuntimeError(
            f"{self.kind} server did not answer in {START_TIMEOUT} s:\n{self.log_tail()}"
        )

    def sessions(self) -> list[dict]:
        """Return the server's sessions (REST ``/api/sessions``), each with its kernel."""
        with urllib.request.urlopen(self.url("/api/sessions"), timeout=10) as answer:
            return json.loads(answer.read().decode("utf-8"))

    def shutdown_kernels(self) -> int:
        """Delete every session (and so its kernel) through the REST API.

        A session the page ends at the same moment (404) counts as gone.

        Returns:
            How many sessions were deleted.
        """
        deleted = 0
        for session in self.sessions():
            request = urllib.request.Request(
                self.url(f"/api/sessions/{session['id']}"), method="DELETE"
            )
            try:
                with urllib.request.urlopen(request, timeout=30):
                    deleted += 1
            except urllib.error.HTTPError as error:
                if error.code != 404:
                    raise
        return deleted

    def log_tail(self, lines: int = 40) -> str:
        """Return the last lines of the server's log."""
        try:
            text = self.log_path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return "(no log)"
        return "\n".join(text.splitlines()[-lines:])

    def stop(self) -> None:
        """Stop the server (and its kernels) by the PID of its process group."""
        if self.process is None or self.process.poll() is not None:
            return
        pid = self.process.pid
        os.killpg(pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(pid, signal.SIGKILL)
            self.process.wait(timeout=10)
        try:  # kernels in the same group that outlived the server
            os.killpg(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


def server_env(workspace: Path, data_dir: Path | None = None) -> dict:
    """Return the environment for a test server: every state folder in ``workspace``.

    Args:
        workspace: a temporary folder for answers, settings and runtime files.
        data_dir: a data folder to use instead of the repository's ``data/``.

    Returns:
        A copy of ``os.environ`` with the test's folders set.
    """
    env = dict(os.environ)
    env.update(
        {
            "MEDIALIT_ANSWERS": str(workspace / "answers"),
            "JUPYTERLAB_SETTINGS_DIR": str(workspace / "lab-settings"),
            "JUPYTERLAB_WORKSPACES_DIR": str(workspace / "lab-workspaces"),
            "JUPYTER_RUNTIME_DIR": str(workspace / "runtime"),
            "IPYTHONDIR": str(workspace / "ipython"),
            "MPLBACKEND": "module://matplotlib_inline.backend_inline",
            "PATH": f"{BIN}{os.pathsep}{env.get('PATH', '')}",
        }
    )
    env.pop("MEDIALIT_STRICT", None)
    if data_dir is not None:
        env["MEDIALIT_DATA"] = str(data_dir)
    else:
        env.pop("MEDIALIT_DATA", None)
    return env


def copy_notebooks(sources, target: Path, folders: bool = False) -> Path:
    """Copy notebook files into a fresh folder ``target``.

    Args:
        sources: paths of the notebooks to copy.
        target: the folder to create.
        folders: keep each notebook's folder relative to the repository
            (``lessons/00-start-here.ipynb``), as the course lays them out;
            default: every file at the top of ``target``.

    Returns:
        ``target``.
    """
    target.mkdir(parents=True, exist_ok=True)
    for source in map(Path, sources):
        copy = target / (source.resolve().relative_to(ROOT) if folders else source.name)
        copy.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, copy)
    return target


def start_in(
    workspace: Path, kind: str, notebooks, data_dir=None, notebook=None, folders: bool = False
) -> JupyterServer:
    """Copy notebooks into ``workspace/root`` and start a server there.

    Args:
        workspace: a fresh temporary folder for this server's files.
        kind: ``"lab"``, ``"notebook"`` or ``"voila"``.
        notebooks: the notebook files to copy.
        data_dir: a data folder for ``MEDIALIT_DATA`` (default: the repository's).
        notebook: for Voila, the notebook to render (default: serve the folder).
        folders: keep the notebooks' folders (see ``copy_notebooks``).

    Returns:
        The running server (call ``stop()`` when done).
    """
    root = copy_notebooks(notebooks, workspace / "root", folders)
    server = JupyterServer(kind, root, server_env(workspace, data_dir), notebook)
    try:
        return server.start()
    except BaseException:
        server.stop()
        raise


def fixture_data_dir(target: Path) -> Path:
    """Copy ``data/`` to ``target`` and add the browser tests' question bank.

    Args:
        target: where the copy goes.

    Returns:
        The copied data folder.
    """
    shutil.copytree(ROOT / "data", target)
    (target / "questions").mkdir(exist_ok=True)
    shutil.copy2(HERE / "questions.toml", target / "questions" / "98-browser.toml")
    return target


def browser_bank() -> dict:
    """Return the browser tests' questions by id (right answers come from here, never from code)."""
    text = (HERE / "questions.toml").read_text(encoding="utf-8")
    return {q["id"]: q for q in tomllib.loads(text)["questions"]}


def wait_for_widgets(page) -> None:
    """Wait until every widget of ``all-widgets.ipynb`` shows live on ``page``."""
    page.locator(WIDGET_ROOTS).nth(sum(WIDGET_COUNTS.values()) - 1).wait_for()


def pick_option(page, option_id: str) -> None:
    """Click the ChoiceQuiz's radio button for ``option_id``."""
    page.locator(f"{SINGLE_QUIZ} .widget-radio-box label", has_text=f"{option_id}.").first.click()


def choose_label(page, item_index: int, label: str) -> None:
    """Click a label button of one sentence in the SentenceLabeler."""
    row = page.locator(".medialit-labeler .medialit-sentence").nth(item_index)
    row.locator(f'button.widget-toggle-button[data-value="{label}"]').click()


class RunDidNotStart(RuntimeWarning):
    """A menu action that runs cells sent nothing to the kernel and was taken again."""


def _settled(state: dict, name: str) -> bool:
    """Tell whether ``state`` shows notebook ``name`` ready to run, its kernel idle."""
    return bool(
        state.get("panel")
        and state.get("path") == name
        and state.get("ready")
        and state.get("connection") == "connected"
        and state.get("status") == "idle"
        and state.get("display") == "idle"
        and state.get("shown") == "idle"
        and state.get("pending") == 0
    )


def _numbered(prompts: list[str]) -> bool:
    """Tell whether every prompt shows an execution number, e.g. ``[3]:``."""
    return bool(prompts) and all(p[1:-2].strip().isdigit() for p in prompts)


def _poll(read, done, timeout: float):
    """Call ``read()`` every 0.1 s until ``done(value)`` or ``timeout`` s; return the value."""
    deadline = time.monotonic() + timeout
    value = read()
    while not done(value) and time.monotonic() < deadline:
        time.sleep(0.1)
        value = read()
    return value


class _Outputs:
    """What a student sees in a notebook's outputs (``scope``: a CSS selector of the notebook)."""

    page = None
    scope = "body"

    def widget_states(self) -> list[str]:
        """Return, for each medialit widget output of the notebook, what a student sees.

        Returns:
            One of ``"live"``, ``"disconnected"`` (greyed with the notice: its
            kernel is gone), ``"static"`` (the notice and the static view) or
            ``"nothing"`` per widget, in order.
        """
        return self.page.evaluate(WIDGET_STATES_JS, self.scope)

    def wait_widget_states(self, expected: list[str], timeout: float = 30.0) -> list[str]:
        """Wait until ``widget_states()`` equals ``expected`` (or time runs out).

        Returns:
            The states at the end.
        """
        return _poll(self.widget_states, lambda states: states == expected, timeout)

    def broken_link_icons(self) -> int:
        """Count the broken-link icons (a widget whose kernel is gone) the page shows."""
        return self.page.evaluate(BROKEN_LINKS_JS)

    def problems(self) -> list[str]:
        """Return what a student would see as broken: widget and error outputs."""
        return self.page.evaluate(PROBLEMS_JS, self.scope)

    def live_widget_outputs(self) -> int:
        """Count the outputs of the notebook shown that hold a live widget."""
        return self.page.evaluate(LIVE_WIDGETS_JS, self.scope)

    def wait_live_widget_outputs(self, expected: int, timeout: float = 30.0) -> int:
        """Wait until ``expected`` outputs show a live widget (or time runs out).

        Returns:
            The number of live widget outputs at the end.
        """
        return _poll(self.live_widget_outputs, lambda count: count >= expected, timeout)


class JupyterPage(_Outputs):
    """Drive a notebook in JupyterLab or Notebook 7 the way a student does.

    Every wait is on a condition read from the page's application object
    (``window.jupyterapp``) and the server's REST API, never on time alone:
    a menu action is taken only once the notebook is open, its session's
    kernel connected and idle (in the page and on the server); after an
    action that runs cells the driver checks that execute requests went to
    the kernel, takes the action again when none did (with a
    ``RunDidNotStart`` warning), and waits for every reply.

    Args:
        page: the Playwright page.
        server: the running ``JupyterServer``.
    """

    scope = CURRENT

    def __init__(self, page, server: JupyterServer):
        self.page = page
        self.server = server
        self.name: str | None = None

    def open(self, name: str) -> JupyterPage:
        """Open notebook ``name`` by its address and wait until it is ready to run.

        Args:
            name: the notebook's file name in the server's folder.

        Returns:
            The page object itself.
        """
        if self.server.kind == "lab":
            address = self.server.url(f"/lab/tree/{name}", reset="")
        else:
            address = self.server.url(f"/notebooks/{name}")
        self.page.goto(address)
        self.name = name
        self.wait_ready()
        return self

    def open_from_file_browser(self, path: str) -> JupyterPage:
        """In an open Lab page, open a notebook by double-clicking it in the file browser.

        Args:
            path: the notebook's path in the server's folder, e.g.
                ``"lessons/00-start-here.ipynb"``: the file browser goes back
                to the top folder and into each folder on the way.

        Returns:
            The page object itself.
        """
        *folders, name = path.split("/")
        self.page.locator(".jp-FileBrowser .jp-BreadCrumbs-home").first.click()
        for folder in folders:
            self._listed(folder).dblclick()
            self.page.locator(".jp-FileBrowser .jp-BreadCrumbs", has_text=folder).wait_for()
        self._listed(name).dblclick()
        self.page.locator(f"{CURRENT_TAB}", has_text=name).wait_for()
        self.name = path
        self.wait_ready()
        return self

    def _listed(self, name: str):
        """Return the file browser's entry named exactly ``name`` (once it is listed)."""
        exact = re.compile(f"^{re.escape(name)}$")
        entry = (
            self.page.locator(".jp-DirListing-item")
            .filter(has=self.page.locator(".jp-DirListing-itemText", has_text=exact))
            .first
        )
        entry.wait_for()
        return entry

    def close_and_shut_down(self) -> None:
        """File > Close and Shut Down Notebook, confirmed; waits until its session is gone."""
        self.menu("File", "Close and Shut Down Notebook")
        dialog = self.page.locator(".jp-Dialog")
        dialog.wait_for(state="visible")
        dialog.locator("button.jp-mod-accept").click()
        self.page.wait_for_selector(f"{CURRENT} .jp-Cell", state="detached")
        self._wait_until(lambda: not self.server_session(), 30, "the notebook's session to end")
        self.name = None

    def state(self) -> dict:
        """Return the visible notebook's state as the page's application sees it."""
        return self.page.evaluate(NOTEBOOK_STATE_JS)

    def server_session(self) -> dict | None:
        """Return the server's session for the open notebook (REST), or None."""
        return next((s for s in self.server.sessions() if s.get("path") == self.name), None)

    def kernel_status(self) -> str:
        """Return the kernel status the notebook's toolbar shows (e.g. ``"idle"``)."""
        return self.state().get("shown") or ""

    def _server_agrees(self, state: dict) -> bool:
        """Tell whether the server's session for the notebook has ``state``'s kernel, idle."""
        kernel = (self.server_session() or {}).get("kernel") or {}
        return kernel.get("id") == state["kernel"] and kernel.get("execution_state") == "idle"

    def wait_ready(self, steady: float = 0.3, timeout: float = 90.0) -> dict:
        """Wait until the notebook is open and its kernel connected and idle, steadily.

        Ready means: the shell's current widget is this notebook, its document
        and session are ready, its kernel is connected and idle, no execute
        request waits for a reply, and the toolbar says "idle"; this holds with
        the same kernel for ``steady`` seconds (Lab may replace a kernel just
        after a notebook opens), and then the server's session for the
        notebook has that kernel, idle, too.

        Returns:
            The notebook's state at that moment.

        Raises:
            AssertionError: it was not ready in ``timeout`` seconds.
        """
        deadline = time.monotonic() + timeout
        since, kernel = None, None
        while time.monotonic() < deadline:
            state = self.state()
            if not _settled(state, self.name) or state["kernel"] != kernel:
                settled = _settled(state, self.name)
                since, kernel = (time.monotonic(), state["kernel"]) if settled else (None, None)
            elif time.monotonic() - since >= steady:
                if self._server_agrees(state):
                    return state
                since, kernel = None, None
            time.sleep(0.1)
        raise AssertionError(
            f"{self.name} was not ready to run in {timeout} s: "
            f"state {self.state()}, server session {self.server_session()}"
        )

    def wait_kernel_idle(self, timeout: float = 60.0) -> None:
        """Wait until the kernel has answered every request sent and is idle.

        Raises:
            AssertionError: it was not idle in ``timeout`` seconds.
        """
        self._wait_until(
            lambda: _settled(self.state(), self.name), timeout, "the kernel to be idle"
        )

    def _wait_until(self, condition, timeout: float, what: str):
        """Poll ``condition()`` until it returns something true; return that.

        Raises:
            AssertionError: it stayed false for ``timeout`` seconds.
        """
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            value = condition()
            if value:
                return value
            time.sleep(0.1)
        raise AssertionError(f"waited {timeout} s for {what}; state {self.state()}")

    def menu(self, top: str, item: str) -> None:
        """Click menu ``top`` (e.g. "Run") and then its entry ``item`` once it is enabled.

        A menu left open (by an action taken again) is closed first: clicking
        its title would only close it.
        """
        if self.page.locator(".lm-Menu").count():
            self.page.keyboard.press("Escape")
            self.page.locator(".lm-Menu").first.wait_for(state="detached")
        self.page.locator(".lm-MenuBar-itemLabel", has_text=top).first.click()
        entry = self.page.locator(".lm-Menu-item", has_text=item).first
        entry.wait_for(state="visible")
        self.page.wait_for_function(
            "e => !e.classList.contains('lm-mod-disabled')", arg=entry.element_handle()
        )
        entry.click()

    def prompts(self) -> list[str]:
        """Return the input prompts of all code cells, e.g. ``["[1]:", "[*]:"]``."""
        return self.page.evaluate(PROMPTS_JS, CURRENT)

    def _run(self, take_action, attempts: int = 3, start_wait: float = 10.0) -> None:
        """Take an action that runs cells until it provably started; wait for the run.

        Args:
            take_action: a function taking the notebook's ready state; it
                performs the menu action and returns a function of a later
                state that tells whether the action has sent the cells.
            attempts: how often the action may be taken.
            start_wait: seconds with nothing sent (the kernel connected and
                idle) after which the action counts as not started.

        Raises:
            AssertionError: the action never started, or the cells did not all run.
        """
        for attempt in range(attempts):
            started = take_action(self.wait_ready())
            try:
                self._wait_until(
                    lambda done=started: done(self.state()), start_wait, "the run to start"
                )
                break
            except AssertionError:
                if not _settled(self.state(), self.name) or attempt == attempts - 1:
                    raise
                warnings.warn(
                    f"{self.name}: nothing was sent to the kernel {start_wait} s after "
                    "the action; taking it again",
                    RunDidNotStart,
                    stacklevel=3,
                )
        self.wait_run_finished()

    def wait_run_finished(self, timeout: float = 120.0) -> None:
        """Wait for a reply to every execute request sent, then for every prompt's number.

        Raises:
            AssertionError: some cell did not run; the message shows the prompts
                and what went wrong on the page.
        """
        self._wait_until(lambda: _settled(self.state(), self.name), timeout, "the run to finish")
        deadline = time.monotonic() + 10
        while not _numbered(self.prompts()) and time.monotonic() < deadline:
            time.sleep(0.1)
        if not _numbered(self.prompts()):
            raise AssertionError(
                f"cells did not all run: prompts {self.prompts()}; "
                f"state {self.state()}; problems {self.problems()}"
            )

    def run_all(self) -> None:
        """Run all cells from the Run menu and wait for every one to finish."""

        def run_all_cells(before: dict):
            self.menu("Run", "Run All Cells")
            return lambda state: state.get("sent", 0) > before["sent"]

        self._run(run_all_cells)

    def restart(self) -> None:
        """Kernel > Restart Kernel…, confirmed; wait until the restarted kernel is ready."""
        before = self.wait_ready()
        self.menu("Kernel", "Restart Kernel…")
        dialog = self.page.locator(".jp-Dialog")
        dialog.wait_for(state="visible")
        dialog.locator("button.jp-mod-accept").click()
        dialog.wait_for(state="detached")
        self._wait_until(
            lambda: self.state().get("restarts", 0) > before["restarts"],
            30,
            "the kernel restart to begin",
        )
        self.wait_ready()

    def save(self, timeout: float = 30.0) -> None:
        """Save with Ctrl+S, as students do; wait until the file is written and clean.

        Raises:
            AssertionError: the notebook was not saved in ``timeout`` seconds.
        """
        before = self.state().get("saved")
        self.page.keyboard.press("Control+s")
        self._wait_until(
            lambda: (lambda s: s.get("saved") != before and s.get("dirty") is False)(self.state()),
            timeout,
            "the notebook to be saved",
        )

    def dirty(self) -> bool:
        """Tell whether the notebook shows unsaved changes."""
        return bool(self.state().get("dirty"))


class VoilaPage(_Outputs):
    """A Voila page: open it and wait until its widgets are live and its kernel idle.

    Args:
        page: the Playwright page.
        server: the running Voila ``JupyterServer``.
    """

    def __init__(self, page, server: JupyterServer):
        self.page = page
        self.server = server

    def state(self) -> dict:
        """Return the state of the page's widget manager and kernel."""
        return self.page.evaluate(VOILA_STATE_JS)

    def open(self, name: str | None = None, timeout: float = 90.0) -> VoilaPage:
        """Open the page; wait for the widgets restored, the kernel connected and idle.

        Args:
            name: the notebook to render, for a server of a folder (None: the
                server's one notebook).
            timeout: seconds to wait.

        Returns:
            The page object itself.

        Raises:
            AssertionError: it was not ready in ``timeout`` seconds.
        """
        self.page.goto(self.server.url(f"/voila/render/{name}" if name else "/"))
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            state = self.state()
            connected = state["connection"] == "connected"
            if state["restored"] and connected and state["status"] == "idle":
                self._wait_views_built(deadline)
                return self
            time.sleep(0.1)
        raise AssertionError(f"Voila page not ready in {timeout} s: {self.state()}")

    def _wait_views_built(self, deadline: float) -> None:
        """Wait until no output shows "Loading widget..." (its view still being built).

        The manager reports "restored" once the models are back; on a busy machine
        the views take longer. A placeholder still there at the deadline is left for
        ``problems()`` to report.
        """
        while time.monotonic() < deadline and self.page.evaluate(LOADING_WIDGETS_JS):
            time.sleep(0.1)
