"""The driver waits for a notebook's kernel, not for time: Run All on a slow server.

Issue 17: on a busy machine Run All sometimes ran nothing ("cells did not all
run: prompts ['[ ]:', ...]; kernel 'idle'"). Lab and Notebook 7 show "idle" in
the toolbar as soon as a notebook opens, before the page has even asked the
server for its sessions; a Run All in that gap is lost (the cells sent before
a kernel exists are skipped). Here the server is made slow on purpose: it
lists its sessions only after ``DELAY`` seconds, so the gap is longer than the
old driver's 1.5 s of "idle" (it failed this test every time, in Lab and in
Notebook 7); the driver must still run every cell.
"""

import nbformat
import pytest

from jupyter_driver import JupyterPage, JupyterServer, server_env

#: seconds the test server waits before it lists its sessions
DELAY = 3
#: a Jupyter server config that makes listing sessions slow (a busy server)
SLOW_SERVER = f'''"""Browser-test config: listing sessions takes {DELAY} s, as on a busy machine."""
import asyncio

from jupyter_server.services.sessions.sessionmanager import SessionManager

_list_sessions = SessionManager.list_sessions


async def _slow_list_sessions(self):
    await asyncio.sleep({DELAY})
    return await _list_sessions(self)


SessionManager.list_sessions = _slow_list_sessions
'''
SOURCES = ["word = 'ready'", "print(word * 2)"]


@pytest.fixture
def slow_server(tmp_path):
    """Return a function starting a Lab or Notebook 7 server that is slow to list sessions."""
    servers = []

    def start(kind: str) -> JupyterServer:
        root = tmp_path / kind / "root"
        root.mkdir(parents=True)
        notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(s) for s in SOURCES])
        notebook.metadata["kernelspec"] = {
            "name": "python3",
            "display_name": "Python 3",
            "language": "python",
        }
        nbformat.write(notebook, root / "slow.ipynb")
        config = tmp_path / kind / "config"
        config.mkdir()
        (config / "jupyter_server_config.py").write_text(SLOW_SERVER, encoding="utf-8")
        env = server_env(tmp_path / kind)
        env["JUPYTER_CONFIG_DIR"] = str(config)
        server = JupyterServer(kind, root, env)
        servers.append(server)
        return server.start()

    yield start
    for server in servers:
        server.stop()


@pytest.mark.parametrize("kind", ["lab", "notebook"])
def test_run_all_runs_every_cell_when_the_server_is_slow_to_list_sessions(page, slow_server, kind):
    server = slow_server(kind)
    notebook = JupyterPage(page, server).open("slow.ipynb")
    notebook.run_all()
    assert notebook.prompts() == ["[1]:", "[2]:"]
    page.locator(".jp-OutputArea-output", has_text="readyready").wait_for()
