"""Oscar's order dashboard, scoped per role through ``shop.marketplace``.

The manager's administrators keep Oscar's pages, with every cancellation routed through
``shop.marketplace.services`` (so a cancelled line is refunded and leaves its box) and the
derived status "Parzialmente annullato" never chosen by hand. A supplier gets its own
pages: only its lines, the buyer's name, the address only where it delivers itself, and
four actions on its own lines (confirm, ready for the SFA round, shipped, cancel).
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _
from django.views.generic import DetailView
from oscar.apps.dashboard.orders import views
from oscar.core.utils import format_datetime

from shop.core.access import is_manager
from shop.core.spreadsheet import spreadsheet_dataset, spreadsheet_response
from shop.marketplace import selectors
from shop.marketplace.exceptions import MarketplaceError
from shop.marketplace.services import (
    CANCELLED,
    PARTLY_CANCELLED,
    line_cancel,
    line_confirm,
    line_mark_ready,
    line_mark_shipped,
    order_cancel,
)

SUPPLIER_ACTIONS = {
    "confirm": line_confirm,
    "ready": line_mark_ready,
    "shipped": line_mark_shipped,
}


def _manager_or_403(user) -> None:
    if not is_manager(user):
        raise PermissionDenied


def _order_or_404(user, number):
    order = selectors.order_visible_to(user=user, number=number)
    if order is None:
        raise Http404
    return order


class OrderListView(views.OrderListView):
    def dispatch(self, request, *args, **kwargs):
        self.base_queryset = selectors.orders_visible_to(user=request.user).order_by("-date_placed")
        self.manager = is_manager(request.user)
        return super(views.OrderListView, self).dispatch(request, *args, **kwargs)

    def get_queryset(self):
        if self.manager:
            return super().get_queryset()
        # Oscar's filters match any line of an order: a supplier filters on its own terms only.
        self.form = self.form_class(self.request.GET)
        queryset = self.base_queryset
        if number := self.request.GET.get("order_number", "").strip():
            queryset = queryset.filter(number__istartswith=number)
        return queryset

    def get_search_filter_descriptions(self):
        return super().get_search_filter_descriptions() if self.manager else []

    def get_template_names(self):
        if self.manager:
            return super().get_template_names()
        return ["oscar/dashboard/orders/supplier_order_list.html"]

    def is_csv_download(self):
        return self.request.GET.get("response_format") in ("csv", "xlsx")

    def download_selected_orders(self, request, orders):
        fmt = "xlsx" if request.GET.get("response_format") == "xlsx" else "csv"
        if self.manager:
            columns = self.CSV_COLUMNS
            rows = ([self.get_row_values(order).get(key, "") for key in columns] for order in orders)
            dataset = spreadsheet_dataset(headers=columns.values(), rows=rows, title=_("Orders"))
        else:
            dataset = supplier_dataset(user=request.user, orders=orders)
        return spreadsheet_response(dataset=dataset, fmt=fmt, name="ordini")

    def change_order_statuses(self, request, orders):
        _manager_or_403(request.user)
        return super().change_order_statuses(request, orders)

    def change_order_status(self, request, order):
        new_status = request.POST.get("new_status", "").strip()
        if new_status == PARTLY_CANCELLED:
            messages.error(request, _("This status follows from the lines: cancel lines instead."))
        elif new_status == CANCELLED:
            _cancel_whole_order(request, order)
        else:
            super().change_order_status(request, order)


def _cancel_whole_order(request, order) -> None:
    reason = request.POST.get("reason", "").strip() or _("cancelled by the manager")
    try:
        order_cancel(order=order, by=request.user, reason=reason)
    except MarketplaceError as exc:
        messages.error(request, str(exc))
    else:
        messages.info(
            request, _("Order %(number)s cancelled and refunded line by line.") % {"number": order.number}
        )


def supplier_dataset(*, user, orders):
    headers = [
        _("Order number"),
        _("Date of purchase"),
        _("Purchaser"),
        _("Delivery address"),
        _("Product"),
        _("SKU"),
        _("Quantity"),
        _("Line total (VAT incl.)"),
        _("Line status"),
    ]
    rows = [
        [
            row.order_number,
            format_datetime(row.date_placed, "DATETIME_FORMAT"),
            row.buyer,
            row.delivery_address or _("Delivered by the SFA round"),
            row.product,
            row.sku,
            row.quantity,
            row.price_incl_tax,
            row.status,
        ]
        for row in selectors.supplier_line_rows(user=user, orders=orders)
    ]
    return spreadsheet_dataset(headers=headers, rows=rows, title=_("Orders"))


class OrderDetailView(views.OrderDetailView):
    def get_object(self, queryset=None):
        return _order_or_404(self.request.user, self.kwargs["number"])

    def get_order_lines(self):
        return selectors.order_lines_visible_to(user=self.request.user, order=self.object)

    def get_template_names(self):
        if is_manager(self.request.user):
            return super().get_template_names()
        return ["oscar/dashboard/orders/supplier_order_detail.html"]

    def get_context_data(self, **kwargs):
        if is_manager(self.request.user):
            return super().get_context_data(**kwargs)
        ctx = DetailView.get_context_data(self, **kwargs)
        lines = list(self.get_order_lines())
        ctx.update(supplier_order_context(order=self.object, lines=lines))
        ctx["delivery_address"] = selectors.order_delivery_address_visible_to(
            user=self.request.user, order=self.object
        )
        return ctx

    def post(self, request, *args, **kwargs):
        if is_manager(request.user):
            return super().post(request, *args, **kwargs)
        order = self.object = self.get_object()
        action = request.POST.get("supplier_action", "")
        line = selectors.order_line_visible_to(
            user=request.user, order=order, line_id=request.POST.get("line")
        )
        if line is None or action not in (*SUPPLIER_ACTIONS, "cancel"):
            # Order-level actions, notes, payments, other suppliers' lines: not a supplier's.
            raise PermissionDenied
        try:
            if action == "cancel":
                line_cancel(line=line, by=request.user, reason=request.POST.get("reason", ""))
            else:
                SUPPLIER_ACTIONS[action](line=line, by=request.user)
        except MarketplaceError as exc:
            return self.reload_page(error=str(exc))
        messages.success(request, _("Line #%(id)s updated.") % {"id": line.pk})
        return self.reload_page()

    def change_order_status(self, request, order):
        new_status = request.POST.get("new_status", "").strip()
        if new_status == PARTLY_CANCELLED:
            return self.reload_page(error=_("This status follows from the lines: cancel lines instead."))
        if new_status == CANCELLED:
            _cancel_whole_order(request, order)
            return self.reload_page()
        return super().change_order_status(request, order)

    def change_line_statuses(self, request, order, lines, quantities):
        if request.POST.get("new_status", "").strip() != CANCELLED:
            return super().change_line_statuses(request, order, lines, quantities)
        reason = request.POST.get("reason", "").strip() or _("cancelled by the manager")
        for line in lines:
            try:
                line_cancel(line=line, by=request.user, reason=reason)
            except MarketplaceError as exc:
                messages.error(request, f"#{line.pk}: {exc}")
        return self.reload_page()


def supplier_order_context(*, order, lines) -> dict:
    boxed = selectors.lines_in_sfa_boxes(lines=lines)
    return {
        "lines": lines,
        "boxed_line_ids": boxed,
        "buyer_name": selectors.buyer_name(order=order),
        "supplier_total": sum((line.line_price_incl_tax for line in lines), 0),
    }


class LineDetailView(views.LineDetailView):
    def get_object(self, queryset=None):
        order = _order_or_404(self.request.user, self.kwargs["number"])
        line = selectors.order_line_visible_to(
            user=self.request.user, order=order, line_id=self.kwargs["line_id"]
        )
        if line is None:
            raise Http404
        return line

    def get_template_names(self):
        if is_manager(self.request.user):
            return super().get_template_names()
        return ["oscar/dashboard/orders/supplier_line_detail.html"]

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        if not is_manager(self.request.user):
            ctx.update(supplier_order_context(order=self.object.order, lines=[self.object]))
            ctx["delivery_address"] = selectors.order_delivery_address_visible_to(
                user=self.request.user, order=self.object.order
            )
        return ctx


class ShippingAddressUpdateView(views.ShippingAddressUpdateView):
    def dispatch(self, request, *args, **kwargs):
        # The address serves every supplier's delivery: only the manager changes it.
        _manager_or_403(request.user)
        return super().dispatch(request, *args, **kwargs)

    def get_object(self, queryset=None):
        order = _order_or_404(self.request.user, self.kwargs["number"])
        if order.shipping_address is None:
            raise Http404
        return order.shipping_address


class OrderStatsView(views.OrderStatsView):
    def dispatch(self, request, *args, **kwargs):
        # Figures over whole orders (other suppliers' sales): the manager's only.
        _manager_or_403(request.user)
        return super().dispatch(request, *args, **kwargs)
