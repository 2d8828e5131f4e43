"""The optional "runs cleanly" column: each notebook executed in its own sandbox.

Scores never come from here: this only says whether a student's notebook runs
from top to bottom without an error. It is off by default (``--run``) and
refuses to run without a working sandbox. Each notebook gets its own
bubblewrap (``bwrap``, Debian package ``bubblewrap``) sandbox:

- new PID, network, IPC, UTS and cgroup namespaces: no network,
  no other process in sight, and when the sandbox's first process dies every
  process in it dies (``--die-with-parent``, and the grader kills the group);
- a fresh root (tmpfs) holding only read-only copies of ``/usr``, the Python
  installation and the course package, a student-safe copy of the data (the
  public bank with every exercise key removed, no gold annotations) and a
  tmpfs home with this one student's notebook; no instructor data, no
  classmate, no submissions folder;
- an unprivileged user: run as root, the grader starts bwrap and then drops to
  uid/gid 65534 (``nobody``) with no capabilities before Python starts; run as
  another user, bwrap's user namespace maps that user to uid 65534 inside;
- limits set before the sandbox starts and inherited by every process in it:
  address space, CPU seconds, processes, open files, file size;
- a wall clock per notebook (the grader kills the sandbox after it);
- output capped at the message level: the runner drops outputs past a byte
  budget and its ZeroMQ sockets refuse messages larger than ``MAX_MESSAGE``.

The runner inside reports on a private descriptor and makes itself
non-dumpable, so the notebook's code cannot easily write the report, but a
notebook that runs arbitrary code in the sandbox could still forge its own
"runs cleanly": that is why this column never feeds a score.
"""

from __future__ import annotations

import ctypes
import json
import os
import resource
import signal
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from medialit.authoring.bundle import copy_data
from medialit.grading.clean import read_regular
from medialit.grading.limits import MAX_NOTEBOOK_BYTES
from medialit.grading.read import Unreadable

__all__ = [
    "BWRAP",
    "RunOutcome",
    "sandbox_problem",
    "public_data",
    "run_in_sandbox",
    "INSTALL_HINT",
]

BWRAP = "/usr/bin/bwrap"
INSTALL_HINT = "install it with: apt-get install bubblewrap"
NOBODY = 65534
#: bytes of cell output kept per notebook before the rest is dropped
MAX_OUTPUT = 1_000_000
#: the largest ZeroMQ message the runner accepts from the kernel
MAX_MESSAGE = 4_000_000
LIMITS = {
    resource.RLIMIT_AS: 4 * 1024**3,
    resource.RLIMIT_NPROC: 256,
    resource.RLIMIT_NOFILE: 256,
    resource.RLIMIT_FSIZE: 50 * 1024**2,
}
_ETC = (
    "ld.so.cache",
    "ld.so.conf",
    "ld.so.conf.d",
    "fonts",
    "localtime",
    "nsswitch.conf",
    "passwd",
    "group",
    "hosts",
    "mime.types",
)
HOME = "/home/student"


@dataclass(frozen=True)
class RunOutcome:
    """What one sandboxed run found.

    Attributes:
        clean: True when every cell ran without an error within the limits.
        detail: what happened, in plain words.
    """

    clean: bool
    detail: str


def _python_paths() -> list[str]:
    """The folders Python needs: the venv and the installation it was made from."""
    paths = {os.path.realpath(sys.prefix), os.path.realpath(sys.base_prefix)}
    return sorted(p for p in paths if not p.startswith("/usr/"))


def _dirs(targets: list[str]) -> list[str]:
    """``--perms 0755 --dir`` for each parent of a mount point (bwrap makes them 0700)."""
    parents = sorted({str(p) for t in targets for p in Path(t).parents if str(p) != "/"})
    return [arg for parent in parents for arg in ("--perms", "0755", "--dir", parent)]


def _base_args(code: Path, data: Path, work: Path) -> list[str]:
    """The arguments for bwrap: namespaces, the read-only system, the code, the data, the home."""
    args = [
        BWRAP,
        "--unshare-pid",
        "--unshare-net",
        "--unshare-ipc",
        "--unshare-uts",
        "--unshare-cgroup-try",
        "--die-with-parent",
        "--new-session",
        "--ro-bind",
        "/usr",
        "/usr",
    ]
    for link in ("bin", "lib", "lib64", "sbin"):
        if os.path.islink(f"/{link}"):
            args += ["--symlink", os.readlink(f"/{link}"), f"/{link}"]
    # /tmp first: a venv or checkout that lives under /tmp is bound on top of it, not hidden by it
    args += ["--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp"]
    etc = [f"/etc/{name}" for name in _ETC if os.path.exists(f"/etc/{name}")]
    python = _python_paths()
    args += _dirs(etc + python + ["/sandbox/code/medialit", "/sandbox/data", f"{HOME}/work"])
    args += [arg for path in etc + python for arg in ("--ro-bind", path, path)]
    args += [
        "--perms",
        "0755",
        "--tmpfs",
        HOME,
        "--ro-bind",
        str(code),
        "/sandbox/code/medialit",
        "--ro-bind",
        str(data),
        "/sandbox/data",
        "--bind",
        str(work),
        f"{HOME}/work",
        "--chdir",
        f"{HOME}/work",
        "--clearenv",
    ]
    env = {
        "HOME": HOME,
        "PATH": "/usr/bin:/bin",
        "PYTHONPATH": "/sandbox/code",
        "MEDIALIT_DATA": "/sandbox/data",
        "MEDIALIT_ANSWERS": f"{HOME}/work/answers",
        "MPLBACKEND": "Agg",
        "MPLCONFIGDIR": "/tmp/mpl",
        "JUPYTER_RUNTIME_DIR": "/tmp/jupyter",
        "IPYTHONDIR": "/tmp/ipython",
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    for key, value in env.items():
        args += ["--setenv", key, value]
    if os.geteuid() != 0:
        args += ["--unshare-user", "--uid", str(NOBODY), "--gid", str(NOBODY)]
    return args


def _drop() -> list[str]:
    """Inside the sandbox, as root: become nobody with no capabilities before Python starts."""
    if os.geteuid() != 0:
        return []
    return [
        "/usr/bin/setpriv",
        f"--reuid={NOBODY}",
        f"--regid={NOBODY}",
        "--clear-groups",
        "--inh-caps=-all",
        "--bounding-set=-all",
        "--no-new-privs",
    ]


def _limit(cpu_seconds: int):
    """A ``preexec_fn`` that sets the limits every process of the sandbox inherits."""

    def apply():
        for kind, value in {**LIMITS, resource.RLIMIT_CPU: cpu_seconds}.items():
            resource.setrlimit(kind, (value, value))

    return apply


def sandbox_problem() -> str:
    """Say why no sandbox can be made here ("" when one can).

    Returns:
        A one-line reason, with the command that fixes it when there is one.
    """
    if not os.path.exists(BWRAP):
        return f"bubblewrap ({BWRAP}) is not installed; {INSTALL_HINT}"
    if os.geteuid() == 0 and not os.path.exists("/usr/bin/setpriv"):
        return "setpriv (/usr/bin/setpriv, util-linux) is missing: the sandbox cannot drop root"
    with tempfile.TemporaryDirectory(prefix="medialit-sandbox-probe-") as tmp:
        probe = _prepare_dirs(Path(tmp))
        command = _base_args(Path(__file__).resolve().parent.parent, probe, probe) + [
            *_drop(),
            "/usr/bin/true",
        ]
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=30, check=False)
        except (OSError, subprocess.TimeoutExpired) as err:
            return f"bubblewrap could not start a sandbox ({type(err).__name__})"
    if done.returncode:
        reason = (done.stderr.strip().splitlines() or ["no message"])[-1][:200]
        return f"bubblewrap cannot make a sandbox on this machine: {reason}"
    return ""


def _prepare_dirs(tmp: Path) -> Path:
    """A work folder the sandbox's user may write (and its parent may cross)."""
    os.chmod(tmp, 0o711)
    work = tmp / "work"
    work.mkdir()
    if os.geteuid() == 0:
        os.chown(work, NOBODY, NOBODY)
    return work


def public_data(data: Path, target: Path) -> Path:
    """Write the student-safe data folder the sandbox sees (the assessed bundle's data).

    Args:
        data: the instructor's data folder.
        target: a new folder to write.

    Returns:
        ``target``.
    """
    copy_data(Path(data), Path(target), mode="assessed")
    for path in [Path(target), *Path(target).rglob("*")]:
        os.chmod(path, 0o755 if path.is_dir() else 0o644)
    return Path(target)


def _kill(process: subprocess.Popen) -> None:
    """Kill the sandbox's whole process group (its PID namespace dies with it)."""
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    process.wait()


def run_in_sandbox(notebook: Path, data: Path, timeout: int = 60) -> RunOutcome:
    """Execute one notebook in a fresh sandbox and say whether it ran cleanly.

    Args:
        notebook: the student's notebook (a regular file; read within its size limit).
        data: a student-safe data folder (:func:`public_data`), never the instructor's.
        timeout: wall-clock seconds for the whole notebook.

    Returns:
        The outcome (never raises for a student's notebook).
    """
    try:
        content = read_regular(notebook, MAX_NOTEBOOK_BYTES)
    except Unreadable as err:
        return RunOutcome(False, f"not run: {err}")
    with tempfile.TemporaryDirectory(prefix="medialit-sandbox-") as tmp:
        work = _prepare_dirs(Path(tmp))
        (work / "notebook.ipynb").write_bytes(content)
        os.chmod(work / "notebook.ipynb", 0o644)
        report = Path(tmp) / "report.json"
        command = _base_args(Path(__file__).resolve().parent.parent, Path(data), work) + [
            *_drop(),
            sys.executable,
            "-m",
            "medialit.grading.sandbox",
            f"{HOME}/work/notebook.ipynb",
            str(timeout),
        ]
        with open(report, "wb") as sink:
            process = subprocess.Popen(
                command,
                stdout=sink,
                stderr=subprocess.DEVNULL,
                stdin=subprocess.DEVNULL,
                start_new_session=True,
                preexec_fn=_limit(timeout + 30),
            )
            try:
                process.wait(timeout=timeout + 30)
            except subprocess.TimeoutExpired:
                _kill(process)
                return RunOutcome(False, f"still running after {timeout + 30} seconds: stopped")
            _kill(process)
        return _outcome(report.read_bytes()[:4096], process.returncode)


def _outcome(raw: bytes, returncode: int) -> RunOutcome:
    """Read the runner's one-line report."""
    try:
        found = json.loads(raw.decode("utf-8").strip().splitlines()[-1])
        return RunOutcome(
            bool(found["clean"]) is True and found["clean"] is True, str(found["detail"])[:200]
        )
    except (ValueError, IndexError, KeyError, TypeError):
        return RunOutcome(False, f"the run stopped before it finished (exit status {returncode})")


# ------------------------------------------------------------------ inside the sandbox
def _no_dump() -> None:
    """Make this process non-dumpable: its /proc files and memory are closed to the notebook."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(4, 0, 0, 0, 0)  # PR_SET_DUMPABLE = 4
    except (OSError, AttributeError):
        pass


def _client(nb, timeout: int):
    """An nbclient client that drops outputs past ``MAX_OUTPUT`` bytes and large messages."""
    import zmq
    import zmq.asyncio
    from jupyter_client.manager import AsyncKernelManager
    from nbclient import NotebookClient

    class Capped(NotebookClient):
        """Keep at most MAX_OUTPUT bytes of output in all."""

        budget = MAX_OUTPUT

        def output(self, outs, msg, display_id, cell_index):
            """Count each output message; past the budget, drop it."""
            self.budget -= len(json.dumps(msg.get("content", {}), default=str))
            if self.budget < 0:
                return None
            return super().output(outs, msg, display_id, cell_index)

    context = zmq.asyncio.Context()
    context.setsockopt(zmq.MAXMSGSIZE, MAX_MESSAGE)
    manager = AsyncKernelManager(kernel_name="python3", context=context)
    return Capped(
        nb,
        km=manager,
        timeout=timeout,
        kernel_name="python3",
        allow_errors=False,
        resources={"metadata": {"path": os.getcwd()}},
    )


def _run(path: str, timeout: int) -> dict:
    """Execute the notebook; return the report."""
    import nbformat
    from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

    try:
        nb = nbformat.read(path, as_version=4)
    except Exception as err:  # noqa: BLE001 - a broken notebook is a result, not a crash
        return {
            "clean": False,
            "detail": f"not a notebook nbformat can read ({type(err).__name__})",
        }
    try:
        _client(nb, timeout).execute()
    except CellTimeoutError:
        return {"clean": False, "detail": f"a cell ran longer than {timeout} seconds"}
    except DeadKernelError:
        return {"clean": False, "detail": "the kernel died (an exit, a crash or a limit)"}
    except CellExecutionError as err:
        return {"clean": False, "detail": f"a cell raised {getattr(err, 'ename', 'an error')}"}
    except Exception as err:  # noqa: BLE001
        return {"clean": False, "detail": f"the run failed ({type(err).__name__})"}
    return {"clean": True, "detail": "every cell ran without an error"}


def _main(argv: list[str]) -> int:
    """The runner: report on a private copy of stdout, everything else to /dev/null."""
    report = os.fdopen(os.dup(1), "w")
    null = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(null, fd)
    _no_dump()
    result = _run(argv[0], int(argv[1]))
    report.write(json.dumps(result) + "\n")
    report.flush()
    return 0


if __name__ == "__main__":
    sys.exit(_main(sys.argv[1:]))
