"""Charter versions, admissions and signatures for tests, written through the models directly
(the services have their own tests) so each gating case is set up in one line."""

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

from shop.charter.models import Admission, CharterCommitment, CharterVersion, CommitmentGroup, Signature
from shop.core.roles import Role, grant_role

User = get_user_model()


def published_version(
    *, number: int | None = None, effective_date: datetime.date | None = None
) -> CharterVersion:
    if number is None:
        number = (
            CharterVersion.objects.order_by("-number").values_list("number", flat=True).first() or 0
        ) + 1
    version = CharterVersion.objects.create(
        number=number,
        title="Carta etica dei fornitori",
        preamble=f"Testo della versione {number}.",
        effective_date=effective_date or timezone.localdate() - datetime.timedelta(days=365),
    )
    CharterCommitment.objects.create(
        version=version, group=CommitmentGroup.TERRITORY, text="Impegno sul territorio."
    )
    version.published_at = timezone.now()
    version.save()
    return version


def current_version() -> CharterVersion:
    from shop.charter.selectors import charter_in_force

    return charter_in_force() or published_version()


def supplier_user(partner, *, email: str | None = None):
    email = email or f"fornitore{partner.pk}@example.org"
    user = User.objects.create_user(username=email, email=email, password="pw-Fornitore-2026")
    grant_role(user, Role.SUPPLIER)
    partner.users.add(user)
    return user


def admit(partner, *, status: str = Admission.Status.APPROVED, on_sale: bool | None = None) -> Admission:
    admission, _created = Admission.objects.update_or_create(
        partner=partner,
        defaults={"status": status, "contact_name": "Maria Rossi", "contact_role": "Legale rappresentante"},
    )
    return admission


def sign(partner, version: CharterVersion | None = None, *, user=None) -> Signature:
    version = version or current_version()
    user = user or partner.users.first() or supplier_user(partner)
    return Signature.objects.create(
        partner=partner,
        version=version,
        signer_name="Maria Rossi",
        signer_role="Legale rappresentante",
        signed_by=user,
        text_sha256=version.text_sha256(),
    )


def admit_and_sign(partner) -> None:
    """A supplier as the shop normally has them: approved, with the charter in force signed."""
    admission = admit(partner)
    sign(partner)
    Admission.objects.filter(pk=admission.pk).update(on_sale=True)


def sign_every_version(partner) -> None:
    """Keep a supplier up to date with every published version (for the 'good' supplier in a test)."""
    signed = set(Signature.objects.filter(partner=partner).values_list("version_id", flat=True))
    for version in CharterVersion.objects.filter(published_at__isnull=False).exclude(pk__in=signed):
        sign(partner, version)
