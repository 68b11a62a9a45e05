"""A running proposal that stands still: the person paused their profile, or the business paused or closed the
vacancy. Nothing is dropped silently: staff see why and what to do, the other side reads it in plain words."""

from __future__ import annotations

import enum

from flask_babel import lazy_gettext as _l

from ..vocabulary import PROPOSAL_STAGES, JobseekerStatus, VacancyStatus


class Hold(enum.StrEnum):
    PERSON_PAUSED = "person_paused"
    VACANCY_PAUSED = "vacancy_paused"
    VACANCY_CLOSED = "vacancy_closed"


# Why it stands still, as staff read it, and what to do.
STAFF_WORDS = {
    Hold.PERSON_PAUSED: _l("Staat stil: de werkzoekende zette het profiel op pauze."),
    Hold.VACANCY_PAUSED: _l("Staat stil: de vacature is gepauzeerd."),
    Hold.VACANCY_CLOSED: _l("Staat stil: de vacature is gesloten."),
}
WHAT_TO_DO = _l("Wat nu: bel beide kanten. Gaat het niet door, zet het voorstel dan op beëindigd. "
                "Gaat het later wel door, laat het dan staan.")
# What the other side reads on the proposal page.
OTHER_SIDE_WORDS = {
    Hold.PERSON_PAUSED: _l("De werkzoekende kan even niet verder. Het voorstel staat stil. De coöperatie neemt "
                           "contact met je op."),
    Hold.VACANCY_PAUSED: _l("Het bedrijf heeft de vacature even stilgezet. Het voorstel staat stil. De coöperatie "
                            "neemt contact met je op."),
    Hold.VACANCY_CLOSED: _l("Het bedrijf heeft de vacature gesloten. Het voorstel gaat waarschijnlijk niet door. "
                            "De coöperatie neemt contact met je op."),
}
# The side that caused it (it knows why) reads this instead.
OWN_SIDE_WORDS = _l("Dit voorstel staat stil zolang het op pauze of gesloten staat. De coöperatie neemt contact met "
                    "je op.")


def on_hold(placement) -> Hold | None:
    """Why this running proposal (voorgesteld or kennismaking) stands still, or None when it can go on."""
    if placement.stage not in PROPOSAL_STAGES:
        return None
    if placement.jobseeker.status == JobseekerStatus.PAUSED:
        return Hold.PERSON_PAUSED
    if placement.vacancy.status == VacancyStatus.PAUSED:
        return Hold.VACANCY_PAUSED
    if placement.vacancy.status == VacancyStatus.CLOSED:
        return Hold.VACANCY_CLOSED
    return None


def caused_by(hold: Hold) -> str:
    """The side whose change made the proposal stand still: "jobseeker" or "business"."""
    return "jobseeker" if hold == Hold.PERSON_PAUSED else "business"
