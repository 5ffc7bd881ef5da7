"""Demo data of the charter: two versions, most suppliers approved and signed, a few that show
the gate at work (applied, changes requested, suspended, on the old version inside the grace
period). Idempotent: versions, admissions and signatures are found by natural keys."""

import datetime
import random

from django.contrib.auth import get_user_model
from django.utils import timezone
from oscar.core.loading import get_model

from shop.charter import charter_text
from shop.charter.models import Admission, AuditEntry, CharterCommitment, CharterVersion, Signature
from shop.charter.selectors import grace_days, partner_may_sell
from shop.charter.services import audit_append
from shop.core.roles import Role, grant_role
from shop.demo.italian import partita_iva
from shop.territory.models import Municipality

Partner = get_model("partner", "Partner")

V1_EFFECTIVE = datetime.date(2025, 1, 1)
# Version 2 took effect a few weeks before the demo is first loaded: one supplier still sells
# on version 1 inside the grace period.
V2_DAYS_AGO = 20

SUSPENDED = "Malga Lunga"
OLD_VERSION_ONLY = "Dolci Colline"
APPROVED_AT = datetime.datetime(2025, 1, 10, 11, 0, tzinfo=datetime.UTC)
SUSPENSION_REASON = "Controllo in loco: etichette senza comune di origine."
CHANGES_REASON = "Indicate l'origine dell'orzo e i comuni in cui consegnate."
APPLICANTS = [
    # (name, legal form, seat, status, signed the current charter?, offers, how it produces, contact)
    (
        "Orto Sociale Il Germoglio",
        "Cooperativa Sociale Agricola di tipo B",
        "Grumello del Monte",
        Admission.Status.APPLIED,
        True,
        "Ortaggi di stagione e cassette settimanali.",
        "Agricoltura sociale con persone in inserimento lavorativo; lotta integrata.",
        ("Giovanni", "Belotti"),
    ),
    (
        "Birrificio del Calepio",
        "Società Agricola",
        "Castelli Calepio",
        Admission.Status.CHANGES_REQUESTED,
        False,
        "Birre artigianali da orzo coltivato in proprio.",
        "Produzione artigianale non filtrata.",
        ("Sara", "Cortesi"),
    ),
]


def _version(number: int, effective: datetime.date, commitments, published_at) -> CharterVersion:
    version = CharterVersion.objects.filter(number=number).first()
    if version is not None:
        return version
    version = CharterVersion.objects.create(
        number=number,
        title=charter_text.TITLE,
        preamble=charter_text.PREAMBLE,
        effective_date=effective,
        requires_signed_pdf=False,
    )
    for position, (group, text) in enumerate(commitments):
        CharterCommitment.objects.create(version=version, group=group, position=position, text=text)
    version.published_at = published_at
    version.save(update_fields=["published_at"])
    return version


def _deadline(version) -> str:
    grace_ends = version.effective_date + datetime.timedelta(days=grace_days() - 1)
    return f"Firmala entro il {grace_ends:%d/%m/%Y} per continuare a vendere."


def _sign(partner, version, user, signed_at, signer) -> None:
    if Signature.objects.filter(partner=partner, version=version).exists():
        return
    Signature.objects.create(
        partner=partner,
        version=version,
        signer_name=signer,
        signer_role="Legale rappresentante",
        signed_by=user,
        signed_at=signed_at,
        text_sha256=version.text_sha256(),
    )
    audit_append(partner=partner, actor=user, action=AuditEntry.Action.SIGNED, version=version, at=signed_at)


def _supplier_login(partner):
    user = partner.users.order_by("pk").first()
    if user is not None:
        return user
    User = get_user_model()
    email = f"{partner.code}@fornitori.atc56w.example"
    user = User._default_manager.filter(username=email).first() or User._default_manager.create_user(
        username=email, email=email
    )
    user.set_unusable_password()
    user.save(update_fields=["password"])
    grant_role(user, Role.SUPPLIER)
    partner.users.add(user)
    return user


def load(*, stdout, rng: random.Random) -> None:
    User = get_user_model()
    manager = User._default_manager.filter(groups__name=Role.MANAGER, is_staff=True).order_by("pk").first()
    today = timezone.localdate()
    now = timezone.now()
    v1 = _version(
        1,
        V1_EFFECTIVE,
        charter_text.COMMITMENTS_V1,
        timezone.make_aware(datetime.datetime(2024, 12, 1, 10, 0)),
    )
    v2 = _version(
        2,
        today - datetime.timedelta(days=V2_DAYS_AGO),
        charter_text.COMMITMENTS_V2,
        now - datetime.timedelta(days=V2_DAYS_AGO + 30),
    )

    for partner in Partner._default_manager.exclude(name__in=[a[0] for a in APPLICANTS]).order_by("name"):
        user = _supplier_login(partner)
        signer = user.get_full_name() or partner.name
        status = Admission.Status.SUSPENDED if partner.name == SUSPENDED else Admission.Status.APPROVED
        applied_at = timezone.make_aware(datetime.datetime(2024, 12, 2 + rng.randrange(3), 9, 0))
        v1_signed = timezone.make_aware(datetime.datetime(2024, 12, 5 + rng.randrange(20), 16, 0))
        v2_signed = now - datetime.timedelta(days=rng.randrange(1, V2_DAYS_AGO + 20))
        admission, created = Admission.objects.get_or_create(
            partner=partner,
            defaults={
                "status": status,
                "contact_name": signer,
                "contact_role": "Legale rappresentante",
                "applicant": user,
                "applied_at": applied_at,
                "decided_at": APPROVED_AT
                if status == Admission.Status.APPROVED
                else now - datetime.timedelta(days=5),
                "reason": SUSPENSION_REASON if status == Admission.Status.SUSPENDED else "",
            },
        )
        _sign(partner, v1, user, v1_signed, signer)
        if created:
            # The history of a supplier admitted before the shop opened, with its real dates.
            audit_append(partner=partner, actor=user, action=AuditEntry.Action.APPLIED, at=applied_at)
            audit_append(partner=partner, actor=manager, action=AuditEntry.Action.APPROVED, at=APPROVED_AT)
            audit_append(
                partner=partner,
                actor=manager,
                action=AuditEntry.Action.VERSION_PUBLISHED,
                version=v2,
                reason=_deadline(v2),
                at=v2.published_at,
            )
            if status == Admission.Status.SUSPENDED:
                audit_append(
                    partner=partner,
                    actor=manager,
                    action=AuditEntry.Action.SUSPENDED,
                    reason=SUSPENSION_REASON,
                    at=now - datetime.timedelta(days=5),
                )
        if partner.name != OLD_VERSION_ONLY:
            _sign(partner, v2, user, v2_signed, signer)

    for name, form, seat_name, status, signed, offers, production, (first, last) in APPLICANTS:
        seat = Municipality.objects.filter(name=seat_name).first()
        partner, created = Partner._default_manager.get_or_create(
            name=name,
            defaults={
                "legal_name": f"{name} {form}",
                "vat_number": partita_iva(rng=rng),
                "seat": seat,
                "email": f"info@{name.lower().replace(' ', '')[:20]}.example",
                "description": offers,
                "production_notes": production,
            },
        )
        user = _supplier_login(partner)
        if not user.first_name:
            user.first_name, user.last_name = first, last
            user.save(update_fields=["first_name", "last_name"])
        admission, created = Admission.objects.get_or_create(
            partner=partner,
            defaults={
                "status": status,
                "contact_name": f"{first} {last}",
                "contact_role": "Presidente",
                "applicant": user,
                "applied_at": now - datetime.timedelta(days=3),
                "reason": CHANGES_REASON if status == Admission.Status.CHANGES_REQUESTED else "",
            },
        )
        if created:
            audit_append(
                partner=partner, actor=user, action=AuditEntry.Action.APPLIED, at=admission.applied_at
            )
            if status == Admission.Status.CHANGES_REQUESTED:
                audit_append(
                    partner=partner,
                    actor=manager,
                    action=AuditEntry.Action.CHANGES_REQUESTED,
                    reason=CHANGES_REASON,
                    at=now - datetime.timedelta(days=1),
                )
        if signed:
            _sign(partner, v2, user, now - datetime.timedelta(days=2), f"{first} {last}")

    # The gate's last known state, so the first real change is the one that gets notified.
    for admission in Admission.objects.select_related("partner"):
        on_sale = partner_may_sell(admission.partner)
        if admission.on_sale != on_sale:
            Admission.objects.filter(pk=admission.pk).update(on_sale=on_sale)
    counts = {s: Admission.objects.filter(status=s).count() for s in Admission.Status.values}
    stdout.write(f"Charter: versions 1-2, admissions {counts}.")
