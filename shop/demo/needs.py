"""Demo data of household needs: the taxonomy linked to the demo catalogue, services at short
notice, and a household profile for the demo employee (fictional, with its consent recorded)."""

from django.contrib.auth import get_user_model
from django.utils import timezone
from oscar.core.loading import get_model

from shop.needs.consent import CONSENT_VERSION
from shop.needs.models import CaredPerson, ConsentEvent, HouseholdProfile, Need, UrgentService
from shop.needs.taxonomy import taxonomy_apply
from shop.territory.models import Municipality

Category = get_model("catalogue", "Category")
Product = get_model("catalogue", "Product")

# Subcategories whose services can start at short notice in the demo.
URGENT_SUBCATEGORIES = (
    "Nidi e baby sitting",
    "Assistenza domiciliare",
    "Disabilità e sollievo",
    "Trasporto e accompagnamento",
)


def load(*, stdout, rng) -> None:
    taxonomy_apply(Need=Need, Category=Category)
    urgent = 0
    services = (
        Product._default_manager.filter(
            categories__name__in=URGENT_SUBCATEGORIES, product_class__track_stock=False
        )
        .distinct()
        .order_by("upc")
    )
    for product in services:
        # Two services in three can start at short notice: enough for every situation somewhere.
        if rng.random() < 0.67:
            UrgentService.objects.update_or_create(
                product=product, defaults={"notice_hours": rng.choice((24, 24, 48)), "is_active": True}
            )
            urgent += 1
    profiles = _demo_household(rng=rng)
    stdout.write(
        f"needs: {Need.objects.count()} needs, {urgent} services at short notice, {profiles} profile\n"
    )


def _demo_household(*, rng) -> int:
    from shop.eligibility.models import Employee

    user = get_user_model()._default_manager.filter(username="dipendente").first()
    employee = (
        Employee.objects.filter(user=user).select_related("home_municipality").first() if user else None
    )
    if employee is None or HouseholdProfile.objects.filter(user=user).exists():
        return 0
    home = employee.home_municipality
    others = list(Municipality.objects.exclude(area="").exclude(pk=home.pk).order_by("istat_code"))
    parent_place = rng.choice(others) if others else None
    profile = HouseholdProfile.objects.create(
        user=user,
        home_municipality=home,
        working_hours=HouseholdProfile.WorkingHours.FULL_DAY,
        consent_version=CONSENT_VERSION,
        consent_given_at=timezone.now(),
    )
    ConsentEvent.objects.create(user=user, action=ConsentEvent.Action.GIVEN, consent_version=CONSENT_VERSION)
    year = timezone.localdate().year
    CaredPerson.objects.bulk_create(
        [
            CaredPerson(
                profile=profile,
                kind=CaredPerson.Kind.CHILD,
                relation=CaredPerson.Relation.DAUGHTER,
                birth_year=year - 2,
            ),
            CaredPerson(
                profile=profile,
                kind=CaredPerson.Kind.CHILD,
                relation=CaredPerson.Relation.SON,
                birth_year=year - 8,
            ),
            CaredPerson(
                profile=profile,
                kind=CaredPerson.Kind.ELDER,
                relation=CaredPerson.Relation.PARENT,
                birth_year=year - 81,
                municipality=parent_place,
            ),
        ]
    )
    profile.needs.set(Need.objects.filter(slug__in=["riposo-caregiver", "spesa-quotidiana"]))
    return 1
