"""Deny by default: every view declares who may use it."""

from werkstation.access import PUBLIC


def test_every_view_declares_who_may_use_it(app):
    undeclared = [
        endpoint
        for endpoint, view in app.view_functions.items()
        if endpoint != "static" and getattr(view, "allowed_roles", None) is None
    ]
    assert undeclared == [], f"views without @roles/@public: {undeclared}"


def test_public_pages_are_few_and_known(app):
    public = sorted(e for e, v in app.view_functions.items() if getattr(v, "allowed_roles", None) == PUBLIC)
    # Anything personal must not be public; this list grows only on purpose.
    accounts = {"accounts.forgot_password", "accounts.reset_password", "accounts.welcome", "accounts.code_login",
                "accounts.confirm_email", "accounts.finish_signup"}  # reached from an e-mail link or the login page, before logging in
    for endpoint in public:
        assert (endpoint.split(".")[0] in {"main", "auth", "privacy", "vacancies"} or endpoint == "static"
                or endpoint in accounts), endpoint


def test_anonymous_is_sent_to_login_for_the_dashboard(client):
    response = client.get("/dashboard")
    assert response.status_code == 302
    assert "/inloggen?next=/dashboard" in response.headers["Location"]


def test_undeclared_view_is_refused(app):
    app.add_url_rule("/geheim", "geheim", lambda: "secret")
    assert app.test_client().get("/geheim").status_code == 403
