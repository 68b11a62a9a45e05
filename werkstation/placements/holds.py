"""A running proposal that stands still: the person paused their profile, or the business paused or closed the
vacancy. Nothing is dropped silently: staff see why and what to do, the other side reads it in plain words."""

from __future__ import annotations

import enum

from flask_babel import lazy_gettext as _l

from ..vocabulary import PROPOSAL_STAGES, WORKING_STAGES, JobseekerStatus, VacancyStatus


class Hold(enum.StrEnum):
    PERSON_PAUSED = "person_paused"
    VACANCY_PAUSED = "vacancy_paused"
    VACANCY_CLOSED = "vacancy_closed"
    PERSON_AT_WORK = "person_at_work"


# Why it stands still, as staff read it, and what to do.
STAFF_WORDS = {
    Hold.PERSON_PAUSED: _l("Staat stil: de werkzoekende zette het profiel op pauze."),
    Hold.VACANCY_PAUSED: _l("Staat stil: de vacature is gepauzeerd."),
    Hold.VACANCY_CLOSED: _l("Staat stil: de vacature is gesloten."),
    Hold.PERSON_AT_WORK: _l("Staat stil: de werkzoekende is ergens anders aan het werk gegaan."),
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
    Hold.PERSON_AT_WORK: _l("De werkzoekende is ergens anders aan het werk gegaan. Het voorstel staat stil. "
                            "De coöperatie neemt contact met je op."),
}
# What the side that made the proposal stand still reads once it has answered (or when nothing is left to answer).
OWN_SIDE_WORDS = _l("Dit voorstel staat stil zolang het op pauze of gesloten staat. De coöperatie neemt contact met "
                    "je op.")
# Why a side cannot answer a proposal that stands still because of its own side, and what to do about it. The side
# that caused the hold reads this instead of the other side's words; the server refuses its answer with it too.
CANNOT_ANSWER = {
    Hold.PERSON_PAUSED: _l("Je profiel staat op pauze. Daarom kun je nu niet op dit voorstel antwoorden. Zet je "
                           "profiel eerst weer aan, of wacht tot de coöperatie je belt."),
    Hold.PERSON_AT_WORK: _l("Je bent nu ergens anders aan het werk. Daarom kun je niet meer op dit voorstel "
                            "antwoorden. De coöperatie neemt contact met je op."),
    Hold.VACANCY_PAUSED: _l("Je vacature staat op pauze. Daarom kun je nu niet op dit voorstel antwoorden. Zet de "
                            "vacature eerst weer open. Dan kun je ja of nee zeggen."),
    Hold.VACANCY_CLOSED: _l("Je vacature is gesloten. Daarom kun je nu niet op dit voorstel antwoorden. Wil je deze "
                            "persoon toch leren kennen? Zet de vacature dan eerst weer open."),
}


def works_elsewhere(placement) -> bool:
    """The person started a trial or contract at another placement (and is not looking for more hours)."""
    person = placement.jobseeker
    return not person.wants_more_hours and any(
        p.stage in WORKING_STAGES and p.id != placement.id for p in person.placements)


def on_hold(placement) -> Hold | None:
    """Why this running proposal (voorgesteld or kennismaking) stands still, or None when it can go on."""
    if placement.stage not in PROPOSAL_STAGES:
        return None
    if placement.jobseeker.status == JobseekerStatus.PAUSED:
        return Hold.PERSON_PAUSED
    if works_elsewhere(placement):
        return Hold.PERSON_AT_WORK
    if placement.vacancy.status == VacancyStatus.PAUSED:
        return Hold.VACANCY_PAUSED
    if placement.vacancy.status == VacancyStatus.CLOSED:
        return Hold.VACANCY_CLOSED
    return None


def caused_by(hold: Hold) -> str:
    """The side whose change made the proposal stand still: "jobseeker" or "business"."""
    return "jobseeker" if hold in (Hold.PERSON_PAUSED, Hold.PERSON_AT_WORK) else "business"


# A closed vacancy: the resident has nothing left to choose (a yes would wait for a business that stopped).
CLOSED_FOR_RESIDENT = _l("Het bedrijf heeft de vacature gesloten. Je hoeft hier niets meer te kiezen. De coöperatie "
                         "neemt contact met je op.")


def cannot_answer(placement, side) -> str | None:
    """Why `side` ("business" or "jobseeker") cannot answer this proposal now: its own side made it stand still,
    or (for the resident) the business closed the vacancy."""
    hold = on_hold(placement)
    if hold is None:
        return None
    if caused_by(hold) == side:
        return CANNOT_ANSWER[hold]
    return CLOSED_FOR_RESIDENT if hold == Hold.VACANCY_CLOSED else None


def running_counts(vacancy) -> dict:
    """How many of the vacancy's proposals still run, per stage (voorgesteld, kennismaking): they stand still when
    the vacancy is paused or closed."""
    return {stage: sum(1 for p in vacancy.placements if p.stage == stage) for stage in PROPOSAL_STAGES}
