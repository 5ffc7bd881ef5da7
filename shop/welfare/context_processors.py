from django.utils.functional import SimpleLazyObject


def wallet(request):
    """``welfare_balance``: the credit the signed-in employee may spend today, else None.

    Lazy: nothing is queried unless a template reads it, and never for anonymous visitors.
    """

    def available():
        from shop.eligibility.selectors import may_use_welfare_credit
        from shop.welfare.selectors import available_credit

        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or not may_use_welfare_credit(user=user):
            return None
        return available_credit(user=user)

    return {"welfare_balance": SimpleLazyObject(available)}
