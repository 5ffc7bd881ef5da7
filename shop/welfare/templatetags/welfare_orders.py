"""The buyer's order and thank-you pages: tax treatment of each line, what each source kept."""

from django import template

from shop.welfare import orders

register = template.Library()


@register.inclusion_tag("welfare/_order_tax_treatment.html")
def order_tax_treatment(order):
    if not orders.order_paid_with_credit(order=order):
        return {"rows": []}
    return {"rows": orders.order_lines_tax_treatment(order=order)}


@register.inclusion_tag("welfare/_order_payment.html")
def order_payment(order):
    return {"rows": orders.order_payment_rows(order=order), "currency": order.currency}
