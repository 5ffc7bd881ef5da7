"""Helpers for the fiscal tests: receipts, claims filed the way the employee files them."""

import datetime
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile

from shop.welfare.claims import claim_file
from shop.welfare.models import Wallet
from tests.eligibility.factories import codice_fiscale, partita_iva
from tests.factories import pdf_bytes
from tests.welfare.factories import ON

PDF = pdf_bytes()
SUPPLIER_VAT = partita_iva(4242)


def receipt_pdf(name="ricevuta.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def claim_data(**overrides):
    data = {
        "benefit_type": "c2_fbis",
        "beneficiary_name": "Luca Rossi",
        "beneficiary_codice_fiscale": codice_fiscale(777),
        "relation": "child",
        "receipt_date": ON - datetime.timedelta(days=1) if ON.month > 1 or ON.day > 1 else ON,
        "receipt_number": "2026/117",
        "supplier_name": "Asilo nido Il Girasole",
        "supplier_tax_code": SUPPLIER_VAT,
        "description": "Retta asilo nido di ottobre",
        "amount": Decimal("120.00"),
    }
    data.update(overrides)
    return data


def file_claim(*, user, wallet: Wallet, **overrides):
    return claim_file(user=user, wallet=wallet, receipt=receipt_pdf(), **claim_data(**overrides))
