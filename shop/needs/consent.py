"""The consent text a household profile is given under (GDPR art. 9.2.a), and its version.

A new wording gets a new version: profiles given under an older one ask for consent again
on their next change, and the export says which text each consent was given to.
"""

from django.utils.translation import gettext_lazy as _

CONSENT_VERSION = "2026-1"

CONSENT_TEXT = _(
    "I agree that AtC56W+ keeps the information about my household that I give in this form "
    "(the people I care for, their age, relation and where they live, my working hours and what "
    "I need now), which may reveal health information about my relatives, for the sole purpose "
    "of showing me the offer that fits my family. Only I can see it: my employer, the suppliers "
    "and the shop's staff never see it; reports use only counts of five or more households. "
    "I can download it or delete it at any time from this page, which withdraws this consent."
)
