"""Writes of household needs: profiles under consent, and urgent requests with their deadlines.

Urgent requests move pending → accepted | refused | expired, once: the supplier answers
within ``SHOP_URGENT_RESPONSE_HOURS`` (default 4) or ``urgent_requests_expire`` closes them.
"""

import datetime
import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from shop.bookings.selectors import bookings_of_order
from shop.eligibility.selectors import employment_for_credit
from shop.needs.consent import CONSENT_VERSION
from shop.needs.exceptions import ConsentRequired, NotAnEmployee, UrgentRequestError
from shop.needs.models import CaredPerson, ConsentEvent, HouseholdProfile, Need, UrgentRequest
from shop.needs.selectors import (
    response_hours,
    urgent_offers,
    urgent_requests_for_supplier,
    urgent_requests_overdue,
)

logger = logging.getLogger(__name__)


# --- Household profile -----------------------------------------------------------------------


@transaction.atomic
def household_profile_save(
    *,
    user,
    consent: bool,
    home_municipality,
    working_hours: str,
    needs,
    people: list[dict],
) -> HouseholdProfile:
    """Create or replace the user's household profile; refused without consent to the current text.

    ``people`` are dicts of CaredPerson fields (kind, relation, birth_year, municipality) and
    replace the previous list. Only employees with an active employment may keep a profile.
    """
    if not consent:
        raise ConsentRequired(
            _("A household profile is kept only with your explicit consent: tick the box to give it.")
        )
    if employment_for_credit(user=user) is None:
        raise NotAnEmployee(_("Household profiles are for employees of member companies."))
    now = timezone.now()
    profile = HouseholdProfile.objects.select_for_update().filter(user=user).first()
    if profile is None or profile.consent_version != CONSENT_VERSION:
        ConsentEvent.objects.create(
            user=user, action=ConsentEvent.Action.GIVEN, consent_version=CONSENT_VERSION
        )
    if profile is None:
        profile = HouseholdProfile(user=user, consent_version=CONSENT_VERSION, consent_given_at=now)
    elif profile.consent_version != CONSENT_VERSION:
        profile.consent_version, profile.consent_given_at = CONSENT_VERSION, now
    profile.home_municipality = home_municipality
    profile.working_hours = working_hours
    profile.save()
    profile.needs.set(needs)
    profile.people.all().delete()
    CaredPerson.objects.bulk_create([CaredPerson(profile=profile, **person) for person in people])
    return profile


@transaction.atomic
def household_profile_delete(*, user) -> bool:
    """Hard-delete the profile and the people in it, and record the withdrawal of consent."""
    profile = HouseholdProfile.objects.filter(user=user).first()
    if profile is None:
        return False
    version = profile.consent_version
    profile.delete()  # cascades to CaredPerson and the needs links
    ConsentEvent.objects.create(user=user, action=ConsentEvent.Action.WITHDRAWN, consent_version=version)
    return True


# --- Urgent requests --------------------------------------------------------------------------


def _mail(*, subject: str, body: str, to: list[str]) -> None:
    recipients = sorted({address for address in to if address})
    if recipients:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)


def _supplier_addresses(partner) -> list[str]:
    return [partner.email, *partner.users.values_list("email", flat=True)]


def _buyer_name(user) -> str:
    return user.first_name or _("A buyer")


@transaction.atomic
def urgent_request_create(
    *,
    buyer,
    need,
    product,
    partner,
    municipality,
    wanted_from: datetime.datetime,
    contact_phone: str,
    message: str = "",
    now: datetime.datetime | None = None,
) -> UrgentRequest:
    """Send an urgent request for a service offered at short notice in ``municipality``.

    Refused when the service is not (or no longer) offered urgently by ``partner`` there,
    or when the time wanted is past or more than a week away.
    """
    now = now or timezone.now()
    if not any(
        offer.product.pk == product.pk and offer.partner.pk == partner.pk
        for offer in urgent_offers(need=need, municipality=municipality)
    ):
        raise UrgentRequestError(
            _("This supplier does not offer this service at short notice in %(place)s.")
            % {"place": municipality.name}
        )
    if not now < wanted_from <= now + datetime.timedelta(days=7):
        raise UrgentRequestError(_("Choose a time in the next seven days."))
    request = UrgentRequest.objects.create(
        buyer=buyer,
        need=need,
        product=product,
        partner=partner,
        municipality=municipality,
        wanted_from=wanted_from,
        contact_phone=contact_phone,
        message=message,
        respond_by=now + datetime.timedelta(hours=response_hours()),
    )
    local = timezone.localtime
    _mail(
        subject=_("Urgent request #%(number)s: %(service)s")
        % {"number": request.pk, "service": product.title},
        body=_(
            "%(name)s asks for %(service)s in %(place)s from %(when)s (situation: %(situation)s).\n"
            "Phone to call back: %(phone)s\nMessage: %(message)s\n\n"
            "Accept or refuse it from your dashboard by %(due)s; after that it expires."
        )
        % {
            "name": _buyer_name(buyer),
            "service": product.title,
            "place": municipality.name,
            "when": f"{local(wanted_from):%d/%m/%Y %H:%M}",
            "situation": need.emergency_prompt or need.name,
            "phone": contact_phone,
            "message": message or "—",
            "due": f"{local(request.respond_by):%d/%m/%Y %H:%M}",
        },
        to=_supplier_addresses(partner),
    )
    _mail(
        subject=_("Your urgent request #%(number)s was sent") % {"number": request.pk},
        body=_(
            "We sent your request for %(service)s to %(supplier)s (phone %(phone)s). "
            "They answer by %(due)s: you will get an email either way."
        )
        % {
            "service": product.title,
            "supplier": partner.name,
            "phone": partner.phone or "—",
            "due": f"{local(request.respond_by):%d/%m/%Y %H:%M}",
        },
        to=[buyer.email],
    )
    return request


def _tell_buyer(request: UrgentRequest) -> None:
    texts = {
        UrgentRequest.Status.ACCEPTED: _(
            "%(supplier)s accepted your urgent request for %(service)s. %(note)s"
        ),
        UrgentRequest.Status.REFUSED: _(
            "%(supplier)s cannot take your urgent request for %(service)s. %(note)s "
            "Other suppliers may be available on the Urgent page."
        ),
        UrgentRequest.Status.EXPIRED: _(
            "%(supplier)s did not answer your urgent request for %(service)s in time. "
            "Call them or choose another supplier on the Urgent page."
        ),
    }
    _mail(
        subject=_("Urgent request #%(number)s: %(status)s")
        % {"number": request.pk, "status": request.get_status_display()},
        body=texts[request.status]
        % {"supplier": request.partner.name, "service": request.product.title, "note": request.supplier_note},
        to=[request.buyer.email],
    )


def urgent_request_answer(*, user, request_id: int, accept: bool, note: str = "", now=None) -> UrgentRequest:
    """The supplier accepts or refuses a pending request of its own partner, before it is due.

    A request of another partner does not exist for this user (UrgentRequest.DoesNotExist).
    An answer after the deadline expires the request (kept, and told) and is refused.
    """
    now = now or timezone.now()
    with transaction.atomic():
        request = urgent_requests_for_supplier(user=user).select_for_update(of=("self",)).get(pk=request_id)
        if request.status != UrgentRequest.Status.PENDING:
            raise UrgentRequestError(
                _("This request was already closed: %(status)s.") % {"status": request.get_status_display()}
            )
        late = request.respond_by <= now
        if late:
            _expire(request, now=now)
        else:
            request.status = UrgentRequest.Status.ACCEPTED if accept else UrgentRequest.Status.REFUSED
            request.answered_at, request.answered_by, request.supplier_note = now, user, note
            request.save(update_fields=["status", "answered_at", "answered_by", "supplier_note"])
            _tell_buyer(request)
    if late:
        raise UrgentRequestError(_("The time to answer this request has passed: it expired."))
    return request


def _expire(request: UrgentRequest, *, now) -> None:
    request.status = UrgentRequest.Status.EXPIRED
    request.answered_at = now
    request.save(update_fields=["status", "answered_at"])
    _tell_buyer(request)
    _mail(
        subject=_("Urgent request #%(number)s expired") % {"number": request.pk},
        body=_("Nobody answered the urgent request for %(service)s in time: the buyer was told.")
        % {"service": request.product.title},
        to=_supplier_addresses(request.partner),
    )


def urgent_requests_expire(*, now: datetime.datetime | None = None) -> int:
    """Close every pending request past its deadline as expired; running it twice changes nothing."""
    now = now or timezone.now()
    expired = 0
    with transaction.atomic():
        overdue = (
            urgent_requests_overdue(now=now)
            .select_for_update(skip_locked=True)
            .select_related("buyer", "partner", "product")
        )
        for request in overdue:
            _expire(request, now=now)
            expired += 1
    if expired:
        logger.info("Expired %s urgent requests", expired)
    return expired


# --- The needs taxonomy (the manager's page) -------------------------------------------------------


@transaction.atomic
def need_save(*, need: Need | None = None, categories=(), product_classes=(), products=(), **fields) -> Need:
    """Create ``need`` (or a new one) with ``fields``, then what it matches in the catalogue."""
    need = need or Need()
    for name, value in fields.items():
        setattr(need, name, value)
    need.save()
    need.categories.set(categories)
    need.product_classes.set(product_classes)
    need.products.set(products)
    return need


# --- Urgent requests turned into bookings (shop.bookings) ---------------------------------------


def urgent_requests_link_bookings(*, order) -> list[UrgentRequest]:
    """Record which booking of ``order`` answers each accepted urgent request of its buyer.

    A booking answers the newest accepted request of the same buyer, service and supplier (and
    municipality, for home services) that has no booking yet; each request takes one booking.
    An order that booked nothing (most of them: groceries) costs one read and no transaction.
    """
    bookings = list(bookings_of_order(order=order))
    if not bookings:
        return []
    return _link_bookings(bookings)


@transaction.atomic
def _link_bookings(bookings) -> list[UrgentRequest]:
    linked = []
    for booking in bookings:
        requests = UrgentRequest.objects.select_for_update().filter(
            buyer_id=booking.buyer_id,
            product_id=booking.product_id,
            partner_id=booking.partner_id,
            status=UrgentRequest.Status.ACCEPTED,
            booking_reference="",
        )
        if booking.is_home:
            requests = requests.filter(municipality_id=booking.municipality_id)
        request = requests.order_by("-answered_at", "-pk").first()
        if request is not None:
            request.booking_reference = booking.reference
            request.save(update_fields=["booking_reference"])
            linked.append(request)
    return linked
