"""Which picture the station shows, how look-alikes are told apart, and the pictogram files."""

from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from oscar.apps.catalogue.categories import create_from_breadcrumbs

from shop.core.roles import Role, grant_role
from shop.logistics import pictograms
from shop.logistics.models import BoxItem, ItemGuide, PictogramRule
from shop.logistics.selectors import product_pictogram, station_box_state
from shop.logistics.services import box_take_next
from tests.factories import ProductClassFactory
from tests.factories.eligibility import UserFactory
from tests.factories.logistics import boxed_product, paid_order
from tests.factories.welfare import funded_plan
from tests.logistics.helpers import open_session, packable_boxes

pytestmark = pytest.mark.django_db


def test_every_pictogram_has_its_svg_and_the_licence_is_beside_them():
    for key in pictograms.PICTOGRAMS:
        path = finders.find(pictograms.pictogram_static_path(key))
        assert path and Path(path).read_text().startswith("<svg"), key
    licence = Path(finders.find(f"{pictograms.STATIC_DIR}/LICENSE.md")).read_text()
    assert "CC BY 4.0" in licence and "Twemoji" in licence


def test_an_unknown_key_falls_back_to_the_package():
    assert pictograms.pictogram_static_path("no-such-thing").endswith("/package.svg")


def test_the_seeded_rules_give_honey_cheese_and_fish():
    honey = boxed_product(title="Miele di castagno — 500 g", price="9.00")
    cheese = boxed_product(title="Formaggella della Val Cavallina", price="9.00")
    fish = boxed_product(title="Sardine di lago essiccate (missoltini)", price="9.00")
    sugar = boxed_product(title="Zucchero di canna integrale", price="3.00")
    flour = boxed_product(title="Farina di mais Spinato per polenta", price="3.50")
    biscuits = boxed_product(title="Biscotti di farina di mais", price="4.00")

    assert [product_pictogram(product=p) for p in (honey, cheese, fish, sugar, flour, biscuits)] == [
        "honey",
        "cheese",
        "fish",
        "package",  # "zucchero" is not "zucche"
        "maize",
        "biscuits",
    ]


def test_rules_by_category_and_product_type_and_their_order():
    product = boxed_product(title="Cesto di Natale", price="20.00")
    category = create_from_breadcrumbs("Alimentari > Cassette")
    PictogramRule.objects.all().delete()
    assert product_pictogram(product=product) == "package"

    PictogramRule.objects.create(product_class=product.product_class, pictogram="vegetables", position=20)
    assert product_pictogram(product=product) == "vegetables"
    # The parent category matches products in its children; a lower position wins.
    PictogramRule.objects.create(category=category.get_parent(), pictogram="bread", position=10)
    assert product_pictogram(product=product) == "bread"
    # A rule with two criteria needs both.
    other_type = ProductClassFactory(name="Altro")
    PictogramRule.objects.create(title_word="cesto", product_class=other_type, pictogram="basket", position=1)
    assert product_pictogram(product=product) == "bread"


def test_a_packing_guide_pictogram_beats_the_rules():
    honey = boxed_product(title="Miele millefiori", price="8.00")
    ItemGuide.objects.create(product=honey, easy_name="Miele", pictogram="jar")
    assert product_pictogram(product=honey) == "jar"
    ItemGuide.objects.filter(product=honey).update(pictogram="")
    assert product_pictogram(product=honey) == "honey"


def test_a_rule_without_any_criterion_is_refused():
    from django.core.exceptions import ValidationError

    rule = PictogramRule(pictogram="honey")
    with pytest.raises(ValidationError):
        rule.full_clean()
    rule = PictogramRule(pictogram="honey", title_word="  Miele ")
    rule.full_clean()
    assert rule.title_word == "miele"


@pytest.fixture
def lookalike_box(buyer, employer, zone, trainee, operator_user, no_auto_assign):
    funded_plan(employer=employer)
    chestnut = boxed_product(title="Miele di castagno della Val Cavallina — 500 g", price="9.00")
    wildflower = boxed_product(title="Miele millefiori di montagna — 500 g", price="8.50")
    eggs = boxed_product(title="Uova fresche — 6 uova", price="3.20")
    for product in (chestnut, wildflower):
        ItemGuide.objects.create(product=product, easy_name="Miele")
    packable_boxes([paid_order(user=buyer, lines=[(chestnut, 2), (eggs, 1), (wildflower, 1)])])
    session = open_session(trainee, operator_user)
    return box_take_next(session=session), session


def test_look_alikes_get_the_word_that_differs_a_band_each_and_the_count(lookalike_box):
    box, _session = lookalike_box
    chestnut, eggs, wildflower = station_box_state(box=box)["items"]

    assert (chestnut.name, wildflower.name) == ("Miele", "Miele")  # the easy names alone look alike
    assert (chestnut.differs, wildflower.differs) == ("castagno", "millefiori")
    assert chestnut.band and wildflower.band and chestnut.band != wildflower.band
    assert chestnut.lookalikes == wildflower.lookalikes == 2
    assert (eggs.differs, eggs.band, eggs.lookalikes) == ("", 0, 0)


def test_variants_of_one_product_differ_by_their_size(
    buyer, employer, zone, no_auto_assign, trainee, operator_user
):
    funded_plan(employer=employer)
    small = boxed_product(title="Mele di collina — 2 kg", price="5.50")
    large = boxed_product(title="Mele di collina — 5 kg", price="12.00")
    packable_boxes([paid_order(user=buyer, lines=[(small, 1), (large, 1)])])
    box = box_take_next(session=open_session(trainee, operator_user))
    assert [e.differs for e in station_box_state(box=box)["items"]] == ["2 kg", "5 kg"]


def test_the_station_shows_the_word_and_the_summary_lists_them_apart(client, lookalike_box, trainee):
    box, _session = lookalike_box
    client.force_login(trainee.user)
    page = client.get(reverse("logistics:station")).content.decode()
    assert "station-lookalike-word" in page and ">castagno<" in page
    assert "2 prodotti simili in questa scatola" in page
    assert "logistics/pictograms/honey.svg" in page
    box.items.update(status=BoxItem.Status.DONE)
    page = client.get(reverse("logistics:station")).content.decode()
    assert page.count("station-summary-word") == 2
    assert ">castagno<" in page and ">millefiori<" in page


def test_undo_is_counted_on_the_session_and_shown_to_the_operator(client, lookalike_box, operator_user):
    box, session = lookalike_box
    from shop.logistics.services import item_mark, item_undo_last

    first = box.items.order_by("pk").first()
    item_mark(session=session, item_id=first.pk, status=BoxItem.Status.MISSING)
    item_undo_last(session=session, box_id=box.pk)
    item_undo_last(session=session, box_id=box.pk)  # nothing left to undo: not a mistake
    item_mark(session=session, item_id=first.pk, status=BoxItem.Status.DONE)
    session.refresh_from_db()
    assert session.undo_count == 1

    client.force_login(operator_user)
    page = client.get(reverse("logistics:work")).content.decode()
    assert 'id="session-figures"' in page
    row = page.split('id="session-figures"')[1].split("</tbody>")[0]
    assert "T-07" in row and "<td>1</td>" in row


def test_a_session_started_after_midnight_counts_on_the_local_day(lookalike_box, operator_user):
    """00:30 in Rome is still the previous day in UTC: the figures follow the station's calendar."""
    import datetime

    from shop.logistics.selectors import session_figures

    _box, session = lookalike_box
    rome_day, utc_day = datetime.date(2026, 12, 5), datetime.date(2026, 12, 4)
    session.started_at = datetime.datetime(2026, 12, 5, 0, 30, tzinfo=timezone.get_current_timezone())
    session.save(update_fields=["started_at"])
    assert session.started_at.astimezone(datetime.UTC).date() == utc_day
    (figures,) = session_figures(user=operator_user, since=rome_day, until=rome_day)
    assert figures.session == session
    assert session_figures(user=operator_user, since=utc_day, until=utc_day) == []


def test_only_the_operator_sees_session_figures(client, lookalike_box, trainee):
    from shop.logistics.selectors import session_figures

    _box, session = lookalike_box
    day = timezone.localdate(session.started_at)
    assert session_figures(user=trainee.user, since=day, until=day) == []
    client.force_login(trainee.user)
    assert client.get(reverse("logistics:work")).status_code == 403


@pytest.mark.parametrize("role", [Role.SFA_OPERATOR, Role.SFA_TRAINEE, Role.SUPPLIER])
def test_only_the_manager_edits_the_pictogram_rules(client, role):
    url = reverse("admin:logistics_pictogramrule_changelist")
    others = UserFactory(is_staff=True)
    grant_role(others, role)
    client.force_login(others)
    assert client.get(url).status_code in (302, 403)
    rule = PictogramRule.objects.first()
    change = reverse("admin:logistics_pictogramrule_change", args=[rule.pk])
    assert client.post(change, {"position": 1, "pictogram": "fish", "title_word": "x"}).status_code in (
        302,
        403,
    )
    rule.refresh_from_db()
    assert rule.pictogram != "fish"


def test_the_manager_edits_a_rule_in_the_admin(client, settings):
    settings.SHOP_REQUIRE_2FA = False
    manager = UserFactory(is_staff=True)
    grant_role(manager, Role.MANAGER)
    client.force_login(manager)
    rule = PictogramRule.objects.get(title_word="miele")
    change = reverse("admin:logistics_pictogramrule_change", args=[rule.pk])
    assert client.get(reverse("admin:logistics_pictogramrule_changelist")).status_code == 200
    response = client.post(change, {"position": 5, "pictogram": "jar", "title_word": "Miele"})
    assert response.status_code == 302, response.content.decode()[:2000]
    rule.refresh_from_db()
    assert (rule.pictogram, rule.title_word) == ("jar", "miele")
    # Nothing but a pictogram: refused with a message, the rule unchanged.
    response = client.post(change, {"position": 5, "pictogram": "fish", "title_word": ""})
    assert response.status_code == 200
    assert "Indica una parola del titolo" in response.content.decode()
    rule.refresh_from_db()
    assert rule.pictogram == "jar"


def test_extract_copies_only_the_listed_svgs(tmp_path):
    source = tmp_path / "svg"
    source.mkdir()
    for code, _label in pictograms.PICTOGRAMS.values():
        (source / f"{code}.svg").write_text(f"<svg>{code}</svg>")
    (source / "1f600.svg").write_text("<svg>unused</svg>")
    target = tmp_path / "out"
    call_command("pictograms_extract", source=str(source), target=str(target), stdout=open("/dev/null", "w"))
    assert sorted(p.name for p in target.iterdir()) == sorted(f"{key}.svg" for key in pictograms.PICTOGRAMS)
    assert (target / "honey.svg").read_text() == "<svg>1f36f</svg>"
