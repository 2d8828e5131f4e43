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
from pathlib import Path

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
#: how long (seconds) a server may take to answer /api/status
START_TIMEOUT = 60
#: Playwright's default wait (milliseconds) for one element or action
ACTION_TIMEOUT = 30_000

#: the notebook that shows one of each medialit widget on the bank ``questions.toml``
ALL_WIDGETS = NOTEBOOKS / "all-widgets.ipynb"
#: one live root per widget shown by that notebook (ipywidgets adds widget-box)
WIDGET_ROOTS = ".medialit-widget.widget-box"
WIDGET_CELLS = ["medialit-explorer", "medialit-labeler", "medialit-quiz", "medialit-spans",
                "medialit-rewrite"]

__all__ = [
    "ACTION_TIMEOUT", "ALL_WIDGETS", "ARTIFACTS", "CHROMIUM", "LAUNCH_ARGS", "NOTEBOOKS", "ROOT", "WIDGET_CELLS",
    "WIDGET_ROOTS", "JupyterPage", "JupyterServer", "browser_bank", "choose_label", "copy_notebooks",
    "fixture_data_dir", "pick_option", "start_in", "free_port", "server_env", "wait_for_widgets",
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
        if self.kind == "voila":
            return [
                str(BIN / "voila"), self.notebook, "--no-browser", f"--port={self.port}",
                "--Voila.ip=127.0.0.1", f"--Voila.token={self.token}", "--Voila.port_retries=0",
            ]
        return [
            str(BIN / "jupyter"), self.kind, "--no-browser", f"--port={self.port}",
            f"--ServerApp.token={self.token}", "--ServerApp.ip=127.0.0.1",
            "--ServerApp.port_retries=0", f"--ServerApp.root_dir={self.root}", "--allow-root",
        ]

    def start(self) -> "JupyterServer":
        """Start the server and wait until it answers.

        Returns:
            The server itself.

        Raises:
            RuntimeError: the server stopped or did not answer in time; the
                message holds the end of its log.
        """
        with self.log_path.open("wb") as log:
            self.process = subprocess.Popen(
                self.command(), cwd=self.root, env=self.env, stdout=log,
                stderr=subprocess.STDOUT, start_new_session=True,
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
        raise RuntimeError(f"{self.kind} server did not answer in {START_TIMEOUT} s:\n{self.log_tail()}")

    def shutdown_kernels(self) -> int:
        """Delete every session (and so its kernel) through the REST API.

        Returns:
            How many sessions were deleted.
        """
        with urllib.request.urlopen(self.url("/api/sessions"), timeout=10) as answer:
            sessions = json.loads(answer.read().decode("utf-8"))
        for session in sessions:
            request = urllib.request.Request(self.url(f"/api/sessions/{session['id']}"), method="DELETE")
            with urllib.request.urlopen(request, timeout=10):
                pass
        return len(sessions)

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
    env.update({
        "MEDIALIT_ANSWERS": str(workspace / "answers"),
        "JUPYTERLAB_SETTINGS_DIR": str(workspace / "lab-settings"),
        "JUPYTERLAB_WORKSPACES_DIR": str(workspace / "lab-workspaces"),
        "JUPYTER_RUNTIME_DIR": str(workspace / "runtime"),
        "IPYTHONDIR": str(workspace / "ipython"),
        "MPLBACKEND": "module://matplotlib_inline.backend_inline",
        "PATH": f"{BIN}{os.pathsep}{env.get('PATH', '')}",
    })
    env.pop("MEDIALIT_STRICT", None)
    if data_dir is not None:
        env["MEDIALIT_DATA"] = str(data_dir)
    else:
        env.pop("MEDIALIT_DATA", None)
    return env


def copy_notebooks(sources, target: Path) -> Path:
    """Copy notebook files into a fresh folder ``target``.

    Args:
        sources: paths of the notebooks to copy.
        target: the folder to create.

    Returns:
        ``target``.
    """
    target.mkdir(parents=True, exist_ok=True)
    for source in sources:
        shutil.copy2(source, target / Path(source).name)
    return target


def start_in(workspace: Path, kind: str, notebooks, data_dir=None, notebook=None) -> JupyterServer:
    """Copy notebooks into ``workspace/root`` and start a server there.

    Args:
        workspace: a fresh temporary folder for this server's files.
        kind: ``"lab"``, ``"notebook"`` or ``"voila"``.
        notebooks: the notebook files to copy.
        data_dir: a data folder for ``MEDIALIT_DATA`` (default: the repository's).
        notebook: for Voila, the notebook to render.

    Returns:
        The running server (call ``stop()`` when done).
    """
    root = copy_notebooks(notebooks, workspace / "root")
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
    page.locator(WIDGET_ROOTS).nth(len(WIDGET_CELLS) - 1).wait_for()


def pick_option(page, option_id: str) -> None:
    """Click the ChoiceQuiz's radio button for ``option_id``."""
    page.locator(".medialit-quiz .widget-radio-box label", has_text=f"{option_id}.").first.click()


def choose_label(page, item_index: int, label: str) -> None:
    """Click a label button of one sentence in the SentenceLabeler."""
    row = page.locator(".medialit-labeler .medialit-sentence").nth(item_index)
    row.locator(f'button.widget-toggle-button[data-value="{label}"]').click()


class JupyterPage:
    """Drive a notebook in JupyterLab or Notebook 7 the way a student does.

    Args:
        page: the Playwright page.
        server: the running ``JupyterServer``.
    """

    def __init__(self, page, server: JupyterServer):
        self.page = page
        self.server = server

    def _current(self, selector: str) -> str:
        """Return JavaScript that finds ``selector`` inside the visible notebook only."""
        return f"document.querySelectorAll('{CURRENT} {selector}')"

    def open(self, name: str) -> "JupyterPage":
        """Open notebook ``name`` and wait until its kernel is ready.

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
        self.page.wait_for_selector(".jp-Notebook .jp-Cell")
        self.wait_kernel_settled()
        return self

    def open_from_file_browser(self, name: str) -> "JupyterPage":
        """In an open Lab page, open notebook ``name`` by double-clicking it.

        Returns:
            The page object itself.
        """
        self.page.locator(".jp-DirListing-itemText", has_text=name).first.dblclick()
        self.page.locator(f"{CURRENT_TAB}", has_text=name).wait_for()
        self.page.wait_for_selector(f"{CURRENT} .jp-Cell")
        self.wait_kernel_settled()
        return self

    def close_and_shut_down(self) -> None:
        """File > Close and Shut Down Notebook, confirmed; waits for the tab to go."""
        self.menu("File", "Close and Shut Down Notebook")
        dialog = self.page.locator(".jp-Dialog")
        dialog.wait_for(state="visible")
        dialog.locator("button.jp-mod-accept").click()
        self.page.wait_for_selector(f"{CURRENT} .jp-Cell", state="detached")

    def kernel_status(self) -> str:
        """Return the kernel status shown in the notebook (e.g. ``"idle"``)."""
        return self.page.evaluate(
            f"() => {{ const e = {self._current('.jp-Notebook-ExecutionIndicator')}[0];"
            " return e ? (e.getAttribute('data-status') || '') : ''; }")

    def wait_kernel_settled(self, steady: float = 1.5, timeout: float = 60.0) -> None:
        """Wait until the kernel has shown "idle" for ``steady`` seconds in a row.

        Lab may start a kernel, drop it and connect a second one just after the
        page opens; a command sent in between is lost, so one "idle" is not
        enough.

        Raises:
            AssertionError: the kernel did not settle in ``timeout`` seconds.
        """
        deadline = time.monotonic() + timeout
        idle_since = None
        while time.monotonic() < deadline:
            if self.kernel_status() == "idle":
                idle_since = idle_since or time.monotonic()
                if time.monotonic() - idle_since >= steady:
                    return
            else:
                idle_since = None
            time.sleep(0.1)
        raise AssertionError(f"kernel did not settle; status {self.kernel_status()!r}")

    def menu(self, top: str, item: str) -> None:
        """Click menu ``top`` (e.g. "Run") and then its entry ``item``."""
        self.page.locator(".lm-MenuBar-itemLabel", has_text=top).first.click()
        entry = self.page.locator(".lm-Menu-item", has_text=item).first
        entry.wait_for(state="visible")
        entry.click()

    def prompts(self) -> list[str]:
        """Return the input prompts of all code cells, e.g. ``["[1]:", "[*]:"]``."""
        return self.page.evaluate(
            f"() => Array.from({self._current('.jp-CodeCell .jp-InputPrompt')})"
            ".map(e => e.textContent.trim())")

    def wait_all_executed(self, timeout: float = 90.0, stall: float = 3.0) -> None:
        """Wait until every code cell shows an execution number and the kernel is idle.

        Args:
            timeout: seconds to wait in all.
            stall: seconds the kernel may sit idle with cells left unrun (Run All
                stops at an error) before the run counts as stopped.

        Raises:
            AssertionError: some cell did not run; the message shows the prompts
                and what went wrong on the page.
        """
        deadline = time.monotonic() + timeout
        stalled_since = None
        while time.monotonic() < deadline:
            prompts, status = self.prompts(), self.kernel_status()
            if prompts and all(p[1:-2].strip().isdigit() for p in prompts) and status == "idle":
                return
            if status == "idle" and not any("*" in p for p in prompts):
                stalled_since = stalled_since or time.monotonic()
                if time.monotonic() - stalled_since > stall:
                    break
            else:
                stalled_since = None
            time.sleep(0.2)
        raise AssertionError(f"cells did not all run: prompts {self.prompts()}; "
                             f"kernel {self.kernel_status()!r}; problems {self.problems()}")

    def run_all(self) -> None:
        """Run all cells from the Run menu and wait for them to finish."""
        self.menu("Run", "Run All Cells")
        self.wait_all_executed()

    def restart_and_run_all(self) -> None:
        """Kernel > Restart Kernel and Run All Cells…, confirm, wait for the run."""
        self.menu("Kernel", "Restart Kernel and Run All Cells")
        dialog = self.page.locator(".jp-Dialog")
        dialog.wait_for(state="visible")
        dialog.locator("button.jp-mod-accept").click()
        dialog.wait_for(state="detached")
        self.page.wait_for_function(
            f"() => Array.from({self._current('.jp-CodeCell .jp-InputPrompt')})"
            ".every(e => !/\\[\\d+\\]/.test(e.textContent))", timeout=ACTION_TIMEOUT)
        self.wait_all_executed()

    def problems(self) -> list[str]:
        """Return what a student would see as broken: widget and error outputs."""
        return self.page.evaluate(PROBLEMS_JS, CURRENT)

    def live_widget_outputs(self) -> int:
        """Count the outputs of the visible notebook that show a live widget."""
        return self.page.evaluate(LIVE_WIDGETS_JS, CURRENT)


#: JavaScript that lists broken widgets, stderr output and tracebacks on a page
#: (Lab shows a traceback as stderr output, so the text tells them apart)
PROBLEMS_JS = """(scope) => {
  const found = [];
  const text = (e) => e.textContent.trim().slice(0, 300);
  for (const e of document.querySelectorAll(scope + ' .jp-OutputArea-output')) {
    const kind = e.getAttribute('data-mime-type') || '';
    if (/Error displaying widget|Loading widget/.test(e.textContent)) found.push('widget: ' + text(e));
    const traceback = /Traceback \\(most recent call last\\)/.test(e.textContent);
    if (kind.includes('error') || traceback) found.push('error: ' + text(e));
    else if (kind.includes('stderr')) found.push('stderr: ' + text(e));
  }
  return found;
}"""

#: JavaScript that counts outputs holding a live widget (Lab gives them no
#: data-mime-type; nested widget outputs are counted once, at the top)
LIVE_WIDGETS_JS = """(scope) => Array.from(document.querySelectorAll(scope + ' .jp-OutputArea-output'))
  .filter(e => !e.getAttribute('data-mime-type') && e.querySelector('.jupyter-widgets')
          && !e.parentElement.closest('.jp-OutputArea-output'))
  .length"""
