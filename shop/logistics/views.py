"""Operator pages, the trainees' packing station, delivery and the buyer's delivery state.

Every page posts to the server with real buttons and works without JavaScript.
"""

from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import generic

from shop.core.access import (
    RoleRequiredMixin,
    SFAOperatorRequiredMixin,
    SFATraineeRequiredMixin,
    is_sfa_operator,
)
from shop.logistics import selectors, services
from shop.logistics.exceptions import LogisticsError
from shop.logistics.forms import BoxForm, DeliveryForm, ItemStepForm, TraineeCodeForm
from shop.logistics.models import BoxItem, Round

STATION_BACKEND = "django.contrib.auth.backends.ModelBackend"


class OperatorMixin(SFAOperatorRequiredMixin):
    def get_round(self) -> Round:
        return get_object_or_404(selectors.rounds_for_operator(user=self.request.user), pk=self.kwargs["pk"])


class RoundListView(OperatorMixin, generic.TemplateView):
    template_name = "logistics/operator/round_list.html"

    def get_context_data(self, **kwargs):
        services.rounds_close_due()
        ctx = super().get_context_data(**kwargs)
        ctx["rounds"] = selectors.rounds_for_operator(user=self.request.user, upcoming_only=True)
        ctx["past_rounds"] = selectors.rounds_for_operator(user=self.request.user).filter(
            status=Round.Status.DONE
        )[:20]
        ctx["zones"] = selectors.zones()
        return ctx


class RoundDetailView(OperatorMixin, generic.TemplateView):
    template_name = "logistics/operator/round_detail.html"

    def get_context_data(self, **kwargs):
        services.rounds_close_due()
        ctx = super().get_context_data(**kwargs)
        round_ = self.get_round()
        ctx.update(
            round=round_,
            sheet=selectors.round_delivery_sheet(round=round_),
            boxes={box.pk: box for box in selectors.round_boxes(round=round_)},
            pick_list=selectors.round_pick_list(round=round_),
            route=selectors.round_route(round=round_),
            hub=selectors.logistics_hub(),
            delivery_form=DeliveryForm(),
        )
        return ctx


class RoundCloseView(OperatorMixin, generic.View):
    def post(self, request, pk):
        try:
            services.round_close(round=self.get_round())
            messages.success(request, _("Round closed: new orders go to the next delivery day."))
        except LogisticsError as exc:
            messages.error(request, str(exc))
        return redirect("logistics:round-detail", pk=pk)


class RoundLabelsPdfView(OperatorMixin, generic.View):
    def get(self, request, pk):
        from shop.logistics import pdf  # imported on use (tests/perf/test_startup_imports.py)

        round_ = self.get_round()
        response = HttpResponse(
            pdf.box_labels(round=round_, rows=selectors.round_delivery_sheet(round=round_)),
            content_type="application/pdf",
        )
        response["Content-Disposition"] = f'inline; filename="etichette-{round_.pk}.pdf"'
        return response


class RoundSheetPdfView(OperatorMixin, generic.View):
    def get(self, request, pk):
        from shop.logistics import pdf  # imported on use (tests/perf/test_startup_imports.py)

        round_ = self.get_round()
        response = HttpResponse(
            pdf.delivery_sheet(
                round=round_,
                rows=selectors.round_delivery_sheet(round=round_),
                route=selectors.round_route(round=round_),
                hub=selectors.logistics_hub(),
            ),
            content_type="application/pdf",
        )
        response["Content-Disposition"] = f'inline; filename="foglio-consegna-{round_.pk}.pdf"'
        return response


class WorkOverviewView(OperatorMixin, generic.TemplateView):
    """Who is packing what, boxes done, items missing, and the inclusion figures."""

    template_name = "logistics/operator/work.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.update(selectors.packing_overview(user=self.request.user))
        today = timezone.localdate()
        ctx["month_start"] = today.replace(day=1)
        ctx["figures"] = selectors.inclusion_figures(since=ctx["month_start"], until=today)
        ctx["session_rows"] = selectors.session_figures(
            user=self.request.user, since=ctx["month_start"], until=today
        )
        return ctx


class TraineeListView(OperatorMixin, generic.FormView):
    template_name = "logistics/operator/trainees.html"
    form_class = TraineeCodeForm

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["codes"] = selectors.trainee_codes_for_operator(user=self.request.user)
        ctx["open_sessions"] = selectors.open_sessions_for_operator(user=self.request.user)
        return ctx

    def form_valid(self, form):
        try:
            code = services.trainee_code_create(code=form.cleaned_data["code"])
        except LogisticsError as exc:
            form.add_error("code", str(exc))
            return self.form_invalid(form)
        messages.success(self.request, _("Trainee code %(code)s created.") % {"code": code.code})
        return redirect("logistics:trainees")


class SessionOpenView(OperatorMixin, generic.View):
    """Open a work session on this tablet: the operator's login gives way to the trainee's."""

    def post(self, request, pk):
        trainee = get_object_or_404(selectors.trainee_codes_for_operator(user=request.user), pk=pk)
        try:
            services.work_session_open(trainee=trainee, by=request.user)
        except LogisticsError as exc:
            messages.error(request, str(exc))
            return redirect("logistics:trainees")
        # login() with another user starts a new session: the operator is logged out here.
        login(request, trainee.user, backend=STATION_BACKEND)
        return redirect("logistics:station")


class SessionCloseView(OperatorMixin, generic.View):
    def post(self, request, pk):
        session = get_object_or_404(selectors.open_sessions_for_operator(user=request.user), pk=pk)
        services.work_session_close(session=session)
        messages.success(request, _("Session of %(code)s closed.") % {"code": session.trainee.code})
        return redirect("logistics:trainees")


# --- Packing station -----------------------------------------------------------------------


class StationMixin(SFATraineeRequiredMixin):
    def setup_scoped(self, request, *args, **kwargs):
        self.session = selectors.open_session_for(user=request.user)


class StationView(StationMixin, generic.TemplateView):
    template_name = "logistics/station/station.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["work_session"] = self.session
        box = selectors.station_current_box(session=self.session)
        if box is not None:
            ctx.update(selectors.station_box_state(box=box))
            # The progress picture's fill: 71 units high when every item is handled.
            height = round(71 * ctx["handled"] / ctx["total"]) if ctx["total"] else 0
            ctx["box_fill"] = {"y": 93 - height, "h": height}
        ctx["screen"] = (
            "no_session"
            if self.session is None
            else "start"
            if box is None
            else "item"
            if ctx.get("current")
            else "close"
        )
        return ctx


class StationPostView(StationMixin, generic.View):
    def post(self, request, *args, **kwargs):
        if self.session is None:
            return redirect("logistics:station")
        try:
            self.act(request, *args, **kwargs)
        except LogisticsError as exc:
            messages.error(request, str(exc))
        return redirect("logistics:station")


class StationStartView(StationPostView):
    def act(self, request):
        if services.box_take_next(session=self.session) is None:
            messages.info(request, _("There are no more boxes to pack. Well done!"))


class StationItemView(StationPostView):
    def act(self, request, item_id):
        form = ItemStepForm(request.POST)
        if not form.is_valid():
            raise LogisticsError()
        item = services.item_mark(session=self.session, item_id=item_id, status=form.cleaned_data["status"])
        name = selectors.station_item(item).name
        if item.status == BoxItem.Status.DONE:
            messages.success(request, _("Done: %(name)s is in the box.") % {"name": name})
        else:
            messages.warning(request, _("Missing: %(name)s. The operator will know.") % {"name": name})


class StationUndoView(StationPostView):
    def act(self, request):
        form = BoxForm(request.POST)
        if not form.is_valid():
            raise LogisticsError()
        item = services.item_undo_last(session=self.session, box_id=form.cleaned_data["box"])
        if item is not None:
            messages.info(
                request, _("Back one step: %(name)s again.") % {"name": selectors.station_item(item).name}
            )


class StationCloseBoxView(StationPostView):
    def act(self, request):
        form = BoxForm(request.POST)
        if not form.is_valid():
            raise LogisticsError()
        services.box_finish(session=self.session, box_id=form.cleaned_data["box"], by=self.session.opened_by)
        messages.success(request, _("The box is closed. Put the label on it."))


class StationEndView(StationMixin, generic.View):
    """The trainee ends the work: session closed, tablet logged out, ready for the operator."""

    def post(self, request):
        if self.session is not None:
            services.work_session_close(session=self.session)
        logout(request)
        return redirect("logistics:station-bye")


class StationByeView(generic.TemplateView):
    template_name = "logistics/station/bye.html"


# --- Delivery ------------------------------------------------------------------------------


class DeliveryMixin(RoleRequiredMixin):
    """Operators, and trainees during an open work session."""

    permission_required = "logistics.deliver_boxes"

    def has_role(self):
        self.trainee = None
        if is_sfa_operator(self.request.user):
            return True
        session = selectors.open_session_for(user=self.request.user)
        self.trainee = session.trainee if session is not None else None
        return session is not None

    def get_round(self):
        return get_object_or_404(selectors.rounds_for_delivery(), pk=self.kwargs["pk"])


class DeliveryRoundView(DeliveryMixin, generic.TemplateView):
    template_name = "logistics/station/delivery.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        round_ = self.get_round()
        ctx.update(
            round=round_,
            sheet=selectors.round_delivery_sheet(round=round_),
            is_trainee=self.trainee is not None,
        )
        return ctx


class DeliveryBoxView(DeliveryMixin, generic.View):
    def post(self, request, pk):
        box = get_object_or_404(selectors.boxes_for_delivery(), pk=pk)
        form = DeliveryForm(request.POST)
        if not form.is_valid():
            for errors in form.errors.values():
                messages.error(request, " ".join(errors))
        else:
            try:
                services.box_record_delivery(
                    box=box,
                    delivered=form.delivered,
                    by=request.user,
                    trainee=self.trainee,
                    note=form.note_text,
                )
                if form.delivered:
                    messages.success(request, _("Box %(number)s delivered.") % {"number": box.order.number})
                else:
                    messages.warning(
                        request, _("Box %(number)s: not at home.") % {"number": box.order.number}
                    )
            except LogisticsError as exc:
                messages.error(request, str(exc))
        if is_sfa_operator(request.user) and request.POST.get("back") == "round":
            return redirect("logistics:round-detail", pk=box.round_id)
        return redirect("logistics:delivery-round", pk=box.round_id)


class DeliveryRoundsView(DeliveryMixin, generic.TemplateView):
    template_name = "logistics/station/delivery_rounds.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["rounds"] = selectors.rounds_for_delivery(upcoming_only=True)
        return ctx


# --- Buyers --------------------------------------------------------------------------------


class MyDeliveriesView(LoginRequiredMixin, generic.TemplateView):
    template_name = "logistics/my_deliveries.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["boxes"] = selectors.boxes_for_buyer(user=self.request.user)
        return ctx
