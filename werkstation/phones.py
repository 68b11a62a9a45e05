"""Phone numbers: stored in one form (E.164, e.g. +31612345678)."""

from __future__ import annotations

import phonenumbers

REGION = "NL"  # a number without a country code is Dutch
RAW_MAX = 40


def normalise_phone(text) -> str | None:
    """The E.164 form of a valid Dutch or international number as people write it, else None."""
    text = str(text or "").strip()
    if not text or len(text) > RAW_MAX:
        return None
    try:
        number = phonenumbers.parse(text, REGION)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def display_phone(stored) -> str:
    """A stored number the way people here write it: '06 12345678' for Dutch numbers, '+32 470 12 34 56' for others."""
    if not stored:
        return ""
    try:
        number = phonenumbers.parse(str(stored), REGION)
    except phonenumbers.NumberParseException:
        return str(stored)
    if not phonenumbers.is_valid_number(number):
        return str(stored)
    style = phonenumbers.PhoneNumberFormat
    return phonenumbers.format_number(number, style.NATIONAL if number.country_code == 31 else style.INTERNATIONAL)


def phone_link(text) -> str:
    """A ``tel:`` link for a number as stored or as people write it (spaces dropped when it is not valid)."""
    return "tel:" + (normalise_phone(text) or str(text or "").replace(" ", ""))


def looks_like_dutch_mobile(text) -> bool:
    """Whether what someone typed has the shape of a Dutch mobile number (06 and eight more digits, or +31 6 ...),
    whether or not that number exists: then "check the digits" helps more than "type it like 06 12345678"."""
    digits = "".join(ch for ch in str(text or "") if ch.isdigit())
    for prefix in ("0031", "31"):
        if digits.startswith(prefix + "6") and str(text or "").lstrip().startswith(("+", "00")):
            digits = "0" + digits[len(prefix):]
            break
    return len(digits) == 10 and digits.startswith("06")


def is_dutch_mobile(stored) -> bool:
    """Whether a number in the stored form (E.164) is a Dutch mobile number (06...): a resident signs up with one."""
    try:
        number = phonenumbers.parse(str(stored or ""), REGION)
    except phonenumbers.NumberParseException:
        return False
    return number.country_code == 31 and phonenumbers.number_type(number) == phonenumbers.PhoneNumberType.MOBILE
