"""Deny by default: every view declares who may use it, checked before each request.

    @roles(Role.BUSINESS, *STAFF_ROLES)   # logged-in users with one of these roles (werkstation/vocabulary.py)
    @public                               # anyone, logged in or not

A view without a declaration answers 403 for everybody (tests/werkstation/test_access.py lists them).
"""

from flask import abort, current_app, redirect, request, url_for
from flask_login import current_user

PUBLIC = frozenset({"*"})


def roles(*allowed):
    """Declare the roles that may use a view."""

    def decorator(view):
        view.allowed_roles = frozenset(allowed)
        return view

    return decorator


def public(view):
    """Declare a view open to everybody."""
    view.allowed_roles = PUBLIC
    return view


def allowed_roles_for(endpoint):
    view = current_app.view_functions.get(endpoint)
    if view is None:
        return None
    return getattr(view, "allowed_roles", None)


def enforce():
    """before_request hook: refuse anything not explicitly allowed."""
    if request.endpoint is None or request.endpoint == "static":
        return None
    allowed = allowed_roles_for(request.endpoint)
    if allowed is None:
        abort(403)
    if allowed == PUBLIC:
        return None
    if not current_user.is_authenticated:
        if request.method == "GET":
            return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))
        abort(401)
    if current_user.role not in allowed:
        abort(403)
    return None


def init_app(app):
    app.before_request(enforce)
