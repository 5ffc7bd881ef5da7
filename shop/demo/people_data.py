"""Member companies and the names of the people who work for them (demo data, no database access)."""

import datetime
from dataclasses import dataclass


@dataclass(frozen=True)
class EmployerSpec:
    name: str
    seat: str
    member_since: datetime.date
    domain: str
    weight: int  # share of the 150 employees
    suspended: bool = False


EMPLOYERS: list[EmployerSpec] = [
    EmployerSpec("La Cordata", "Trescore Balneario", datetime.date(2019, 3, 1), "lacordata.example", 30),
    EmployerSpec("Sebina Lavoro", "Sarnico", datetime.date(2019, 3, 1), "sebinalavoro.example", 26),
    EmployerSpec("Il Ponte", "Casazza", datetime.date(2019, 9, 15), "ilponte-coop.example", 20),
    EmployerSpec("Lago Vivo", "Predore", datetime.date(2020, 1, 10), "lagovivo.example", 14),
    EmployerSpec("Calepio Servizi", "Villongo", datetime.date(2020, 6, 1), "calepioservizi.example", 18),
    EmployerSpec("Il Melograno", "San Paolo d'Argon", datetime.date(2021, 2, 1), "ilmelograno.example", 16),
    EmployerSpec(
        "Monte Bronzone", "Adrara San Martino", datetime.date(2022, 4, 1), "montebronzone.example", 12
    ),
    EmployerSpec(
        "Val Cavallina Solidale",
        "Endine Gaiano",
        datetime.date(2021, 9, 1),
        "vcsolidale.example",
        14,
        suspended=True,
    ),
]
EMPLOYER_LEGAL_FORM = "Società Cooperativa Sociale ONLUS"

FEMALE_NAMES = [
    "Giulia",
    "Chiara",
    "Francesca",
    "Sara",
    "Elena",
    "Silvia",
    "Paola",
    "Laura",
    "Valentina",
    "Federica",
    "Martina",
    "Alessandra",
    "Roberta",
    "Monica",
    "Cristina",
    "Barbara",
    "Anna",
    "Marta",
    "Elisa",
    "Ilaria",
    "Serena",
    "Simona",
    "Daniela",
    "Lucia",
    "Manuela",
    "Giovanna",
    "Nadia",
    "Michela",
    "Veronica",
    "Beatrice",
]
MALE_NAMES = [
    "Marco",
    "Luca",
    "Andrea",
    "Matteo",
    "Davide",
    "Alessandro",
    "Stefano",
    "Paolo",
    "Simone",
    "Giovanni",
    "Francesco",
    "Roberto",
    "Fabio",
    "Massimo",
    "Giuseppe",
    "Lorenzo",
    "Mattia",
    "Nicola",
    "Claudio",
    "Michele",
]
SURNAMES = [
    "Rota",
    "Locatelli",
    "Pesenti",
    "Bonacina",
    "Belotti",
    "Cortinovis",
    "Gritti",
    "Carminati",
    "Facchinetti",
    "Bergamelli",
    "Ghisleni",
    "Zanchi",
    "Bertoli",
    "Manzoni",
    "Mazzoleni",
    "Brignoli",
    "Cattaneo",
    "Colombo",
    "Ferrari",
    "Rinaldi",
    "Pagani",
    "Zambelli",
    "Bettoni",
    "Plebani",
    "Suardi",
    "Vavassori",
    "Signori",
    "Moretti",
    "Foresti",
    "Agazzi",
    "Nembrini",
    "Ravasio",
    "Capelli",
    "Bonetti",
    "Lazzari",
    "Sangalli",
    "Gervasoni",
    "Bosio",
    "Tiraboschi",
    "Valoti",
    "Cadei",
    "Bellini",
    "Bonzi",
    "Cuni",
    "Finazzi",
    "Ghilardi",
    "Marchesi",
    "Oberti",
    "Paris",
    "Zenoni",
]
# People born abroad, with the Z-code that takes the place of the municipality in their
# codice fiscale: many care workers of the territory's cooperatives.
FOREIGN_PEOPLE = [
    ("Ioana", "Popescu", True, "Z129"),  # Romania
    ("Elena", "Ionescu", True, "Z129"),
    ("Mihai", "Dumitru", False, "Z129"),
    ("Fatima", "El Amrani", True, "Z330"),  # Morocco
    ("Youssef", "Benali", False, "Z330"),
    ("Oksana", "Kovalenko", True, "Z138"),  # Ukraine
    ("Ardita", "Hoxha", True, "Z100"),  # Albania
    ("Arben", "Krasniqi", False, "Z100"),
    ("Aminata", "Diop", True, "Z343"),  # Senegal
    ("Moussa", "Ndiaye", False, "Z343"),
]
# Where Italian-born employees were born, besides their home municipality (hospitals of the area).
BIRTH_PLACES = ["Bergamo", "Seriate", "Lovere", "Alzano Lombardo", "Iseo", "Brescia", "Palazzolo sull'Oglio"]
# Municipalities just outside the territory where some employees live.
NEIGHBOURS = [
    "Bergamo",
    "Seriate",
    "Lovere",
    "Costa Volpino",
    "Castelli Calepio",
    "Grumello del Monte",
    "Chiuduno",
    "Albano Sant'Alessandro",
    "Paratico",
    "Capriolo",
    "Iseo",
    "Sovere",
]
