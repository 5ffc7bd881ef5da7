"""``{% per_te_for user as per_te %}``: the "Per te" ranking for the home page.

Anonymous visitors cost no query (the include does not call the tag for them); a signed-in
user costs a bounded number (shop.needs.selectors.per_te_for_user).
"""

from django import template

from shop.needs.selectors import household_for_user, per_te_for_user

register = template.Library()


@register.simple_tag
def per_te_for(user, limit: int = 6) -> dict:
    if not getattr(user, "is_authenticated", False):
        return {"has_profile": False, "suggestions": []}
    suggestions = per_te_for_user(user=user, limit=limit)
    has_profile = bool(suggestions) or household_for_user(user=user) is not None
    return {"has_profile": has_profile, "suggestions": suggestions}
