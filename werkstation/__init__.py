"""Werkstation: the neighbourhood job-matching web app."""

from pathlib import Path

from flask import Flask

from . import (
    access,
    cli,
    converters,
    errors,
    i18n,
    matching_bridge,
    outbox,
    persistence,
    search_text,
    security,
    templating,
)
from .config import _database_url, config_class, load_secret_key
from .extensions import csrf, db, limiter, login_manager, migrate


def create_app(test_config=None):
    """Create and configure the app; reads like a table of contents."""
    app = Flask(__name__, instance_relative_config=True, template_folder="../templates")
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    app.config.from_object(config_class())
    app.config["SQLALCHEMY_DATABASE_URI"] = _database_url(app.instance_path)
    if test_config:
        app.config.update(test_config)
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = load_secret_key(app.instance_path)

    converters.init_app(app)
    db.init_app(app)
    migrate.init_app(app, db, render_as_batch=True, directory=str(Path(__file__).resolve().parent.parent / "migrations"))
    csrf.init_app(app)
    limiter.init_app(app)
    login_manager.init_app(app)
    i18n.init_app(app)
    access.init_app(app)
    security.init_app(app)
    errors.init_app(app)
    persistence.init_app(app)
    templating.init_app(app)
    search_text.init_app(app)
    matching_bridge.init_app(app)
    cli.init_app(app)
    outbox.init_app(app)
    register_blueprints(app)
    return app


def register_blueprints(app):
    """One blueprint per user-facing area; add new areas here."""
    from .auth import bp as auth_bp
    from .auth import expired_forms
    from .main import bp as main_bp

    app.register_blueprint(main_bp)
    app.register_blueprint(auth_bp)
    expired_forms.init_app(app)  # a form sent after the session ended keeps what was typed

    from .imports import bp as imports_bp
    from .jobseekers import bp as jobseekers_bp
    from .vacancies import bp as vacancies_bp

    app.register_blueprint(vacancies_bp)
    app.register_blueprint(jobseekers_bp)
    app.register_blueprint(imports_bp)

    from .fairness import bp as fairness_bp
    from .placements import bp as placements_bp
    from .staff import bp as staff_bp

    app.register_blueprint(staff_bp)
    app.register_blueprint(placements_bp)
    app.register_blueprint(fairness_bp)

    from .contacts import bp as contacts_bp
    from .privacy import bp as privacy_bp

    app.register_blueprint(privacy_bp)
    app.register_blueprint(contacts_bp)

    from .settings import bp as settings_bp

    app.register_blueprint(settings_bp)

    from .accounts import bp as accounts_bp
    from .messages import bp as messages_bp

    app.register_blueprint(messages_bp)
    app.register_blueprint(accounts_bp)
