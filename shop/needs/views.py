import json

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView, View
from oscar.core.loading import get_model

from shop.core.access import ManagerRequiredMixin, SupplierRequiredMixin
from shop.eligibility.selectors import employment_for_credit
from shop.km0.selectors import home_of_user
from shop.needs import selectors, services
from shop.needs.consent import CONSENT_VERSION
from shop.needs.exceptions import NeedsError
from shop.needs.forms import (
    CaredPersonFormSet,
    HouseholdProfileForm,
    NeedForm,
    UrgentAnswerForm,
    UrgentRequestForm,
    UrgentSearchForm,
)
from shop.needs.models import ConsentEvent, Need, UrgentRequest
from shop.territory.models import Municipality

Partner = get_model("partner", "Partner")
Product = get_model("catalogue", "Product")


# --- The employee's household profile ----------------------------------------------------------


class HouseholdView(LoginRequiredMixin, TemplateView):
    extra_context = {"page_title": gettext_lazy("My household")}
    template_name = "needs/household.html"

    def get_context_data(self, **kwargs):
        profile = selectors.household_for_user(user=self.request.user)
        return super().get_context_data(
            profile=profile,
            is_employee=employment_for_credit(user=self.request.user) is not None,
            reasons=selectors.household_need_reasons(profile=profile, needs=selectors.active_needs())
            if profile
            else [],
            consent_current=profile is None or profile.consent_version == CONSENT_VERSION,
            **kwargs,
        )


class HouseholdEditView(LoginRequiredMixin, TemplateView):
    extra_context = {"page_title": gettext_lazy("My household")}
    template_name = "needs/household_form.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and employment_for_credit(user=request.user) is None:
            raise PermissionDenied(_("Household profiles are for employees of member companies."))
        return super().dispatch(request, *args, **kwargs)

    def _initial(self):
        profile = selectors.household_for_user(user=self.request.user)
        if profile is None:
            return {"home_municipality": home_of_user(user=self.request.user)}, []
        people = [
            {
                "kind": p.kind,
                "relation": p.relation,
                "birth_year": p.birth_year,
                "municipality": p.municipality,
            }
            for p in profile.people.all()
        ]
        initial = {
            "home_municipality": profile.home_municipality,
            "working_hours": profile.working_hours,
            "needs": list(profile.needs.all()),
        }
        return initial, people

    def get(self, request, *args, **kwargs):
        initial, people = self._initial()
        return self.render_to_response(
            self.get_context_data(
                form=HouseholdProfileForm(initial=initial),
                formset=CaredPersonFormSet(initial=people, prefix="people"),
            )
        )

    def post(self, request, *args, **kwargs):
        form = HouseholdProfileForm(request.POST)
        formset = CaredPersonFormSet(request.POST, prefix="people")
        if form.is_valid() and formset.is_valid():
            people = [person for person in (f.person() for f in formset.forms) if person]
            try:
                services.household_profile_save(
                    user=request.user,
                    consent=form.cleaned_data["consent"],
                    home_municipality=form.cleaned_data["home_municipality"],
                    working_hours=form.cleaned_data["working_hours"],
                    needs=form.cleaned_data["needs"],
                    people=people,
                )
            except NeedsError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _("Your household profile is saved. Only you can see it."))
                return redirect("needs:household")
        return self.render_to_response(self.get_context_data(form=form, formset=formset))


class HouseholdExportView(LoginRequiredMixin, View):
    def get(self, request):
        profile = selectors.household_for_user(user=request.user)
        if profile is None:
            raise Http404
        events = ConsentEvent.objects.filter(user=request.user)
        data = selectors.household_export(profile=profile, consent_events=events)
        response = HttpResponse(
            json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json; charset=utf-8"
        )
        response["Content-Disposition"] = 'attachment; filename="profilo-famiglia.json"'
        response["Cache-Control"] = "no-store"
        return response


class HouseholdDeleteView(LoginRequiredMixin, TemplateView):
    extra_context = {"page_title": gettext_lazy("My household")}
    template_name = "needs/household_delete.html"

    def post(self, request):
        if services.household_profile_delete(user=request.user):
            messages.success(request, _("Your household profile was deleted and your consent withdrawn."))
        return redirect("needs:household")


# --- Emergencies ----------------------------------------------------------------------------


def _default_place(user):
    profile = selectors.household_for_user(user=user)
    return profile.home_municipality if profile else home_of_user(user=user)


class UrgentView(LoginRequiredMixin, TemplateView):
    template_name = "needs/urgent.html"

    def get_context_data(self, **kwargs):
        data = self.request.GET if "situation" in self.request.GET else None
        form = UrgentSearchForm(data, initial={"municipality": _default_place(self.request.user)})
        offers = None
        if data is not None and form.is_valid():
            offers = selectors.urgent_offers(
                need=form.cleaned_data["situation"], municipality=form.cleaned_data["municipality"]
            )
        return super().get_context_data(
            form=form, offers=offers, response_hours=selectors.response_hours(), **kwargs
        )


class UrgentRequestView(LoginRequiredMixin, FormView):
    template_name = "needs/urgent_request.html"
    form_class = UrgentRequestForm

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.need = get_object_or_404(selectors.urgent_situations(), slug=kwargs["slug"])
        self.municipality = get_object_or_404(Municipality, pk=kwargs["place"])
        offers = selectors.urgent_offers(need=self.need, municipality=self.municipality)
        self.offer = next(
            (o for o in offers if o.product.pk == kwargs["product"] and o.partner.pk == kwargs["partner"]),
            None,
        )
        if self.offer is None:
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        phone = getattr(self.request.user, "phone", "") or ""
        return {"contact_phone": phone}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            need=self.need,
            municipality=self.municipality,
            offer=self.offer,
            response_hours=selectors.response_hours(),
            **kwargs,
        )

    def form_valid(self, form):
        try:
            services.urgent_request_create(
                buyer=self.request.user,
                need=self.need,
                product=self.offer.product,
                partner=self.offer.partner,
                municipality=self.municipality,
                wanted_from=form.cleaned_data["wanted_from"],
                contact_phone=form.cleaned_data["contact_phone"],
                message=form.cleaned_data["message"],
            )
        except NeedsError as exc:
            form.add_error(None, str(exc))
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("Request sent to %(supplier)s: they answer within %(hours)s hours.")
            % {"supplier": self.offer.partner.name, "hours": selectors.response_hours()},
        )
        return redirect("needs:my-requests")


class MyUrgentRequestsView(LoginRequiredMixin, TemplateView):
    extra_context = {"page_title": gettext_lazy("Urgent requests")}
    template_name = "needs/my_requests.html"

    def get_context_data(self, **kwargs):
        requests = list(selectors.urgent_requests_for_buyer(user=self.request.user)[:50])
        return super().get_context_data(
            requests=requests,
            bookable=selectors.products_with_calendar(products=[r.product_id for r in requests]),
            now=timezone.now(),
            **kwargs,
        )


# --- The supplier's answers ---------------------------------------------------------------------


class SupplierRequestsView(SupplierRequiredMixin, TemplateView):
    template_name = "needs/supplier/requests.html"

    def get_context_data(self, **kwargs):
        requests = selectors.urgent_requests_for_supplier(user=self.request.user)
        return super().get_context_data(
            pending=requests.filter(status=UrgentRequest.Status.PENDING).order_by("respond_by"),
            closed=requests.exclude(status=UrgentRequest.Status.PENDING)[:50],
            answer_form=UrgentAnswerForm(),
            now=timezone.now(),
            **kwargs,
        )


class SupplierAnswerView(SupplierRequiredMixin, View):
    def post(self, request, pk):
        # Scoped first: another supplier's request is a 404, whatever the form says.
        get_object_or_404(selectors.urgent_requests_for_supplier(user=request.user), pk=pk)
        form = UrgentAnswerForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Choose whether to accept or refuse the request."))
            return redirect("needs:supplier-requests")
        try:
            answered = services.urgent_request_answer(
                user=request.user,
                request_id=pk,
                accept=form.cleaned_data["decision"] == "accept",
                note=form.cleaned_data["note"],
            )
        except NeedsError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(
                request,
                _("Request #%(number)s: %(status)s. The buyer was told by email.")
                % {"number": answered.pk, "status": answered.get_status_display()},
            )
        return redirect("needs:supplier-requests")


# --- The manager's pages --------------------------------------------------------------------


class NeedListView(ManagerRequiredMixin, TemplateView):
    permission_required = "needs.change_need"
    template_name = "needs/dashboard/need_list.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            needs=Need.objects.prefetch_related("categories", "product_classes", "products"), **kwargs
        )


class NeedEditView(ManagerRequiredMixin, FormView):
    permission_required = "needs.change_need"
    template_name = "needs/dashboard/need_form.html"
    form_class = NeedForm

    def get_form_kwargs(self):
        self.object = get_object_or_404(Need, pk=self.kwargs["pk"]) if "pk" in self.kwargs else None
        return {**super().get_form_kwargs(), "instance": self.object}

    def get_context_data(self, **kwargs):
        kwargs.setdefault("form", self.get_form())  # sets self.object (a GET has no form yet)
        return super().get_context_data(object=self.object, **kwargs)

    def form_valid(self, form):
        need = services.need_save(need=self.object, **form.cleaned_data)
        messages.success(self.request, _("Need “%(name)s” saved.") % {"name": need.name})
        return redirect("needs:dashboard-needs")


class CoverageView(ManagerRequiredMixin, TemplateView):
    permission_required = "needs.view_coverage"
    template_name = "needs/dashboard/coverage.html"

    def get_context_data(self, **kwargs):
        coverage = selectors.needs_coverage()
        return super().get_context_data(
            coverage=coverage, households=selectors.households_by_need(), **kwargs
        )
