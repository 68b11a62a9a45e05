"""How strong a password is: zxcvbn (Dropbox's estimator of how many guesses a password takes) with the person's
own details and the words of this service as extra dictionary words.

zxcvbn knows English words and common passwords; it does not know Dutch. So the Dutch passwords we refuse outright
(data/common_passwords.txt: welkom, wachtwoord, geheim ...) are also given to it as words, and so are the words
anyone guesses first for this site (werkstation, kanaleneiland, the public demo password) and the person's own
e-mail address, name and phone number, whole and in parts. Score 3 of 4 ("safely unguessable: moderate
protection from an offline attack") is required, for the whole password and for what is left when the person's
details and the site's words are taken out (an attacker knows those: "HannaDeWit2026!" is weak for Hanna de Wit).
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from zxcvbn import zxcvbn

from .demo import DEMO_PASSWORD

DATA = Path(__file__).resolve().parent / "data"

MIN_SCORE = 3
MAX_CHECKED = 72  # zxcvbn's own limit; a longer password is judged by its first 72 characters
SITE_WORDS = ("werkstation", "kanaleneiland", "wijkwerk", "wijkcooperatie", "utrecht", "demo", DEMO_PASSWORD)


@lru_cache(maxsize=1)
def common_passwords() -> frozenset[str]:
    """Passwords refused outright (compared in lower case)."""
    lines = (DATA / "common_passwords.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip().lower() for line in lines if line.strip() and not line.startswith("#"))


@lru_cache(maxsize=1)
def _dutch_words() -> tuple[str, ...]:
    """The word parts of the common Dutch passwords (welkom123 -> welkom)."""
    words = {re.sub(r"[^a-z]", "", password) for password in common_passwords()}
    return tuple(sorted(word for word in words if len(word) >= 4))


def _pieces(value) -> list[str]:
    """A detail and its parts: 'fatima.bakker@voorbeeld.nl' -> itself, joined up, 'fatima', 'bakker', 'voorbeeld', 'nl'."""
    text = str(value or "").strip().lower()
    if not text:
        return []
    parts = [part for part in re.split(r"[^0-9a-zà-ÿ]+", text) if part]
    digits = re.sub(r"\D", "", text)
    return [text, "".join(parts), *parts, *([digits, digits[-9:]] if len(digits) >= 6 else [])]


def context(personal=()) -> list[str]:
    words = [piece for value in personal for piece in _pieces(value)]
    return [*words, *SITE_WORDS, *_dutch_words()]


def _without(password: str, pieces) -> str:
    """The password with the known pieces taken out: what an attacker who knows them still has to guess."""
    rest = password.lower()
    for piece in sorted({p for p in pieces if len(p) >= 3}, key=len, reverse=True):
        rest = rest.replace(piece, "")
    return rest


def is_strong(password: str, personal=()) -> bool:
    """True when zxcvbn expects the password to take many guesses, knowing the person's own details: the whole
    password, and what is left of it without those details and the site's words (name + year is not strong)."""
    words = context(personal)
    if zxcvbn(password[:MAX_CHECKED], user_inputs=words)["score"] < MIN_SCORE:
        return False
    known = [piece for value in personal for piece in _pieces(value)] + [word.lower() for word in SITE_WORDS]
    rest = _without(password, known)
    return rest == password.lower() or zxcvbn(rest[:MAX_CHECKED], user_inputs=words)["score"] >= MIN_SCORE
