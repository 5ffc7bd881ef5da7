import functools


def wallet(request):
    """``welfare_balance``: the credit the signed-in employee may spend today, else None.

    A callable, which templates call on first use: nothing is asked unless a template
    reads it, once per request at most, and never for anonymous visitors. (A callable
    rather than a lazy proxy, so filters such as ``currency`` receive a real Decimal.)
    The figure comes from the cache until the credit or the eligibility changes
    (``shop.welfare.selectors.header_credit``).
    """

    @functools.cache
    def available():
        from shop.welfare.selectors import header_credit

        return header_credit(user=getattr(request, "user", None))

    return {"welfare_balance": available}
