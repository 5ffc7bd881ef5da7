"""What every bad-input property shares: the inputs, what they should mean, and the checks.

- ``money_texts()`` / ``quantity_texts()``: what a person might type, from plain good values to
  Italian separators, scientific notation, foreign digits, NUL bytes and megabytes of digits;
  ``expected_money()`` / ``expected_quantity()`` say, independently of Django, what each text
  means (or None: it must be refused), so a property fails when a good value is refused as
  well as when a bad one gets in.
- ``db_state()``: row counts of every table plus the money and stock sums; equal before and
  after a refused request means nothing was written.
- ``example_rolled_back()``: each Hypothesis example runs in a savepoint rolled back at the end,
  so examples do not see each other's writes.
- ``assert_italian()`` / ``assert_kept()``: the error is Italian, the typed text is on the page.
"""

import contextlib
import re
from decimal import Decimal, InvalidOperation

from django.db import connection, transaction
from django.utils.html import escape
from django.utils.translation import trans_real
from hypothesis import strategies as st

# --- Inputs ------------------------------------------------------------------------------------

NASTY_NUMBERS = [
    "",
    " ",
    "\t\n",
    "abc",
    "dieci",
    "1,5",
    "1.000,50",
    "1.500",
    "12.50",
    "1,005",
    "1.000.000,00",
    "1e9",
    "1E2",
    "NaN",
    "nan",
    "Infinity",
    "-Infinity",
    "inf",
    "-0",
    "-0,00",
    "+5",
    "-1",
    "-0,01",
    "0",
    "0,00",
    "0,01",
    "99999999999",
    "9999999999,99",
    "1" + "0" * 40,
    "1_000",
    "١٢",
    "１２",
    "½",
    "²",
    "1\x00",
    "\x00",
    "12 50",
    "12,5,0",
    "12€",
    "€ 12",
    "0x10",
    "1" * 5000,
    "=1+1",
    "'; DROP TABLE wallet; --",
    "<script>alert(1)</script>",
]

_digits = st.text(alphabet="0123456789", min_size=1, max_size=14)
_money_like = st.builds(
    lambda sign, whole, sep, dec, pad: f"{pad}{sign}{whole}{sep}{dec}{pad}",
    st.sampled_from(["", "", "-", "+"]),
    _digits,
    st.sampled_from(["", ",", ".", ",", ""]),
    st.text(alphabet="0123456789", max_size=3),
    st.sampled_from(["", "", " "]),
)
_thousands = st.builds(
    lambda head, groups, dec: head + "".join("." + g for g in groups) + (f",{dec}" if dec else ""),
    st.text(alphabet="123456789", min_size=1, max_size=3),
    st.lists(st.text(alphabet="0123456789", min_size=3, max_size=3), min_size=1, max_size=3),
    st.text(alphabet="0123456789", max_size=2),
)
_decimals = st.decimals(
    min_value=Decimal("-1000"), max_value=Decimal("100000"), places=2, allow_nan=False
).map(lambda d: str(d).replace(".", ","))


def money_texts():
    return st.one_of(
        st.sampled_from(NASTY_NUMBERS),
        _money_like,
        _thousands,
        _decimals,
        st.text(max_size=20),
    )


def quantity_texts():
    return st.one_of(
        st.sampled_from(NASTY_NUMBERS),
        st.integers(min_value=-5, max_value=30).map(str),
        st.integers(min_value=-(10**30), max_value=10**30).map(str),
        st.builds(lambda n, pad: f"{pad}{n}{pad}", st.integers(0, 12), st.sampled_from([" ", "\t"])),
        st.text(max_size=10),
    )


# --- What a text means ------------------------------------------------------------------------

_PLAIN_MONEY = re.compile(r"[+-]?(?:[0-9]+(?:,[0-9]*)?|[0-9]+\.[0-9]{0,2}|[.,][0-9]{1,2})")
_THOUSANDS_MONEY = re.compile(r"[+-]?[0-9]{1,3}(?:\.[0-9]{3})+(?:,[0-9]*)?")


def expected_money(text: str) -> Decimal | None:
    """The amount an Italian means by ``text``, or None when it is not an amount.

    Digits with a decimal comma, thousands dots ("1.000,50"), or a dot as the decimal mark
    when it cannot be a thousands dot ("12.50"; "1.500" is one thousand five hundred). At
    most two decimals and ten digits before them. Nothing else: no exponent, no foreign digits.
    """
    s = text.strip()
    if _THOUSANDS_MONEY.fullmatch(s):
        whole, _sep, dec = s.partition(",")
        s = whole.replace(".", "") + ("." + dec if dec else "")
    elif _PLAIN_MONEY.fullmatch(s):
        s = s.replace(",", ".")
    else:
        return None
    try:
        value = Decimal(s)
    except InvalidOperation:
        return None
    sign, digits, exponent = value.as_tuple()
    decimals = max(0, -exponent)
    whole_digits = max(0, len(digits) + exponent)
    if decimals > 2 or whole_digits > 10:
        return None
    return abs(value) if value == 0 else value


def expected_quantity(text: str) -> int | None:
    """A whole number written with ASCII digits (a sign allowed), or None."""
    s = text.strip()
    # Python (and so Django) refuses to read integers of more than 4300 digits.
    if not re.fullmatch(r"[+-]?[0-9]+", s) or len(s.lstrip("+-")) > 4300:
        return None
    return int(s)


# --- Database ---------------------------------------------------------------------------------

# Sessions, login bookkeeping and sorl-thumbnail's key-value cache change on any page view;
# they are not what a form writes.
NOT_DATA = {
    "django_session",
    "axes_accessattempt",
    "axes_accesslog",
    "axes_accessfailurelog",
    "thumbnail_kvstore",
}

MONEY_SUMS = {
    "welfare_wallet": ["balance", "reserved"],
    "welfare_ledgerentry": ["amount", "held"],
    "partner_stockrecord": ["price", "num_in_stock", "num_allocated"],
    "basket_line": ["quantity"],
    "order_order": ["total_incl_tax"],
    "welfare_creditplan": ["amount_per_employee"],
    "welfare_reimbursementclaim": ["amount"],
}


def db_state() -> dict[str, object]:
    """Row count of every table and the sums of the money and stock columns, in two queries."""
    qn = connection.ops.quote_name
    tables = sorted(t for t in connection.introspection.table_names() if t not in NOT_DATA)
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(f"(SELECT COUNT(*) FROM {qn(t)})" for t in tables))
        state: dict[str, object] = dict(zip(tables, cursor.fetchone(), strict=True))
        sums = [(t, c) for t, cols in MONEY_SUMS.items() if t in state for c in cols]
        cursor.execute("SELECT " + ", ".join(f"(SELECT SUM({qn(c)}) FROM {qn(t)})" for t, c in sums))
        for (table, column), value in zip(sums, cursor.fetchone(), strict=True):
            # SQLite sums decimals as floats: back to cents through their shortest repr.
            state[f"{table}.{column}"] = Decimal(str(value or 0)).quantize(Decimal("0.01"))
    return state


def changed(before: dict, after: dict) -> dict:
    return {
        k: (before.get(k), after.get(k))
        for k in before.keys() | after.keys()
        if before.get(k) != after.get(k)
    }


@contextlib.contextmanager
def example_rolled_back():
    """One Hypothesis example's writes, undone when it ends (a savepoint in the test's transaction)."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


# --- Pages ------------------------------------------------------------------------------------

_ENGLISH_WORDS = re.compile(
    r"\b(the|this|enter|ensure|please|field|required|valid|number|value|must|than|select|"
    r"choice|write|digits|amount|whole|missing|characters|only)\b",
    re.IGNORECASE,
)


def _untranslated_msgids() -> re.Pattern:
    """Every English msgid of the Italian catalogue whose translation differs, as one pattern."""
    catalog = trans_real.translation("it")._catalog
    patterns = []
    for msgid, msgstr in catalog.items():
        if not isinstance(msgid, str) or not msgid or msgid == msgstr or len(msgid) < 8:
            continue
        pattern = re.escape(msgid)
        pattern = re.sub(r"%\\\([a-z_]+\\\)[sd]|%[sd]", ".+?", pattern)
        patterns.append(pattern)
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.DOTALL)


_UNTRANSLATED = None


def assert_italian(messages) -> None:
    """Each message is non-empty, not an English msgid left untranslated, and not English prose."""
    global _UNTRANSLATED
    if _UNTRANSLATED is None:
        _UNTRANSLATED = _untranslated_msgids()
    messages = [str(m) for m in messages]
    assert messages, "no error message at all"
    for message in messages:
        assert message.strip(), "an empty error message"
        assert not _UNTRANSLATED.fullmatch(message), f"untranslated: {message!r}"
        english = set(w.lower() for w in _ENGLISH_WORDS.findall(message))
        assert len(english) < 2, f"English: {message!r}"


def assert_kept(response, typed: str) -> None:
    """The page shows the typed text back in its input (HTML-escaped, as Django renders it)."""
    html = response.content.decode()
    if typed.strip():
        assert f'value="{escape(typed)}"' in html, f"typed value {typed[:40]!r} not kept"


def form_errors(form) -> list[str]:
    return [str(m) for messages in form.errors.values() for m in messages]
