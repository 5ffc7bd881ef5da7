"""Demo member companies (social cooperatives of the territory) and their employee rosters."""

import datetime
import random

from django.utils.text import slugify

from shop.demo import people_data as data
from shop.demo.italian import codice_fiscale, partita_iva
from shop.demo.upsert import upsert
from shop.eligibility.models import Employee, Employer
from shop.territory.models import Municipality

EMPLOYEES = 150


def employers_load(*, rng: random.Random) -> list[Employer]:
    by_name = {m.name: m for m in Municipality.objects.filter(name__in=[e.seat for e in data.EMPLOYERS])}
    employers = []
    for spec in data.EMPLOYERS:
        seat = by_name[spec.seat]
        employer, _ = upsert(
            Employer,
            lookup={"legal_name": f"{spec.name} {data.EMPLOYER_LEGAL_FORM}"},
            values={
                "vat_number": partita_iva(rng=rng, province=seat.province),
                "status": Employer.Status.SUSPENDED if spec.suspended else Employer.Status.ACTIVE,
                "member_since": spec.member_since,
                "member_until": None,
                "area": seat.area,
                "seat_id": seat.pk,
            },
        )
        employers.append(employer)
    return employers


def _email_local(first: str, last: str) -> str:
    return f"{slugify(first)}.{slugify(last)}".replace("-", "")


def _random_date(rng: random.Random, start: datetime.date, end: datetime.date) -> datetime.date:
    return start + datetime.timedelta(days=rng.randint(0, (end - start).days))


def employees_load(*, rng: random.Random, employers: list[Employer]) -> list[Employee]:
    """150 people: most live in the 32 municipalities, a tenth were born abroad, a few have left."""
    territory = list(Municipality.objects.exclude(area="").order_by("istat_code"))
    places = {m.name: m for m in Municipality.objects.filter(name__in=data.NEIGHBOURS + data.BIRTH_PLACES)}
    neighbours = [places[name] for name in data.NEIGHBOURS]
    weights = [spec.weight for spec in data.EMPLOYERS]
    foreign = list(data.FOREIGN_PEOPLE)
    used_codes, used_emails, employees = set(), set(), []
    for n in range(EMPLOYEES):
        employer_index = rng.choices(range(len(employers)), weights=weights)[0]
        employer, spec = employers[employer_index], data.EMPLOYERS[employer_index]
        if foreign and n % 15 == 7:
            first, last, female, place_code = foreign.pop(0)
        else:
            female = rng.random() < 0.72  # care work in the cooperatives is mostly women's work
            first = rng.choice(data.FEMALE_NAMES if female else data.MALE_NAMES)
            last = rng.choice(data.SURNAMES)
            place_code = None
        if rng.random() < 0.85:
            home = rng.choices(territory, weights=[m.population for m in territory])[0]
        else:
            home = rng.choice(neighbours)
        if place_code is None:
            birth_place = home if rng.random() < 0.3 else places[rng.choice(data.BIRTH_PLACES)]
            place_code = birth_place.cadastral_code
        birth = _random_date(rng, datetime.date(1962, 1, 1), datetime.date(2001, 12, 31))
        code = codice_fiscale(
            first_name=first, last_name=last, birth_date=birth, female=female, place_code=place_code
        )
        while code in used_codes:  # same name, day and place: move the birthday, not the algorithm
            birth += datetime.timedelta(days=1)
            code = codice_fiscale(
                first_name=first, last_name=last, birth_date=birth, female=female, place_code=place_code
            )
        used_codes.add(code)
        local = _email_local(first, last)
        email = f"{local}@{spec.domain}"
        suffix = 2
        while email in used_emails:
            email = f"{local}{suffix}@{spec.domain}"
            suffix += 1
        used_emails.add(email)
        adult = birth + datetime.timedelta(days=19 * 366)
        start = _random_date(rng, max(datetime.date(2008, 1, 1), adult), datetime.date(2025, 9, 1))
        # A few have left: they stay on the roster, with an end date, so history is kept.
        end = None
        if n % 25 == 24:
            end = _random_date(rng, start + datetime.timedelta(days=90), datetime.date(2026, 6, 30))
        employee, _ = upsert(
            Employee,
            lookup={"employer_id": employer.pk, "codice_fiscale": code},
            values={
                "first_name": first,
                "last_name": last,
                "work_email": email,
                "home_municipality_id": home.pk,
                "work_municipality_id": employer.seat_id,
                "start_date": start,
                "end_date": end,
            },
        )
        employees.append(employee)
    return employees
