"""A fictional but realistic neighbourhood for demos: deterministic (seeded), no real people."""

import random
from datetime import date, timedelta

from sqlalchemy import func, select, update

from .extensions import db
from .models import Business, Jobseeker, User, Vacancy, utcnow
from .vocabulary import STAFF_ROLES, ContractType, JobseekerStatus, Role, VacancyStatus

DEMO_PASSWORD = "wijkwerk-demo-2026"  # noqa: S105 (public demo password, demo data only)
# Demo staff and admin log in with a second factor; this fixed, public TOTP key is for the demo only.
# `flask demo-logins` prints it with the current code. Never use it for a real account.
DEMO_TOTP_SECRET = "WERKSTATIONDEMOKANALENEILANDWIJK"  # noqa: S105 (public demo key)
DEMO_LOGINS = (
    (Role.ADMIN, "admin@werkstation-demo.nl"),
    (Role.STAFF, "medewerker@werkstation-demo.nl"),
    (Role.BUSINESS, "bakkerij@werkstation-demo.nl"),
    (Role.JOBSEEKER, "amina@werkstation-demo.nl"),
)

ESCO = "http://data.europa.eu/esco/occupation/"
# (occupation label, ESCO id, typical talents, licences, certificates, typical Dutch level)
JOBS = {
    "bakker": ("1aadb308-432a-4d01-b54b-b4f7f76dd419", ["bereiden van voedsel en dranken", "aandacht hebben voor hygiëne", "tijd beheren"], [], ["HACCP"], "A2"),
    "verkoopmedewerker bakkerij": ("5d9e63a2-8013-434e-9f92-3b3d54a0c320", ["verkopen van producten en diensten", "aandacht hebben voor hygiëne"], [], [], "B1"),
    "schoonmaker": ("303a1e34-cb16-4054-b323-81e5eec17397", ["schoonmaken", "volgen van instructies en procedures", "tijd beheren"], [], [], "A1"),
    "kassamedewerker": ("2b871272-bd61-4206-bd1a-0b96d7023098", ["verkopen van producten en diensten", "berekenen en inschatten"], [], [], "A2"),
    "vakkenvuller": ("d35f9e79-5778-43b4-8667-0e3ba1fcb19a", ["verplaatsen en tillen", "volgen van instructies en procedures"], [], [], "A1"),
    "winkelmedewerker": ("0b15375e-dfdd-4047-9efb-096e0aaee7d2", ["verkopen van producten en diensten", "samenwerken met anderen"], [], [], "A2"),
    "kok": ("90f75f67-495d-49fa-ab57-2f320e251d7e", ["bereiden van voedsel en dranken", "aandacht hebben voor hygiëne"], [], ["HACCP"], "A2"),
    "keukenhulp": ("e1cf6897-158d-4b48-a39e-2a3a8cac216c", ["schoonmaken", "bereiden van voedsel en dranken", "samenwerken met anderen"], [], [], "A1"),
    "medewerker fastfood": ("96a0d8d3-d4a6-473d-80d6-b5dbadde940a", ["bereiden van voedsel en dranken", "serveren van voedsel en dranken"], [], [], "A2"),
    "ober/serveerster": ("d5db9d5c-2ebf-4a54-a79a-1b7e7ff70471", ["serveren van voedsel en dranken", "gebruikmaken van meer dan één taal"], [], [], "B1"),
    "barista": ("bf7d8b16-4e2c-48ef-b44e-dc25b2d0ab61", ["bereiden van voedsel en dranken", "serveren van voedsel en dranken"], [], [], "A2"),
    "kapper": ("099c6bb0-22d3-4c5d-8bf5-70910af381ef", ["stijlen van haar en verstrekken van schoonheidsbehandelingen", "samenwerken met anderen"], [], [], "A2"),
    "schoonheidsspecialist": ("a1e1a788-2352-4172-8fcf-1f985a6968b0", ["stijlen van haar en verstrekken van schoonheidsbehandelingen", "aandacht hebben voor hygiëne"], [], [], "B1"),
    "orderpicker": ("cd94def5-3442-4c2e-ae3d-0761a3008bcb", ["verplaatsen en tillen", "volgen van instructies en procedures"], [], [], "A1"),
    "magazijnmedewerker": ("bea705fe-06ac-4147-b8e0-6e8ac1208d8f", ["verplaatsen en tillen", "werken met computers"], [], [], "A2"),
    "heftruckchauffeur": ("eeac6251-1974-42f5-91ed-513c6c883755", ["besturen van voertuigen", "verplaatsen en tillen"], [], ["HEFTRUCK"], "A2"),
    "bezorger": ("0c408028-c48f-4df8-ba5d-c3d3be15f5a2", ["besturen van voertuigen", "tijd beheren"], ["B"], [], "A2"),
    "fietskoerier": ("3a959644-beed-4afc-8e57-d5068ae6a43e", ["tijd beheren", "volgen van instructies en procedures"], [], [], "A1"),
    "vrachtwagenchauffeur": ("45037d43-a8f5-4f46-b332-b2935bc305f4", ["besturen van zware voertuigen", "tijd beheren"], ["C"], [], "A2"),
    "medewerker kinderdagverblijf": ("3f74aad8-2d60-4be2-b059-8dba5568d530", ["zorgen voor kinderen", "samenwerken met anderen"], [], [], "B1"),
    "thuiszorgmedewerker": ("1391bdf9-bd61-4fb5-91ca-c29036ab2b60", ["assisteren en verzorgen", "zorg voor bejaarden en gehandicapte volwassenen"], [], [], "B1"),
    "medewerker huishoudelijke dienst": ("731ecac4-06e8-4ec2-a559-101fecbd9183", ["schoonmaken", "tijd beheren"], [], [], "A2"),
    "automonteur": ("4ad4024e-d1d3-4dea-b6d1-2c7948111dce", ["repareren en installeren van mechanische apparatuur"], ["B"], [], "A2"),
    "fietsenmaker": ("336cf331-8082-4a0c-bf5f-e7c54706211c", ["repareren en installeren van mechanische apparatuur"], [], [], "A1"),
    "beveiliger": ("31808988-fc0a-4bc3-9e47-27216d6759f5", ["controleren van veiligheid en beveiliging"], [], ["BHV"], "B1"),
    "timmerman": ("2a22ff9e-de3b-408d-b312-5034896cc4f4", ["bouwen en repareren van constructies"], [], ["VCA"], "A2"),
    "schilder": ("15620506-fb5d-49cd-87a2-1c9047fb406a", ["bouwen en repareren van constructies"], [], ["VCA"], "A2"),
    "glazenwasser": ("92cba6b4-8fca-49bb-b68c-45c5096fedc9", ["schoonmaken"], [], [], "A1"),
    "conciërge": ("1822bfc2-e735-449f-ba00-ca71eb5c062b", ["schoonmaken", "repareren en installeren van mechanische apparatuur"], [], [], "B1"),
    "callcentermedewerker": ("0ededdc2-050a-4ec3-8e70-6295105fcd19", ["werken met computers", "gebruikmaken van meer dan één taal"], [], [], "B2"),
    "receptionist": ("f7b04542-d8c7-42db-8475-e63b507cce82", ["werken met computers", "gebruikmaken van meer dan één taal"], [], [], "B1"),
    "productiemedewerker": ("245be6d1-fe9a-4ac8-9f81-122a687e4724", ["volgen van instructies en procedures", "bedienen van voedselverwerkingsmachines"], [], [], "A1"),
}

# (name, sector, postcode, jobs offered)
BUSINESSES = [
    ("Bakkerij Het Zoete Hoekje", "bakkerij", "3526 GH", ["bakker", "verkoopmedewerker bakkerij"]),
    ("Bakkerij Ouarzazate", "bakkerij", "3526 KL", ["bakker", "verkoopmedewerker bakkerij"]),
    ("Supermarkt Kanaleneiland", "supermarkt", "3526 AB", ["kassamedewerker", "vakkenvuller", "winkelmedewerker"]),
    ("Toko Anatolia", "supermarkt", "3526 EA", ["winkelmedewerker", "kassamedewerker"]),
    ("Buurtsuper De Vaart", "supermarkt", "3525 BC", ["vakkenvuller", "kassamedewerker"]),
    ("Schoonmaakbedrijf Glans", "schoonmaak", "3526 LC", ["schoonmaker", "glazenwasser"]),
    ("Frisse Start Schoonmaak", "schoonmaak", "3527 AD", ["schoonmaker", "medewerker huishoudelijke dienst"]),
    ("Kinderopvang De Regenboog", "kinderopvang", "3526 TB", ["medewerker kinderdagverblijf"]),
    ("Kinderdagverblijf Kleine Kanjers", "kinderopvang", "3525 CH", ["medewerker kinderdagverblijf"]),
    ("Garage Transwijk", "garage", "3526 AK", ["automonteur"]),
    ("Fietsenmaker Trapkracht", "garage", "3526 XV", ["fietsenmaker"]),
    ("Restaurant De Kade", "horeca", "3526 WR", ["kok", "keukenhulp", "ober/serveerster"]),
    ("Grillroom Istanbul", "horeca", "3526 HS", ["medewerker fastfood", "keukenhulp"]),
    ("Koffiebar Boompje", "horeca", "3527 HK", ["barista", "ober/serveerster"]),
    ("Lunchroom Het Plein", "horeca", "3526 VB", ["keukenhulp", "barista"]),
    ("Thuiszorg Samen Thuis", "thuiszorg", "3526 CA", ["thuiszorgmedewerker", "medewerker huishoudelijke dienst"]),
    ("Zorg aan Huis Utrecht-West", "thuiszorg", "3524 AB", ["thuiszorgmedewerker"]),
    ("Distributiecentrum Papendorp", "magazijn", "3528 BJ", ["orderpicker", "magazijnmedewerker", "heftruckchauffeur"]),
    ("Pakketpunt West", "magazijn", "3528 AC", ["orderpicker", "bezorger"]),
    ("Fietskoeriers Utrecht", "magazijn", "3526 BE", ["fietskoerier"]),
    ("Transport Bedrijf Van Dam", "magazijn", "3528 AA", ["vrachtwagenchauffeur", "magazijnmedewerker"]),
    ("Kapsalon Fatima", "kapper", "3526 TR", ["kapper"]),
    ("Barbershop Sharp Cuts", "kapper", "3526 HA", ["kapper"]),
    ("Beautysalon Glow", "kapper", "3525 AN", ["schoonheidsspecialist"]),
    ("Klusbedrijf Handig", "bouw", "3526 DV", ["timmerman", "schilder"]),
    ("Schildersbedrijf Kleurrijk", "bouw", "3527 CD", ["schilder"]),
    ("Beveiliging Wijkwacht", "beveiliging", "3526 BL", ["beveiliger"]),
    ("Woningcorporatie Service", "overig", "3526 EG", ["conciërge", "schoonmaker"]),
    ("Klantencontact Jaarbeurs", "overig", "3521 AL", ["callcentermedewerker", "receptionist"]),
    ("Voedselproductie Vaartse Rijn", "overig", "3523 AA", ["productiemedewerker"]),
]

FIRST_NAMES = [
    "Amina", "Youssef", "Fatma", "Mohamed", "Sanne", "Daan", "Ayşe", "Emre", "Nadia", "Bilal", "Lotte", "Kofi",
    "Priya", "Rachid", "Sevda", "Tom", "Hanna", "Omar", "Zeynep", "Jeroen", "Esra", "Ahmed", "Mila", "Samir",
    "Ilse", "Hamza", "Naima", "Kevin", "Maria", "Ali", "Sara", "Ibrahim", "Noor", "Mehmet", "Eva", "Abdel",
    "Khadija", "Luuk", "Yara", "Dirk", "Salma", "Murat", "Fenna", "Tariq", "Linda", "Hüseyin", "Ruth", "Jamal",
]
LAST_INITIALS = "ABCDEGHJKLMNOPRSTVWYZ"
# Postcodes in and around Kanaleneiland (3526) — most residents live in the district.
HOME_PC4 = ["3526"] * 10 + ["3525", "3527", "3524", "3523", "3528", "3521", "3522", "3531", "3532", "3451"]
LANGUAGES_EXTRA = ["ar", "tr", "en", "ber", "so", "pl", "es", "fr", "ti", "uk"]
CEFR = ["A1", "A2", "B1", "B2", "C1"]
ABOUT = [
    "Ik heb jaren in een bakkerij gewerkt en sta graag vroeg op.",
    "Ik werk graag met mensen en help klanten graag verder.",
    "Ik ben handig en repareer thuis alles zelf.",
    "Ik heb voor mijn kinderen gezorgd en wil nu graag in de kinderopvang werken.",
    "Ik heb in Turkije als kok gewerkt. Ik kook graag voor veel mensen.",
    "Ik kan goed plannen en ben altijd op tijd.",
    "Ik zoek werk in de ochtend, als de kinderen op school zijn.",
    "Ik heb een heftruckcertificaat en ervaring in een magazijn.",
    "Ik wil graag buiten werken en fiets overal naartoe.",
    "Ik heb als schoonmaker in kantoren en scholen gewerkt.",
    "",
]


# The collective agreement most businesses of a sector follow (None: an hourly wage of their own).
SECTOR_CAO = {
    "horeca": "cao Horeca", "schoonmaak": "cao Schoonmaak- en glazenwassersbedrijf",
    "supermarkt": "cao Levensmiddelenbedrijf", "bakkerij": "cao Bakkersbedrijf", "kinderopvang": "cao Kinderopvang",
    "thuiszorg": "cao VVT", "beveiliging": "cao Particuliere Beveiliging", "garage": None, "magazijn": None,
    "kapper": None, "bouw": None,
}
# Places of work away from the business's own address (cleaning and home care happen at the client's).
WORK_ADDRESSES = {
    "schoonmaak": ["Kanaleneiland Zuid 12, Utrecht", "Churchilllaan 11, Utrecht", "Europaplein 2, Utrecht"],
    "thuiszorg": ["Bij cliënten thuis in Kanaleneiland en Transwijk"],
}


def vacancy_terms(rng, sector):
    """Pay, contract, work address and the name choice of a demo vacancy, as such a business would fill them in."""
    cao = SECTOR_CAO.get(sector)
    wage = None if cao and rng.random() < 0.6 else rng.choice([1440, 1450, 1475, 1500, 1525, 1600, 1650, 1800])
    contract = rng.choices(list(ContractType), weights=[3, 5, 2, 3])[0]
    address = rng.choice(WORK_ADDRESSES[sector]) if sector in WORK_ADDRESSES and rng.random() < 0.5 else None
    return {"hourly_wage_cents": wage, "cao_name": cao, "contract_type": contract, "work_address": address,
            "name_visible": rng.random() < 0.5}


def _letters(rng):
    return rng.choice("ABCDEGHJKLMNPRSTVWXZ") + rng.choice("ABCDEGHJKLMNPRSTVWXZ")


def _schedule(rng, parts=("morning", "afternoon"), days=5):
    week = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    chosen = sorted(rng.sample(range(7), days))
    return {week[i]: sorted(set(rng.sample(parts, rng.randint(1, len(parts)))),
                            key=("morning", "afternoon", "evening", "night").index) for i in chosen}


def seed_demo(rng_seed=2026):
    """Fill an empty database with the demo neighbourhood. Returns counts; refuses to touch a database with data."""
    if db.session.scalar(select(func.count()).select_from(User)):
        return None
    rng = random.Random(rng_seed)  # noqa: S311 (deterministic demo data, not security)
    # One slow hash for every demo account (they share the demo password).
    probe = User(email="x", role=Role.STAFF)
    probe.set_password(DEMO_PASSWORD)
    demo_hash = probe.password_hash
    users = []
    for role, email in DEMO_LOGINS:
        if role in STAFF_ROLES:
            user = User(email=email, role=role, totp_secret=DEMO_TOTP_SECRET)
            user.password_hash = demo_hash
            users.append(user)
    db.session.add_all(users)

    businesses = []
    for i, (name, sector, postcode, jobs) in enumerate(BUSINESSES):
        business = Business(
            name=name, kvk_number=f"{81000000 + i * 7919:08d}", sector=sector, postcode=postcode,
            contact_name=f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_INITIALS)}.", phone=f"06 {rng.randint(10000000, 99999999)}",
        )
        email = "bakkerij@werkstation-demo.nl" if i == 0 else f"bedrijf{i + 1}@werkstation-demo.nl"
        owner = User(email=email, role=Role.BUSINESS, business=business)
        owner.password_hash = demo_hash
        db.session.add_all([business, owner])
        businesses.append((business, jobs))

    vacancies = []
    today = date(2026, 11, 27)
    terms_rng = random.Random(rng_seed + 1)  # noqa: S311 (its own stream: the rest of the demo stays as it was)
    while len(vacancies) < 64:
        for business, jobs in businesses:
            if len(vacancies) >= 64:
                break
            job = jobs[len(vacancies) % len(jobs)] if rng.random() < 0.8 else rng.choice(jobs)
            uri, talents, licences, certificates, level = JOBS[job]
            hours_min = rng.choice([8, 12, 16, 20, 24, 32])
            parts = ("evening", "night") if job in ("beveiliger",) else ("morning", "afternoon", "evening") if business.sector == "horeca" else ("morning", "afternoon")
            vacancy = Vacancy(
                business=business, title=job[0].upper() + job[1:], occupation_uri=ESCO + uri,
                description=f"Wij zoeken een {job} voor {hours_min} tot {hours_min + 8} uur per week. "
                            f"Je werkt in een klein team in Kanaleneiland. Ervaring is fijn, maar niet nodig: we leren je het werk.",
                postcode=business.postcode, seats=rng.choice([1, 1, 1, 2, 2, 3]),
                hours_min=hours_min, hours_max=min(40, hours_min + 8), schedule=_schedule(rng, parts, rng.randint(3, 5)),
                required_talents=talents[:1], preferred_talents=talents[1:],
                languages={"nl": level}, licences=list(licences), certificates=list(certificates),
                start_date=today + timedelta(days=rng.randint(7, 60)), **vacancy_terms(terms_rng, business.sector),
                status=VacancyStatus.OPEN if rng.random() < 0.9 else VacancyStatus.DRAFT,
            )
            db.session.add(vacancy)
            vacancies.append(vacancy)

    job_names = list(JOBS)
    jobseekers = []
    for i in range(320):
        first = FIRST_NAMES[i % len(FIRST_NAMES)]
        wanted = rng.sample(job_names, rng.randint(1, 3))
        talents = sorted({t for job in wanted for t in JOBS[job][1] if rng.random() < 0.75}) or [JOBS[wanted[0]][1][0]]
        hours_min = rng.choice([0, 8, 12, 16, 20, 24])
        languages = {"nl": rng.choices(CEFR, weights=[2, 4, 4, 3, 2])[0]}
        for extra in rng.sample(LANGUAGES_EXTRA, rng.randint(0, 2)):
            languages[extra] = rng.choice(["B1", "B2", "C1", "C2"])
        mode = rng.choices(["walk", "bike", "public_transport", "car"], weights=[3, 5, 3, 1])[0]
        licences = ["B"] if mode == "car" or rng.random() < 0.2 else []
        if rng.random() < 0.05:
            licences.append("C")
        certificates = [c for c in ("HACCP", "VCA", "HEFTRUCK", "BHV") if rng.random() < 0.12]
        email = "amina@werkstation-demo.nl" if i == 0 else None
        user = None
        if i < 40:
            user = User(email=email or f"werkzoekende{i + 1}@werkstation-demo.nl", role=Role.JOBSEEKER)
            user.password_hash = demo_hash
            db.session.add(user)
        consent_at = utcnow() - timedelta(days=rng.randint(1, 300))
        jobseeker = Jobseeker(
            user=user, name=f"{first} {rng.choice(LAST_INITIALS)}.", phone=f"06 {rng.randint(10000000, 99999999)}",
            email=user.email if user else None, postcode=f"{rng.choice(HOME_PC4)} {_letters(rng)}",
            # Work done, and the answer "no other work wanted": explanations then say "heeft gewerkt als", as they
            # do for anyone who went through today's intake (None is an older profile: done or wanted unknown).
            occupations=[ESCO + JOBS[job][0] for job in wanted], wanted_occupations=[], talents=talents,
            about=rng.choice(ABOUT),
            hours_min=hours_min, hours_max=min(40, hours_min + rng.choice([8, 12, 16, 20])),
            availability=_schedule(rng, ("morning", "afternoon", "evening"), rng.randint(2, 6)),
            languages=languages, licences=licences, certificates=certificates,
            max_travel_minutes=rng.choice([15, 20, 30, 45]), travel_mode=mode,
            status=JobseekerStatus.AVAILABLE if rng.random() < 0.92 else JobseekerStatus.PAUSED,
            consent_at=consent_at, consent_version="2026-11", consent_in_person=user is None,
            created_at=consent_at, last_active_at=consent_at + timedelta(days=rng.randint(0, 30)),
        )
        db.session.add(jobseeker)
        jobseekers.append(jobseeker)
    db.session.commit()
    counts = {"businesses": len(businesses), "vacancies": len(vacancies), "jobseekers": len(jobseekers)}
    # Suggestions for everything, then the staff workspace's history (decisions, placements, follow-ups).
    from .staff.demo_history import seed_history

    counts.update(seed_history(rng_seed))
    history_delivered()
    from .contacts.demo import seed_contacts

    counts["contact_notes"] = seed_contacts()
    return counts


def history_delivered():
    """The demo's past happened before today: its messages count as delivered then (they show on each person's
    Berichten page), so the sender does not send months-old news now and the call list starts empty."""
    from .outbox.models import Channel, Message, MessageStatus

    db.session.execute(update(Message).where(Message.channel == Channel.EMAIL)
                       .values(status=MessageStatus.SENT, sent_at=Message.created_at))
    db.session.execute(update(Message).where(Message.channel != Channel.EMAIL)
                       .values(status=MessageStatus.DONE, done_at=Message.created_at))
    db.session.commit()
