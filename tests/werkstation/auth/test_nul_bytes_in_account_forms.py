"""A NUL byte (or another control character) typed as an account, an address or a KvK number never gives a server
error: PostgreSQL cannot even compare such text, so nobody looks it up (run with TEST_DATABASE_URL for PostgreSQL)."""

import pytest

from tests.helpers import post_form

NUL = "a\x00b@example.nl"
PASSWORD = "paraplu tramhalte 47 gember"


@pytest.mark.parametrize(("url", "data"), [
    ("/inloggen", {"email": NUL, "password": PASSWORD}),
    ("/wachtwoord-vergeten", {"email": NUL}),
    ("/inloggen/met-code", {"account": "06\x001234 5678", "code": "1234 5678", "password": PASSWORD,
                            "password_again": PASSWORD}),
    ("/registreren/bedrijf", {"name": "Bakkerij", "kvk_number": "1234\x005678", "sector": "bakkerij",
                              "postcode": "3526 AB", "contact_name": "Hanna", "phone": "06 12345678",
                              "email": "hanna@demolen.nl", "password": PASSWORD, "password_again": PASSWORD}),
])
def test_a_nul_byte_gets_the_form_back_not_a_server_error(client, url, data):
    response = post_form(client, url, data)
    assert response.status_code in (200, 400)
    assert "<form" in response.get_data(as_text=True)
