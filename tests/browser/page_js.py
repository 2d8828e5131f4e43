"""JavaScript the browser driver runs inside JupyterLab, Notebook 7 and Voila pages.

The servers are started with ``expose_app_in_browser`` (Voila always exposes
it), so ``window.jupyterapp`` is the page's application. The snippets read the
state a test must wait on from it (the notebook's document and session, its
kernel's connection and status) instead of the toolbar's kernel indicator
alone: that indicator shows "idle" before any kernel exists.
"""

__all__ = [
    "LIVE_WIDGETS_JS",
    "NOTEBOOK_STATE_JS",
    "PROBLEMS_JS",
    "PROMPTS_JS",
    "VOILA_STATE_JS",
    "LOADING_WIDGETS_JS",
    "BROKEN_LINKS_JS",
    "WIDGET_STATES_JS",
]

#: JavaScript: the state of the notebook a student sees (the shell's current
#: widget). It also attaches, once per kernel connection, counters of the
#: execute requests sent, the replies to them received and the kernel restarts
#: begun; they live in ``window.__medialitRuns`` and only grow, so a test can
#: tell whether an action it took made the notebook run anything.
NOTEBOOK_STATE_JS = """() => {
  const app = window.jupyterapp;
  if (!app) return {app: false};
  const runs = window.__medialitRuns = window.__medialitRuns
    || {sent: 0, replied: 0, restarts: 0, pending: new Set()};
  const track = (kernel) => {
    if (kernel.__medialitTracked) return;
    kernel.__medialitTracked = true;
    kernel.anyMessage.connect((_, args) => {
      const type = args.msg.header.msg_type;
      if (args.direction === 'send' && type === 'execute_request') {
        runs.sent += 1; runs.pending.add(args.msg.header.msg_id);
      } else if (args.direction === 'recv' && type === 'execute_reply'
                 && runs.pending.delete(args.msg.parent_header.msg_id)) {
        runs.replied += 1;
      }
    });
    kernel.statusChanged.connect((_, status) => {
      if (status === 'restarting' || status === 'autorestarting') {
        runs.restarts += 1; runs.pending.clear();
      }
    });
  };
  const panel = app.shell.currentWidget;
  const session = panel && panel.sessionContext;
  if (!session || !panel.context) return {app: true, panel: false};
  const kernel = session.session ? session.session.kernel : null;
  if (kernel) track(kernel);
  const indicator = panel.node.querySelector('.jp-Notebook-ExecutionIndicator');
  return {
    app: true, panel: true, path: panel.context.path,
    ready: panel.context.isReady && session.isReady,
    kernel: kernel ? kernel.id : null,
    connection: kernel ? kernel.connectionStatus : null,
    status: kernel ? kernel.status : null,
    display: session.kernelDisplayStatus,
    shown: indicator ? indicator.getAttribute('data-status') : null,
    dirty: panel.model ? panel.model.dirty : null,
    saved: panel.context.contentsModel ? panel.context.contentsModel.last_modified : null,
    sent: runs.sent, replied: runs.replied, restarts: runs.restarts, pending: runs.pending.size,
  };
}"""

#: JavaScript: the state of a Voila page's widget manager and its kernel
VOILA_STATE_JS = """() => {
  const app = window.jupyterapp;
  const manager = app && app.widgetManager;
  const kernel = manager && manager.kernel;
  return {
    manager: !!manager, restored: !!(manager && manager.restoredStatus),
    connection: kernel ? kernel.connectionStatus : null,
    status: kernel ? kernel.status : null,
  };
}"""

#: JavaScript: how many visible outputs still show a widget's "Loading widget..."
#: placeholder (its view is still being built, after the manager says restored)
LOADING_WIDGETS_JS = """() => Array.from(document.querySelectorAll('.jp-OutputArea-output'))
  .filter(e => e.checkVisibility() && /Loading widget/.test(e.textContent))
  .length"""

#: JavaScript: the input prompts of the code cells inside ``scope``
PROMPTS_JS = """(scope) => Array.from(
  document.querySelectorAll(scope + ' .jp-CodeCell .jp-InputPrompt'))
  .map(e => e.textContent.trim())"""

#: JavaScript that lists broken widgets, stderr output and tracebacks that a
#: student can see on a page (Lab shows a traceback as stderr output, so the
#: text tells them apart; an output the page's style hides is not seen)
PROBLEMS_JS = """(scope) => {
  const found = [];
  const text = (e) => e.textContent.trim().slice(0, 300);
  for (const e of document.querySelectorAll(scope + ' .jp-OutputArea-output')) {
    if (!e.checkVisibility()) continue;
    const kind = e.getAttribute('data-mime-type') || '';
    if (/Error displaying widget|Loading widget/.test(e.textContent)) {
      found.push('widget: ' + text(e));
    }
    const traceback = /Traceback \\(most recent call last\\)/.test(e.textContent);
    if (kind.includes('error') || traceback) found.push('error: ' + text(e));
    else if (kind.includes('stderr')) found.push('stderr: ' + text(e));
  }
  return found;
}"""

#: JavaScript that counts outputs holding a live widget (Lab gives them no
#: data-mime-type; nested widget outputs are counted once, at the top)
LIVE_WIDGETS_JS = """(scope) => Array.from(
  document.querySelectorAll(scope + ' .jp-OutputArea-output'))
  .filter(e => !e.getAttribute('data-mime-type') && e.querySelector('.jupyter-widgets')
          && !e.parentElement.closest('.jp-OutputArea-output'))
  .length"""

#: JavaScript: for each medialit widget output inside ``scope`` (found by the
#: companion output displayed after it), what a student sees there: "live",
#: "disconnected" (the widget greyed, with the notice), "static" (the notice and
#: the static view) or "nothing"
WIDGET_STATES_JS = """(scope) => Array.from(
  document.querySelectorAll(scope + ' .medialit-companion')).map((companion) => {
  const child = companion.closest('.jp-OutputArea-child');
  const before = child && child.previousElementSibling;
  const widget = before && before.querySelector('.medialit-widget');
  const shown = (e) => !!e && e.checkVisibility();
  if (shown(widget)) {
    if (!widget.classList.contains('jupyter-widgets-disconnected')) return 'live';
    const notice = getComputedStyle(widget, '::before').content;
    return notice.includes('Run all cells') ? 'disconnected' : 'nothing';
  }
  const staticView = companion.querySelector('.medialit-static');
  const notice = companion.querySelector('.medialit-run-notice');
  const said = shown(notice) && /Run all cells/.test(notice.textContent);
  if (shown(staticView) && said) return 'static';
  return 'nothing';
})"""

#: JavaScript: how many visible broken-link icons a page shows (ipywidgets
#: draws one, in ::before, on each view whose kernel connection is gone; the
#: medialit notice in that place is not an icon)
BROKEN_LINKS_JS = """() => Array.from(document.querySelectorAll('.jupyter-widgets-disconnected'))
  .filter(e => {
    const content = getComputedStyle(e, '::before').content;
    return e.checkVisibility() && !['none', 'normal'].includes(content)
      && !content.includes('Run all cells');
  }).length"""
