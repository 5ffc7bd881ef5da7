"""``{% per_te_for user as per_te %}``: the "Per te" ranking for the home page.

Anonymous visitors cost no query (the include does not call the tag for them); a signed-in
user's ranking comes from the cache when nothing it depends on changed
(shop.needs.selectors.per_te_summary), else costs a bounded number of queries.
"""

from django import template

from shop.needs.selectors import per_te_summary

register = template.Library()


@register.simple_tag
def per_te_for(user, limit: int = 6) -> dict:
    if not getattr(user, "is_authenticated", False):
        return {"has_profile": False, "suggestions": []}
    return per_te_summary(user=user, limit=limit)
