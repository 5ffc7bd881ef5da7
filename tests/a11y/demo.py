"""The demo logins the sweep signs in as (docs/demo.md), one per role of tests/a11y/pages.py."""

from django.contrib.auth import get_user_model

EMAILS = {
    "employee": "fabio.belotti@lacordata.example",
    "hr": "hr@atc56w.example",
    "supplier": "fornitore@atc56w.example",
    "manager": "gestore@atc56w.example",
    "operator": "operatore.sfa@atc56w.example",
    "trainee": "tirocinante.sfa@atc56w.example",
}


def demo_user(role: str):
    """The demo login of ``role``; None for the visitor (nobody logged in)."""
    if role not in EMAILS:
        return None
    return get_user_model()._default_manager.get(email=EMAILS[role])
