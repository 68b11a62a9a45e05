"""Configuration classes. Secrets and DATABASE_URL come from the environment or the instance folder."""

import os
import secrets
from datetime import timedelta
from pathlib import Path


def _database_url(instance_path: str) -> str:
    url = os.environ.get("DATABASE_URL")
    if not url:
        return "sqlite:///" + str(Path(instance_path) / "werkstation.sqlite")
    # Heroku-style URLs: use the psycopg 3 driver.
    if url.startswith("postgres://"):
        url = "postgresql+psycopg://" + url[len("postgres://"):]
    elif url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://"):]
    return url


def _flag(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() in ("1", "true", "yes", "on")


def load_secret_key(instance_path: str) -> str:
    """SECRET_KEY from the environment, else generated once into the instance folder (never committed)."""
    key = os.environ.get("SECRET_KEY")
    if key:
        return key
    path = Path(instance_path) / "secret_key"
    if path.exists():
        return path.read_text().strip()
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_hex(32)
    # Written with owner-only permissions.
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as f:
        f.write(key)
    return key


class Config:
    DEBUG = False
    TESTING = False
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}
    BABEL_DEFAULT_LOCALE = "nl"
    BABEL_DEFAULT_TIMEZONE = "Europe/Amsterdam"
    # Interface languages, in the order of the language row. A new language: its catalogs, then its code here.
    LANGUAGES = ("nl", "en", "ar", "tr")
    WTF_CSRF_TIME_LIMIT = 8 * 3600
    MAX_CONTENT_LENGTH = 2 * 1024 * 1024
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = os.environ.get("SESSION_COOKIE_SECURE", "0") == "1"
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    PERMANENT_SESSION_LIFETIME = timedelta(hours=8)  # absolute lifetime
    SESSION_IDLE_TIMEOUT = timedelta(minutes=30)
    RATELIMIT_STORAGE_URI = os.environ.get("RATELIMIT_STORAGE_URI", "memory://")
    RATELIMIT_HEADERS_ENABLED = True
    # Postcodes (PC4) of the neighbourhood: residents get the 'uit de wijk' bonus.
    NEIGHBOURHOOD_PC4 = tuple(os.environ.get("NEIGHBOURHOOD_PC4", "3526").split(","))
    CONSENT_VERSION = "2026-11"
    # Wettelijk minimumloon per hour for adults (21+), set twice a year: the vacancy form refuses a lower wage.
    # €14,40 is the figure of 1 July 2025 (rijksoverheid.nl, 'Bedragen minimumloon'); set the current one through the
    # environment at each 1 January / 1 July.
    MINIMUM_HOURLY_WAGE_CENTS = int(os.environ.get("MINIMUM_HOURLY_WAGE_CENTS", "1440"))
    RETENTION_MONTHS = int(os.environ.get("RETENTION_MONTHS", "12"))
    AUDIT_RETENTION_MONTHS = int(os.environ.get("AUDIT_RETENTION_MONTHS", "24"))
    # Links in messages point here (the address people use to reach Werkstation).
    PUBLIC_URL = os.environ.get("PUBLIC_URL", "http://127.0.0.1:5000")
    # The cooperative's own page (/cooperatie): demo values, set the real ones per deployment.
    COOPERATIVE_NAME = os.environ.get("COOPERATIVE_NAME", "Wijkcoöperatie Kanaleneiland")
    COOPERATIVE_STREET = os.environ.get("COOPERATIVE_STREET", "Marshallaan 2")
    COOPERATIVE_POSTCODE = os.environ.get("COOPERATIVE_POSTCODE", "3527 TK Utrecht")
    # Where a kennismaking is, unless staff choose another place; also the address /cooperatie and the district
    # settings show until an admin saves one (so both say the same).
    COOPERATIVE_ADDRESS = os.environ.get("COOPERATIVE_ADDRESS",
                                         f"Krachtstation Kanaleneiland, {COOPERATIVE_STREET}, {COOPERATIVE_POSTCODE}")
    COOPERATIVE_PHONE = os.environ.get("COOPERATIVE_PHONE", "030 123 4567")
    COOPERATIVE_WHATSAPP = os.environ.get("COOPERATIVE_WHATSAPP", "06 1234 5678")
    # (weekdays, from, until): open, and when anyone can walk in without an appointment.
    COOPERATIVE_HOURS = (("mon tue wed thu fri", "09:00", "17:00"),)
    COOPERATIVE_WALK_IN = (("tue", "13:00", "16:00"), ("thu", "09:30", "12:00"), ("sat", "10:00", "12:00"))
    # What a business pays: nothing during the trial (euro per hour; 0 = free), then, with the cooperative as
    # employer, the wage plus this share on top (percent). Posting a vacancy and proposals are free.
    COOPERATIVE_TRIAL_COST_PER_HOUR = float(os.environ.get("COOPERATIVE_TRIAL_COST_PER_HOUR", "0"))
    COOPERATIVE_FEE_PERCENT = int(os.environ.get("COOPERATIVE_FEE_PERCENT", "18"))
    # Flask-Mailman's standard settings. Without MAIL_SERVER, messages are written as .eml files (instance/mail).
    MAIL_SERVER = os.environ.get("MAIL_SERVER") or None
    MAIL_PORT = int(os.environ.get("MAIL_PORT", "25"))
    MAIL_USE_TLS = _flag("MAIL_USE_TLS")
    MAIL_USE_SSL = _flag("MAIL_USE_SSL")
    MAIL_USERNAME = os.environ.get("MAIL_USERNAME") or None
    MAIL_PASSWORD = os.environ.get("MAIL_PASSWORD") or None
    MAIL_DEFAULT_SENDER = os.environ.get("MAIL_DEFAULT_SENDER", "Werkstation <werkstation@localhost>")
    MAIL_TIMEOUT = int(os.environ.get("MAIL_TIMEOUT", "30"))
    # The sender: batch size, how long a claim holds, tries before a message is shown to staff as failed.
    OUTBOX_BATCH = int(os.environ.get("OUTBOX_BATCH", "20"))
    OUTBOX_LEASE_SECONDS = int(os.environ.get("OUTBOX_LEASE_SECONDS", "300"))
    OUTBOX_MAX_TRIES = int(os.environ.get("OUTBOX_MAX_TRIES", "6"))
    OUTBOX_RETRY_SECONDS = int(os.environ.get("OUTBOX_RETRY_SECONDS", "60"))


class ProductionConfig(Config):
    SESSION_COOKIE_SECURE = os.environ.get("SESSION_COOKIE_SECURE", "1") == "1"
    REMEMBER_COOKIE_SECURE = SESSION_COOKIE_SECURE
    PREFERRED_URL_SCHEME = "https"


class DevelopmentConfig(Config):
    DEBUG = os.environ.get("FLASK_DEBUG", "0") == "1"


class TestingConfig(Config):
    TESTING = True
    RATELIMIT_ENABLED = True
    WTF_CSRF_ENABLED = True


CONFIGS = {"production": ProductionConfig, "development": DevelopmentConfig, "testing": TestingConfig}


def config_class() -> type[Config]:
    return CONFIGS.get(os.environ.get("WERKSTATION_ENV", "development"), DevelopmentConfig)
