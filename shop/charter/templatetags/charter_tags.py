from django import template

from shop.charter.selectors import admission_of_user, charter_standing, product_supplier_card

register = template.Library()


@register.simple_tag
def charter_supplier(product):
    """Who makes ``product``, where, and its charter signature (None if nobody may sell it)."""
    return product_supplier_card(product=product)


@register.simple_tag
def charter_standing_of(user):
    """The charter standing of a supplier user's company, or None for anyone else."""
    if user.is_staff:
        return None
    admission = admission_of_user(user)
    return charter_standing(partner=admission.partner) if admission else None
