"""Queries compiled to SQL once (shop/core/compiled.py): the basket's lines are compiled on
the first read only, yet every basket still reads its own lines, and any further step on a
bound queryset (a filter, a count, a slice) is compiled as usual and answers for itself."""

import datetime
from decimal import Decimal
from unittest import mock

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.db.models import Count, Prefetch, Q, Value
from django.db.models.sql.compiler import SQLCompiler
from oscar.core.loading import get_class, get_model

from forked_apps.basket.models import _LINES_SQL, _OPEN_SQL
from forked_apps.purchase import _PRODUCT_SQL, _STOCKRECORDS_SQL
from shop.core.auth_backends import _USER_SQL, EmailBackend
from shop.core.compiled import CompiledOnce
from shop.eligibility.selectors import _EMPLOYMENT_SQL
from shop.welfare.selectors import CHILDREN_DECLARATION_SQL, FRINGE_TOTALS_SQL, USABLE_WALLETS_SQL
from tests.factories import product_with_price
from tests.factories.eligibility import UserFactory

Basket = get_model("basket", "Basket")
Line = get_model("basket", "Line")
Product = get_model("catalogue", "Product")
Selector = get_class("partner.strategy", "Selector")

pytestmark = pytest.mark.django_db


def basket_with(*prices) -> Basket:
    basket = Basket.objects.create(owner=UserFactory())
    basket.strategy = Selector().strategy(user=basket.owner)
    for price in prices:
        basket.add_product(product_with_price(price=price))
    basket = Basket.objects.get(pk=basket.pk)  # read afresh, no lines loaded yet
    basket.strategy = Selector().strategy(user=basket.owner)
    return basket


def compilations(read):
    """How many times Django compiled a SELECT while ``read()`` ran, and its answer."""
    setup = SQLCompiler.pre_sql_setup
    with mock.patch.object(SQLCompiler, "pre_sql_setup", autospec=True, side_effect=setup) as spy:
        answer = read()
    return spy.call_count, answer


@pytest.fixture(autouse=True)
def forget_compiled_sql():
    kept = (
        _LINES_SQL,
        _OPEN_SQL,
        _PRODUCT_SQL,
        _STOCKRECORDS_SQL,
        _USER_SQL,
        _EMPLOYMENT_SQL,
        USABLE_WALLETS_SQL,
        FRINGE_TOTALS_SQL,
        CHILDREN_DECLARATION_SQL,
    )
    for compiled in kept:
        compiled.forget()
    yield
    for compiled in kept:
        compiled.forget()


def test_the_lines_of_a_second_basket_are_read_without_compiling_and_are_its_own():
    first, second = basket_with("4.00"), basket_with("7.00", "9.00")
    _LINES_SQL.forget()  # adding the products read lines too

    compiled_first, lines_first = compilations(lambda: list(first.all_lines()))
    compiled_second, lines_second = compilations(lambda: list(second.all_lines()))

    assert compiled_first >= 1
    assert compiled_second == 0
    assert [line.basket_id for line in lines_first] == [first.pk]
    assert [line.basket_id for line in lines_second] == [second.pk, second.pk]
    assert sorted(str(line.price_incl_tax) for line in lines_second) == ["7.00", "9.00"]
    # the joined rows are filled as a compiled read fills them
    assert lines_second[0].product.product_class is not None
    assert lines_second[0].stockrecord.partner is not None


def test_a_second_read_takes_the_converters_found_by_the_first():
    first, second = basket_with("4.00"), basket_with("7.50")
    list(first.all_lines())  # the lines' SQL and their converters are now kept
    ops = connection.ops

    with mock.patch.object(ops, "get_db_converters", wraps=ops.get_db_converters) as spy:
        lines = list(second.all_lines())

    assert spy.call_count == 0
    # converted as Django converts them: a Decimal of two places, an aware date and time
    assert (lines[0].price_incl_tax, lines[0].price_incl_tax.as_tuple().exponent) == (Decimal("7.50"), -2)
    assert lines[0].date_created.tzinfo is not None


def test_a_further_step_on_the_lines_is_compiled_for_itself():
    first, second = basket_with("4.00"), basket_with("7.00", "9.00")
    list(first.all_lines())  # the lines' SQL is now kept

    lines = second.all_lines()
    assert lines.count() == 2
    assert lines.exists()
    assert [line.basket_id for line in lines[:1]] == [second.pk]
    cheap = lines.filter(price_incl_tax__lt=8)
    assert [str(line.price_incl_tax) for line in cheap] == ["7.00"]
    assert len(lines) == 2  # the bound queryset itself is still read from the kept SQL


def test_an_empty_basket_reads_no_lines():
    list(basket_with("4.00").all_lines())
    empty = Basket.objects.create(owner=UserFactory())

    assert list(Basket.objects.get(pk=empty.pk).all_lines()) == []
    assert list(basket_with().all_lines()) == []


def test_a_basket_whose_id_equals_a_constant_of_the_sql_reads_its_own_lines():
    list(basket_with("4.00").all_lines())  # the lines' SQL is now kept
    owner = UserFactory()
    Basket.objects.filter(pk=1).delete()
    one = Basket.objects.create(id=1, owner=owner)  # the EXISTS's constant is a parameter 1
    Line.objects.create(
        basket=one,
        product=(product := product_with_price(price="5.00")),
        line_reference="x",
        stockrecord=product.stockrecords.get(),
        quantity=1,
        price_currency="EUR",
        price_excl_tax="5.00",
        price_incl_tax="5.00",
    )
    one = Basket.objects.get(pk=1)
    one.strategy = Selector().strategy(user=owner)

    compiled, lines = compilations(lambda: list(one.all_lines()))

    assert compiled == 0
    assert [(line.basket_id, str(line.price_incl_tax)) for line in lines] == [(1, "5.00")]


def test_a_value_in_two_places_is_served_in_both():
    both = CompiledOnce("test", lambda value: Line.objects.filter(pk=value, basket_id=value))
    basket = basket_with("4.00")
    line = basket.all_lines()[0]
    list(both.queryset(line.pk + 1000))  # learnt

    compiled, found = compilations(lambda: list(both.queryset(line.pk)))

    assert compiled == 0
    assert found == ([line] if line.pk == basket.pk else [])


@pytest.mark.parametrize(
    "build",
    [
        # the SQL itself changes with the value (one or two items in the IN)
        lambda value: Line.objects.filter(pk__in=list(range(value, value + value % 2 + 1))),
        # a parameter derived from the value, not the value
        lambda value: Line.objects.filter(pk=value + 1),
        lambda value: Line.objects.filter(pk=value // 2),
    ],
    ids=["sql-varies", "plus-one", "halved"],
)
def test_sql_that_follows_the_value_otherwise_than_as_a_parameter_is_compiled_every_time(build):
    odd = CompiledOnce("test", build)
    basket = basket_with("4.00")
    line = basket.all_lines()[0]
    expected = list(build(line.pk))

    assert list(odd.queryset(line.pk)) == expected  # learns that it cannot be kept
    assert list(odd._kept.values()) == [None]

    compiled, found = compilations(lambda: list(odd.queryset(line.pk)))
    assert compiled == 1
    assert found == expected


def test_the_open_basket_of_a_second_buyer_is_read_without_compiling_and_is_theirs():
    first, second = UserFactory(), UserFactory()
    mine = Basket.objects.create(owner=second)
    Basket.objects.create(owner=second, status=Basket.FROZEN)
    Basket.open.get_or_create(owner=first)  # made (Oscar's way); the SQL is now kept

    compiled, (found, created) = compilations(lambda: Basket.open.get_or_create(owner=second))

    assert compiled == 0
    assert (found.pk, created, found.had_lines) == (mine.pk, False, False)


def test_a_buyer_without_an_open_basket_gets_one_and_one_with_two_is_told():
    buyer = UserFactory()
    Basket.objects.create(owner=buyer, status=Basket.FROZEN)

    made, created = Basket.open.get_or_create(owner=buyer)
    assert created and made.status == Basket.OPEN and made.pk is not None
    assert Basket.open.get_or_create(owner=buyer) == (made, False)

    Basket.objects.create(owner=buyer)
    with pytest.raises(Basket.MultipleObjectsReturned):  # Oscar's middleware merges them
        Basket.open.get_or_create(owner=buyer)


def test_the_second_product_bought_is_read_without_compiling_its_sql():
    first, second = product_with_price(price="4.00"), product_with_price(price="6.00")

    def bought(product):
        found = list(_PRODUCT_SQL.queryset(product.pk))
        records = list(_STOCKRECORDS_SQL.queryset(product.pk))
        return [(p.pk, p.product_class_id, [r.partner.name for r in records]) for p in found]

    bought(first)  # the product's SQL and its stock records' are now kept
    compiled, found = compilations(lambda: bought(second))

    assert compiled == 0
    assert found == [(second.pk, second.product_class_id, [second.stockrecords.get().partner.name])]


def test_the_signed_in_user_is_read_without_compiling_and_only_if_active():
    first, second, gone = UserFactory(), UserFactory(), UserFactory(is_active=False)
    backend = EmailBackend()
    assert backend.get_user(first.pk) == first  # the user's SQL is now kept

    compiled, found = compilations(lambda: backend.get_user(second.pk))

    assert compiled == 0
    assert (found, found.email) == (second, second.email)
    assert backend.get_user(gone.pk) is None
    assert backend.get_user(max(first.pk, second.pk, gone.pk) + 1000) is None
    assert backend.get_user(2**64) is None  # beyond 64 bits: Django's own read, no error


def test_an_employment_and_its_wallets_are_read_for_each_user_and_day_without_compiling():
    from tests.factories.eligibility import EmployeeFactory
    from tests.factories.welfare import ON, funded_plan

    first = EmployeeFactory(user=UserFactory())
    second = EmployeeFactory(user=UserFactory(), start_date=ON - datetime.timedelta(days=1))
    funded_plan(employer=first.employer, amount="100.00")
    funded_plan(employer=second.employer, amount="250.00")
    for kept in (_EMPLOYMENT_SQL, USABLE_WALLETS_SQL):
        kept.forget()
        list(kept.queryset(first.user.pk, ON))  # learnt
        assert None not in kept._kept.values()

    compiled, employment = compilations(lambda: list(_EMPLOYMENT_SQL.queryset(second.user.pk, ON)))
    assert compiled == 0
    assert [(e.pk, e.employer.legal_name) for e in employment] == [(second.pk, second.employer.legal_name)]
    before_start = ON - datetime.timedelta(days=2)  # the day is a parameter too
    assert list(_EMPLOYMENT_SQL.queryset(second.user.pk, before_start)) == []

    compiled, wallets = compilations(lambda: list(USABLE_WALLETS_SQL.queryset(second.user.pk, ON)))
    assert compiled == 0
    assert [(w.employee_id, str(w.balance), w.plan.employer_id) for w in wallets] == [
        (second.pk, "250.00", second.employer.pk)
    ]
    next_year = ON.replace(year=ON.year + 1, month=1, day=1)  # after the plan's last day
    assert list(USABLE_WALLETS_SQL.queryset(second.user.pk, next_year)) == []


def test_the_c3_figures_of_each_employee_and_year_are_read_without_compiling():
    from decimal import Decimal

    from shop.welfare.models import LedgerEntry, Wallet
    from shop.welfare.selectors import fringe_status
    from shop.welfare.services import children_declare
    from tests.factories.eligibility import EmployeeFactory
    from tests.factories.welfare import ON, funded_plan, order_with_credit, product_in

    first, second = EmployeeFactory(user=UserFactory()), EmployeeFactory(user=UserFactory())
    for employee in (first, second):
        funded_plan(employer=employee.employer, amount="3000.00")
    fringe = product_in(category_path="Alimentari", price="300.00", benefit_type="c3")
    order_with_credit(user=second.user, lines=[(fringe, 2)])  # 600.00 held
    children_declare(employee=second, year=ON.year, children_count=1, by=second.user)
    # An entry written before the tax year was recorded counts in the year it was made.
    wallet = Wallet.objects.get(employee=second)
    LedgerEntry.objects.create(
        wallet=wallet,
        kind=LedgerEntry.Kind.SPEND,
        amount=Decimal("-50.00"),
        benefit_type="c3",
        balance_after=wallet.balance,
        reserved_after=wallet.reserved,
        idempotency_key="before-tax-year",
    )
    fringe_status(employee=first, year=ON.year)  # learnt
    assert (
        None not in FRINGE_TOTALS_SQL._kept.values() and None not in CHILDREN_DECLARATION_SQL._kept.values()
    )

    compiled, status = compilations(lambda: fringe_status(employee=second, year=ON.year))

    assert compiled == 0
    assert (status.used, status.pending, status.with_children) == (Decimal("50.00"), Decimal("600.00"), True)
    last_year = fringe_status(employee=second, year=ON.year - 1)  # the year is a parameter too
    assert (last_year.used, last_year.with_children) == (Decimal("0.00"), False)


def test_the_pictures_of_as_many_products_again_are_read_without_compiling():
    from forked_apps.lines import _PICTURES_SQL, remember_pictures

    ProductImage = get_model("catalogue", "ProductImage")
    products = [product_with_price(price=f"{n}.00") for n in range(1, 6)]
    for product in products[:4]:
        ProductImage.objects.create(product=product, original=f"images/{product.pk}-b.jpg", display_order=2)
        ProductImage.objects.create(product=product, original=f"images/{product.pk}-a.jpg", display_order=1)
    _PICTURES_SQL.forget()
    remember_pictures(Product.objects.filter(pk__in=[products[0].pk, products[1].pk]))  # two: learnt

    again = list(Product.objects.filter(pk__in=[products[2].pk, products[4].pk]))
    compiled, _ = compilations(lambda: remember_pictures(again))

    assert compiled == 0
    assert {p.pk: [image.original.name for image in p.images.all()] for p in again} == {
        products[2].pk: [f"images/{products[2].pk}-a.jpg", f"images/{products[2].pk}-b.jpg"],
        products[4].pk: [],
    }
    _PICTURES_SQL.forget()


def test_text_is_served_as_a_value_but_a_pattern_or_a_number_field_keeps_nothing():
    Partner = get_model("partner", "Partner")
    percent = Partner.objects.create(name="Cooperativa 100%_A")
    Partner.objects.create(name="Cooperativa B")
    exact = CompiledOnce("test-partner-by-name", lambda name: Partner.objects.filter(name=name))
    like = CompiledOnce("test-partner-like", lambda part: Partner.objects.filter(name__icontains=part))
    number = CompiledOnce("test-partner-by-text-id", lambda text: Partner.objects.filter(pk=text))

    list(exact.queryset("Cooperativa B"))  # learnt
    compiled, found = compilations(lambda: [p.name for p in exact.queryset("Cooperativa 100%_A")])
    assert (compiled, found) == (0, ["Cooperativa 100%_A"])

    assert [p.name for p in like.queryset("b")] == ["Cooperativa B"]
    assert list(like._kept.values()) == [None]  # escaped for LIKE: compiled every time
    assert [p.name for p in like.queryset("0%_")] == ["Cooperativa 100%_A"]  # taken literally

    assert list(number.queryset(str(percent.pk))) == [percent]
    assert list(number._kept.values()) == [None]  # a probe the id field refuses


def counting_builds(compiled: CompiledOnce) -> list:
    """The values of each call of ``compiled.build`` from now on."""
    calls, build = [], compiled.build
    compiled.build = lambda *values: calls.append(values) or build(*values)
    return calls


def test_a_read_after_the_first_is_copied_not_built_and_a_further_step_answers_for_its_values():
    first, second = UserFactory(), UserFactory()
    theirs, mine = Basket.objects.create(owner=first), Basket.objects.create(owner=second)
    Basket.objects.create(owner=second, status=Basket.FROZEN)
    open_of = CompiledOnce(
        "test-open", lambda owner_id: Basket.objects.filter(owner_id=owner_id, status="Open")
    )
    calls = counting_builds(open_of)
    assert list(open_of.queryset(first.pk)) == [theirs]  # learnt: built for the probes only
    assert first.pk not in [values[0] for values in calls]
    calls.clear()

    compiled, found = compilations(lambda: list(open_of.queryset(second.pk)))

    assert (calls, compiled, found) == ([], 0, [mine])
    # Any further step is Django's query for the second buyer, not for a probe.
    read = open_of.queryset(second.pk)
    assert read.count() == 1
    assert list(read.filter(pk=mine.pk)) == [mine]
    assert list(read.filter(pk=theirs.pk)) == []
    assert read.exists() and read[:1].get() == mine == read.get()
    assert list(Basket.objects.filter(pk__in=read.values("pk"))) == [mine]
    assert list(Basket.objects.exclude(pk__in=read).filter(owner=second)) == [
        Basket.objects.get(owner=second, status=Basket.FROZEN)
    ]
    assert [values[0] for values in calls] == []


def test_a_value_in_a_subquery_is_put_in_the_copy():
    first, second = UserFactory(), UserFactory()
    Basket.objects.create(owner=first)
    mine = [Basket.objects.create(owner=second) for _ in range(2)]
    owned = CompiledOnce(
        "test-owned-subquery",
        lambda owner_id: Basket.objects.filter(
            pk__in=Basket.objects.filter(owner_id=owner_id).values("pk"),
            owner__in=get_user_model().objects.filter(pk=owner_id),
        ).order_by("pk"),
    )
    list(owned.queryset(first.pk))
    assert None not in owned._templates.values()
    calls = counting_builds(owned)

    compiled, found = compilations(lambda: list(owned.queryset(second.pk)))

    assert (calls, compiled, found) == ([], 0, mine)
    assert owned.queryset(second.pk).filter(pk=mine[1].pk).get() == mine[1]


def test_a_value_in_an_annotation_is_put_in_the_copy():
    first, second = UserFactory(), UserFactory()
    baskets = [Basket.objects.create(owner=owner) for owner in (first, second, second)]
    owned = CompiledOnce(
        "test-owned",
        lambda owner_id: (
            Basket.objects.annotate(owned=Count("pk", filter=Q(owner_id=owner_id)))
            .values_list("pk", "owned")
            .order_by("pk")
        ),
    )
    list(owned.queryset(first.pk))
    assert None not in owned._templates.values()
    calls = counting_builds(owned)

    rows = owned.queryset(second.pk)

    assert calls == []
    mine = [pk for pk, flag in rows if flag]
    assert mine == [baskets[1].pk, baskets[2].pk]
    assert list(rows.filter(owned=1).values_list("pk", flat=True)) == mine


@pytest.mark.parametrize(
    "build",
    [
        # the value in a prefetch's own query (its lines of other buyers' baskets: none)
        lambda owner_id: (
            Basket.objects.filter(owner_id=owner_id)
            .order_by("pk")
            .prefetch_related(Prefetch("lines", queryset=Line.objects.exclude(basket__owner_id=owner_id)))
        ),
        # the rows know an instance made for the value
        lambda owner_id: get_user_model()(pk=owner_id).baskets.order_by("pk"),
        # the value as a value of the SQL, not of a lookup
        lambda owner_id: (
            Basket.objects.filter(owner_id=owner_id).annotate(who=Value(owner_id)).order_by("pk")
        ),
    ],
    ids=["in-a-prefetch", "related-instance", "in-a-value"],
)
def test_a_value_held_where_a_copy_cannot_put_it_builds_each_read(build):
    first, second = basket_with("4.00"), basket_with("7.00")
    reads = CompiledOnce("test-held", build)
    list(reads.queryset(first.owner_id))
    assert list(reads._templates.values()) == [None]

    def answer(rows):
        return [
            (b.pk, b.owner_id, getattr(b, "who", None), [ln.basket_id for ln in b.lines.all()]) for b in rows
        ]

    expected = answer(build(second.owner_id))
    calls = counting_builds(reads)
    assert answer(reads.queryset(second.owner_id)) == expected
    assert calls == [(second.owner_id,)]


def test_rows_read_for_a_parent_know_it_without_a_query(django_assert_num_queries):
    basket = basket_with("4.00", "6.00")
    lines = list(basket.all_lines())

    with django_assert_num_queries(0):
        assert all(line.basket is basket for line in lines)
    other = basket_with("5.00")
    assert [line.basket for line in _LINES_SQL.rows_of(other, Basket.lines.field, other.pk)] == [other]
