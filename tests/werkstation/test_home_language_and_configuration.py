"""The app factory, configuration, pages and language choice."""

import os

from werkstation import create_app


def test_home_page_is_dutch_and_explains_the_three_audiences(client):
    html = client.get("/").get_data(as_text=True)
    assert '<html lang="nl" dir="ltr">' in html
    for text in ("Voor werkzoekenden", "Voor bedrijven", "Voor de coöperatie", "Naar de inhoud"):
        assert text in html


def test_english_can_be_chosen_and_sticks(client):
    response = client.get("/taal/en?next=/")
    assert response.status_code == 302
    html = client.get("/").get_data(as_text=True)
    assert '<html lang="en" dir="ltr">' in html
    assert "For jobseekers" in html and "Voor werkzoekenden" not in html
    client.get("/taal/nl")
    assert "Voor werkzoekenden" in client.get("/").get_data(as_text=True)


def test_language_switch_ignores_external_next(client):
    response = client.get("/taal/en?next=https://evil.example/")
    assert response.headers["Location"] == "/"


def test_about_page_credits_esco_and_geonames(client):
    html = client.get("/over").get_data(as_text=True)
    assert "ESCO" in html and "GeoNames" in html


def test_unknown_page_is_a_friendly_404(client):
    response = client.get("/bestaat-niet")
    assert response.status_code == 404
    assert "Deze pagina bestaat niet" in response.get_data(as_text=True)


def test_secret_key_is_generated_once_into_the_instance_folder(tmp_path, monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path}/x.sqlite")
    first = create_app({"SECRET_KEY": None})
    first_key = first.config["SECRET_KEY"]
    key_file = os.path.join(first.instance_path, "secret_key")
    assert os.path.exists(key_file)
    second = create_app({"SECRET_KEY": None})
    assert second.config["SECRET_KEY"] == first_key and len(first_key) >= 32


def test_database_url_selects_the_database_and_debug_is_off(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgresql://u@127.0.0.1/x")
    app = create_app({"SECRET_KEY": "k"})
    assert app.config["SQLALCHEMY_DATABASE_URI"] == "postgresql+psycopg://u@127.0.0.1/x"
    assert app.debug is False
    monkeypatch.delenv("DATABASE_URL")
    app = create_app({"SECRET_KEY": "k"})
    assert app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite:///")
    assert app.config["SQLALCHEMY_DATABASE_URI"].endswith("instance/werkstation.sqlite")
