"""Every save of a request ends in werkstation/persistence.py (one transaction; a conflict with a parallel save
answered with a message, never an error page). Only the commands run outside a request (the command line, the
outbox sender, the demo data) commit on their own."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2] / "werkstation"

# Modules that run outside any request and therefore end their own transactions.
OUTSIDE_A_REQUEST = {
    "persistence.py",  # the one write path itself
    "cli.py", "auth/commands.py", "accounts/commands.py", "staff/commands.py",  # flask ... commands
    "outbox/sender.py", "outbox/reminders.py",  # `flask outbox send` next to the server
    "retention.py",  # `flask retention`
    "demo.py", "staff/demo_history.py", "contacts/demo.py",  # `flask seed-demo`
}


def commits_and_routes(path):
    """(lines calling `<something>.commit()` on a session, whether the module declares a view)"""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    commits, routes = [], False
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            target = node.func.value
            if node.func.attr == "commit" and isinstance(target, ast.Attribute) and target.attr == "session":
                commits.append(node.lineno)
            if node.func.attr == "route":
                routes = True
    return commits, routes


def modules():
    return sorted(p for p in ROOT.rglob("*.py") if "migrations" not in p.parts)


def test_no_view_or_helper_of_a_request_commits_outside_persistence():
    found = []
    for path in modules():
        name = path.relative_to(ROOT).as_posix()
        commits, _routes = commits_and_routes(path)
        if commits and name not in OUTSIDE_A_REQUEST:
            found.append(f"{name}:{commits[0]}")
    assert not found, "commit through werkstation/persistence.py (save, save_or_back or commit): " + ", ".join(found)


def test_the_modules_allowed_to_commit_declare_no_views():
    with_views = [name for name in sorted(OUTSIDE_A_REQUEST - {"persistence.py"})
                  if commits_and_routes(ROOT / name)[1]]
    assert not with_views


def test_the_scan_sees_a_commit(tmp_path):
    """The scan would notice a view that commits by itself."""
    sample = tmp_path / "sample.py"
    sample.write_text("@bp.route('/x')\ndef view():\n    db.session.commit()\n", encoding="utf-8")
    assert commits_and_routes(sample) == ([3], True)
