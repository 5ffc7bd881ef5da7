"""Pages of the HR contact area (/hr/), the employee's "My employer" page and invitations.

HR pages resolve the employer in the URL through ``employers_for_hr``: another employer's
pages answer 404, as if they did not exist. Every query goes through a selector.
"""

import base64

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View, generic
from oscar.core.loading import get_class

from shop.core.access import HRContactRequiredMixin
from shop.eligibility import selectors, services
from shop.eligibility.exceptions import (
    InvitationInvalid,
    JoinRequestInvalid,
    PurchaseNotAllowed,
    RosterColumnsUnknown,
    RosterImportInvalid,
)
from shop.eligibility.forms import (
    EmployeeForm,
    EndEmploymentForm,
    JoinConfirmForm,
    JoinRequestForm,
    ResidenceForm,
    RosterColumnsForm,
    RosterImportForm,
)
from shop.eligibility.models import JoinRequest
from shop.eligibility.roster_import import (
    COLUMNS,
    REQUIRED_COLUMNS,
    match_columns,
    read_roster_file,
    roster_csv_template,
)
from shop.territory.models import Municipality

EmailUserCreationForm = get_class("customer.forms", "EmailUserCreationForm")


def _apply_validation_error(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


class MunicipalityChoicesMixin:
    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["municipality_names"] = Municipality.objects.values_list("name", "province")
        return ctx


# --- HR area ---------------------------------------------------------------------------------


class HRAccessMixin(HRContactRequiredMixin):
    """An HR contact (role) of some employer (scoping row), else 403; of the URL's, else 404."""

    employers_for = staticmethod(selectors.employers_for_hr)

    def setup_scoped(self, request, *args, **kwargs):
        super().setup_scoped(request, *args, **kwargs)
        if "employer_pk" in kwargs:
            self.load_objects()

    def load_objects(self):
        """Resolve the objects named in the URL, through the HR selectors (404 if out of scope)."""

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["employer"] = getattr(self, "employer", None)
        return ctx

    def get_employee(self):
        return get_object_or_404(
            selectors.roster_for_hr(user=self.request.user, employer=self.employer), pk=self.kwargs["pk"]
        )


class HRIndexView(HRAccessMixin, generic.TemplateView):
    template_name = "eligibility/hr/index.html"

    def get(self, request, *args, **kwargs):
        employers = list(selectors.employers_for_hr(user=request.user))
        if len(employers) == 1:
            return redirect("eligibility:hr-dashboard", employer_pk=employers[0].pk)
        return self.render_to_response(self.get_context_data(employers=employers))


class HRDashboardView(HRAccessMixin, generic.TemplateView):
    template_name = "eligibility/hr/dashboard.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["figures"] = selectors.hr_dashboard_figures(user=self.request.user, employer=self.employer)
        ctx["pending_join_requests"] = (
            selectors.join_requests_for_hr(user=self.request.user, employer=self.employer)
            .filter(status=JoinRequest.Status.PENDING)
            .count()
        )
        return ctx


class RosterView(HRAccessMixin, generic.ListView):
    template_name = "eligibility/hr/roster.html"
    context_object_name = "employees"
    paginate_by = 50

    def get_queryset(self):
        qs = selectors.roster_for_hr(user=self.request.user, employer=self.employer)
        self.query = self.request.GET.get("q", "").strip()
        if self.query:
            qs = qs.filter(last_name__icontains=self.query) | qs.filter(codice_fiscale__icontains=self.query)
        if self.request.GET.get("show") != "all":
            today = timezone.localdate()
            qs = qs.exclude(end_date__lt=today)
        return qs

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["query"] = self.query
        ctx["show_all"] = self.request.GET.get("show") == "all"
        ctx["today"] = timezone.localdate()
        return ctx


class EmployeeAddView(HRAccessMixin, MunicipalityChoicesMixin, generic.FormView):
    template_name = "eligibility/hr/employee_form.html"
    form_class = EmployeeForm
    permission_required = ("eligibility.view_employee", "eligibility.add_employee")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "employer": self.employer}

    def form_valid(self, form):
        try:
            employee = services.employee_add(employer=self.employer, **form.cleaned_data)
        except ValidationError as exc:
            _apply_validation_error(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("%(name)s added to the roster.") % {"name": employee})
        return redirect("eligibility:hr-roster", employer_pk=self.employer.pk)


class EmployeeEditView(HRAccessMixin, MunicipalityChoicesMixin, generic.FormView):
    template_name = "eligibility/hr/employee_form.html"
    form_class = EmployeeForm
    permission_required = ("eligibility.view_employee", "eligibility.change_employee")

    def load_objects(self):
        self.employee = self.get_employee()

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "employer": self.employer, "instance": self.employee}

    def get_context_data(self, **kwargs):
        return super().get_context_data(employee=self.employee, **kwargs)

    def form_valid(self, form):
        employee = selectors.roster_for_hr(user=self.request.user, employer=self.employer).get(
            pk=self.employee.pk
        )
        try:
            services.employee_update(employee=employee, **form.cleaned_data)
        except ValidationError as exc:
            _apply_validation_error(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("%(name)s updated.") % {"name": employee})
        return redirect("eligibility:hr-roster", employer_pk=self.employer.pk)


class EmployeeEndView(HRAccessMixin, generic.FormView):
    template_name = "eligibility/hr/employee_end.html"
    form_class = EndEmploymentForm
    permission_required = ("eligibility.view_employee", "eligibility.change_employee")

    def load_objects(self):
        self.employee = self.get_employee()

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "employee": self.employee}

    def get_initial(self):
        return {"end_date": timezone.localdate()}

    def get_context_data(self, **kwargs):
        return super().get_context_data(employee=self.employee, **kwargs)

    def form_valid(self, form):
        services.employee_end(employee=self.employee, end_date=form.cleaned_data["end_date"])
        messages.success(
            self.request,
            _("Employment of %(name)s ends on %(date)s.")
            % {"name": self.employee, "date": form.cleaned_data["end_date"].strftime("%d/%m/%Y")},
        )
        return redirect("eligibility:hr-roster", employer_pk=self.employer.pk)


class EmployeeInviteView(HRAccessMixin, View):
    permission_required = ("eligibility.view_employee", "eligibility.add_invitation")

    def load_objects(self):
        self.employee = self.get_employee()

    def post(self, request, *args, **kwargs):
        employee = self.employee
        try:
            invitation = services.invitation_send(
                employee=employee, sent_by=request.user, site_url=request.build_absolute_uri("/")
            )
        except InvitationInvalid as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Invitation sent to %(email)s.") % {"email": invitation.email})
        return redirect("eligibility:hr-invitations", employer_pk=self.employer.pk)


PREVIEW_ROWS = 5


class RosterImportMixin(HRAccessMixin):
    permission_required = ("eligibility.view_employee", "eligibility.add_employee")

    @property
    def pending_key(self) -> str:
        # Per employer: a file waiting for its columns never reaches another employer's import.
        return f"roster_import_pending:{self.employer.pk}"

    def pending_keep(self, *, name: str, content: bytes) -> None:
        self.request.session[self.pending_key] = {
            "name": name,
            "content": base64.b64encode(content).decode("ascii"),
        }

    def pending_file(self) -> tuple[str, bytes] | None:
        pending = self.request.session.get(self.pending_key)
        if not pending:
            return None
        return pending["name"], base64.b64decode(pending["content"])

    def render_columns_step(self, *, table, matched, form=None, **extra):
        form = form or RosterColumnsForm(
            headers=table.headers,
            required=REQUIRED_COLUMNS,
            initial={column: str(i) for column, i in matched.items()},
        )
        ctx = {
            "employer": self.employer,
            "form": form,
            "headers": table.headers,
            "preview": table.rows[:PREVIEW_ROWS],
            "row_count": len(table.rows),
            "file_name": (self.pending_file() or ("", b""))[0],
            "row_errors": [],
            **extra,
        }
        return render(self.request, "eligibility/hr/roster_columns.html", ctx)

    def imported(self, imported):
        self.request.session.pop(self.pending_key, None)
        message = _("%(count)s employees added to the roster.") % {"count": imported.added}
        if imported.ignored_headers:
            message += " " + _("Columns left out: %(columns)s.") % {
                "columns": ", ".join(imported.ignored_headers)
            }
        messages.success(self.request, message)
        return redirect("eligibility:hr-roster", employer_pk=self.employer.pk)


class RosterImportView(RosterImportMixin, generic.FormView):
    template_name = "eligibility/hr/roster_import.html"
    form_class = RosterImportForm

    def get_context_data(self, **kwargs):
        return super().get_context_data(columns=list(COLUMNS), **kwargs)

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        content = upload.read()
        try:
            imported = services.roster_import(employer=self.employer, content=content, filename=upload.name)
        except RosterColumnsUnknown as exc:
            self.pending_keep(name=upload.name, content=content)
            return self.render_columns_step(table=exc.table, matched=exc.matched, import_error=str(exc))
        except RosterImportInvalid as exc:
            return self.render_to_response(
                self.get_context_data(form=form, import_error=str(exc), row_errors=exc.errors)
            )
        return self.imported(imported)


class RosterColumnsView(RosterImportMixin, View):
    """The column-choice step: the first rows of the file and, per roster column, its column."""

    def load_objects(self):
        pending = self.pending_file()
        self.table = None
        if pending:
            try:
                self.table = read_roster_file(pending[1], filename=pending[0])
            except ValueError:
                self.request.session.pop(self.pending_key, None)

    def no_file(self):
        messages.info(self.request, _("Upload the roster file again."))
        return redirect("eligibility:hr-roster-import", employer_pk=self.employer.pk)

    def get(self, request, *args, **kwargs):
        if self.table is None:
            return self.no_file()
        remembered = selectors.roster_columns_remembered(employer=self.employer)
        return self.render_columns_step(
            table=self.table, matched=match_columns(self.table.headers, remembered=remembered)
        )

    def post(self, request, *args, **kwargs):
        if self.table is None:
            return self.no_file()
        form = RosterColumnsForm(request.POST, headers=self.table.headers, required=REQUIRED_COLUMNS)
        if not form.is_valid():
            return self.render_columns_step(table=self.table, matched={}, form=form)
        name, content = self.pending_file()
        services.roster_columns_remember(
            employer=self.employer, headers=self.table.headers, columns=form.columns(), by=request.user
        )
        try:
            imported = services.roster_import(
                employer=self.employer, content=content, filename=name, columns=form.columns()
            )
        except RosterImportInvalid as exc:
            return self.render_columns_step(
                table=self.table, matched={}, form=form, import_error=str(exc), row_errors=exc.errors
            )
        return self.imported(imported)


class RosterTemplateView(HRAccessMixin, View):
    def get(self, request, *args, **kwargs):
        response = HttpResponse(roster_csv_template(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="ruolino-modello.csv"'
        return response


class InvitationListView(HRAccessMixin, generic.ListView):
    template_name = "eligibility/hr/invitations.html"
    context_object_name = "invitations"
    paginate_by = 50

    def get_queryset(self):
        return selectors.invitations_for_hr(user=self.request.user, employer=self.employer)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["not_joined"] = (
            selectors.roster_for_hr(user=self.request.user, employer=self.employer)
            .filter(user__isnull=True)
            .exclude(end_date__lt=timezone.localdate())
        )
        ctx["now"] = timezone.now()
        return ctx


class JoinRequestListView(HRAccessMixin, generic.ListView):
    template_name = "eligibility/hr/join_requests.html"
    context_object_name = "join_requests"
    paginate_by = 50

    def get_queryset(self):
        return selectors.join_requests_for_hr(user=self.request.user, employer=self.employer)


class JoinRequestDecideView(HRAccessMixin, generic.FormView):
    template_name = "eligibility/hr/join_request_confirm.html"
    form_class = JoinConfirmForm
    permission_required = ("eligibility.view_employee", "eligibility.change_joinrequest")

    def load_objects(self):
        self.join_request = get_object_or_404(
            selectors.join_requests_for_hr(user=self.request.user, employer=self.employer),
            pk=self.kwargs["pk"],
        )

    def get_initial(self):
        return {"start_date": timezone.localdate()}

    def get_context_data(self, **kwargs):
        join_request = self.join_request
        on_roster = (
            selectors.roster_for_hr(user=self.request.user, employer=self.employer)
            .filter(codice_fiscale=join_request.codice_fiscale)
            .first()
        )
        return super().get_context_data(join_request=join_request, on_roster=on_roster, **kwargs)

    def post(self, request, *args, **kwargs):
        join_request = self.join_request
        if request.POST.get("action") == "refuse":
            try:
                services.join_request_refuse(join_request=join_request, decided_by=request.user)
            except JoinRequestInvalid as exc:
                messages.error(request, str(exc))
            else:
                messages.success(request, _("Request refused."))
            return redirect("eligibility:hr-join-requests", employer_pk=self.employer.pk)
        form = self.get_form()
        if not form.is_valid():
            return self.form_invalid(form)
        try:
            employee = services.join_request_confirm(
                join_request=join_request, decided_by=request.user, start_date=form.cleaned_data["start_date"]
            )
        except (JoinRequestInvalid, ValidationError) as exc:
            messages.error(request, " ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc))
            return redirect("eligibility:hr-join-requests", employer_pk=self.employer.pk)
        messages.success(request, _("%(name)s has joined.") % {"name": employee})
        return redirect("eligibility:hr-join-requests", employer_pk=self.employer.pk)


# --- The employee's own pages ----------------------------------------------------------------


class MyEmployerView(LoginRequiredMixin, MunicipalityChoicesMixin, generic.TemplateView):
    template_name = "eligibility/account/my_employer.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        ctx["page_title"] = _("My employer")
        ctx["credit_employment"] = selectors.employment_for_credit(user=user)
        ctx["employments"] = selectors.employments_for_user(user=user)
        ctx["join_requests"] = selectors.join_requests_for_user(user=user)
        ctx["home_municipality"] = selectors.home_municipality_for(user=user)
        try:
            ctx["purchase_mode"] = selectors.purchase_mode_for(user=user)
        except PurchaseNotAllowed as exc:
            ctx["purchase_refusal"] = str(exc)
        ctx.setdefault(
            "residence_form", ResidenceForm(initial={"home_municipality": ctx["home_municipality"]})
        )
        return ctx

    def post(self, request, *args, **kwargs):
        form = ResidenceForm(request.POST)
        if form.is_valid():
            services.resident_profile_set(
                user=request.user, home_municipality=form.cleaned_data["home_municipality"]
            )
            messages.success(request, _("Home municipality saved."))
            return redirect("eligibility:my-employer")
        return self.render_to_response(self.get_context_data(residence_form=form))


class JoinRequestCreateView(LoginRequiredMixin, MunicipalityChoicesMixin, generic.FormView):
    template_name = "eligibility/account/join_request_form.html"
    form_class = JoinRequestForm

    def get_context_data(self, **kwargs):
        return super().get_context_data(page_title=_("Ask to join an employer"), **kwargs)

    def get_initial(self):
        user = self.request.user
        return {"first_name": user.first_name, "last_name": user.last_name, "work_email": user.email}

    def form_valid(self, form):
        try:
            services.join_request_create(user=self.request.user, **form.cleaned_data)
        except JoinRequestInvalid as exc:
            form.add_error(None, str(exc))
            return self.form_invalid(form)
        except ValidationError as exc:
            _apply_validation_error(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("Request sent: your employer's HR contact will confirm it."))
        return redirect("eligibility:my-employer")


class InvitationAcceptView(View):
    """Accept an invitation: signed-in users confirm; others create an account on the spot."""

    template_name = "eligibility/invitation_accept.html"

    def _context(self, invitation, **extra):
        return {"invitation": invitation, **extra}

    def _load(self, token):
        invitation = selectors.invitation_for_token(token=token)
        try:
            return selectors.invitation_check(invitation=invitation), None
        except InvitationInvalid as exc:
            return invitation, str(exc)

    def get(self, request, token):
        invitation, error = self._load(token)
        if error:
            return render(
                request, self.template_name, {"error": error}, status=404 if invitation is None else 410
            )
        form = None
        if not request.user.is_authenticated:
            form = EmailUserCreationForm(host=request.get_host(), initial={"email": invitation.email})
        return render(request, self.template_name, self._context(invitation, form=form))

    def post(self, request, token):
        invitation, error = self._load(token)
        if error:
            return render(
                request, self.template_name, {"error": error}, status=404 if invitation is None else 410
            )
        if request.user.is_authenticated:
            user = request.user
        else:
            form = EmailUserCreationForm(data=request.POST, host=request.get_host())
            if not form.is_valid():
                return render(request, self.template_name, self._context(invitation, form=form))
            user = services.account_create(
                email=form.cleaned_data["email"], password=form.cleaned_data["password1"]
            )
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        try:
            employee = services.invitation_accept(invitation=invitation, user=user)
        except InvitationInvalid as exc:
            return render(request, self.template_name, {"error": str(exc)}, status=410)
        messages.success(
            request,
            _("Welcome! You are now recognised as an employee of %(employer)s.")
            % {"employer": employee.employer},
        )
        return HttpResponseRedirect(reverse("eligibility:my-employer"))
