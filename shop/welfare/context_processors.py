import functools


def wallet(request):
    """``welfare_balance``: the credit the signed-in employee may spend today, else None.

    A callable, which templates call on first use: nothing is queried unless a template
    reads it, once per request at most, and never for anonymous visitors. (A callable
    rather than a lazy proxy, so filters such as ``currency`` receive a real Decimal.)
    """

    @functools.cache
    def available():
        from shop.eligibility.selectors import may_use_welfare_credit
        from shop.welfare.selectors import available_credit

        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or not may_use_welfare_credit(user=user):
            return None
        return available_credit(user=user)

    return {"welfare_balance": available}
