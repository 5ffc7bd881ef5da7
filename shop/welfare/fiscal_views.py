"""Pages of the fiscal side: the employee's fringe-benefit cap and claims, the manager's claim
review (dashboard), the HR contact's payroll export. Every query goes through a scoped selector."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import generic

from shop.core.access import ManagerRequiredMixin
from shop.eligibility.selectors import employers_for_hr, employments_for_user, roster_for_hr
from shop.welfare import claims, payroll, selectors, services
from shop.welfare.exceptions import WelfareError
from shop.welfare.forms import ChildrenDeclarationForm, ClaimForm, ClaimRejectForm, PayrollFilterForm
from shop.welfare.models import EmployeeCategory, EmployeeWelfareProfile
from shop.welfare.nav import PERMISSION
from shop.welfare.orders import claim_refusal_reason
from shop.welfare.selectors import usable_wallets
from shop.welfare.views import HRMixin


def _receipt_response(claim):
    try:
        handle = claim.receipt.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    response = FileResponse(handle, as_attachment=False, filename=claim.receipt.name.rsplit("/", 1)[-1])
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


# --- The employee ------------------------------------------------------------------------


class FringeView(LoginRequiredMixin, generic.FormView):
    """The c.3 running total of the year and the dependent-children declaration."""

    template_name = "welfare/fringe.html"
    form_class = ChildrenDeclarationForm

    def employments(self):
        return list(employments_for_user(user=self.request.user))

    def get_form_kwargs(self):
        year = timezone.localdate().year
        return {**super().get_form_kwargs(), "years": [year, year + 1], "initial": {"year": year}}

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["statuses"] = [(e, selectors.fringe_status(employee=e)) for e in self.employments()]
        return ctx

    def form_valid(self, form):
        employments = self.employments()
        if not employments:
            form.add_error(None, _("You are not on the roster of a member company."))
            return self.form_invalid(form)
        try:
            for employee in employments:
                services.children_declare(
                    employee=employee,
                    year=form.cleaned_data["year"],
                    children_count=form.cleaned_data["children_count"],
                    by=self.request.user,
                )
        except WelfareError as exc:
            form.add_error(None, str(exc))
            return self.form_invalid(form)
        messages.success(self.request, _("Declaration recorded. Your employer's HR contact can see it."))
        return redirect("welfare:fringe")


class ClaimListView(LoginRequiredMixin, generic.TemplateView):
    template_name = "welfare/claims/list.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["claims"] = claims.claims_for_employee(user=self.request.user)
        ctx["wallets"] = usable_wallets(user=self.request.user)
        ctx["claim_refusal"] = "" if ctx["wallets"] else claim_refusal_reason(user=self.request.user)
        return ctx


class ClaimCreateView(LoginRequiredMixin, generic.FormView):
    template_name = "welfare/claims/form.html"
    form_class = ClaimForm

    def get_wallet(self):
        # Another person's wallet, or one that cannot be used today, is not found.
        return get_object_or_404(usable_wallets(user=self.request.user), pk=self.kwargs["wallet_pk"])

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "wallet": self.get_wallet()}

    def form_valid(self, form):
        try:
            claim = claims.claim_file(user=self.request.user, wallet=self.get_wallet(), **form.cleaned_data)
        except WelfareError as exc:
            form.add_error(None, str(exc))
            return self.form_invalid(form)
        messages.success(
            self.request, _("Claim filed: its amount is held in your credit until it is reviewed.")
        )
        return redirect("welfare:claim-detail", pk=claim.pk)


class ClaimDetailView(LoginRequiredMixin, generic.DetailView):
    template_name = "welfare/claims/detail.html"
    context_object_name = "claim"

    def get_queryset(self):
        return claims.claims_for_employee(user=self.request.user)


class ClaimReceiptView(LoginRequiredMixin, generic.View):
    def get(self, request, pk):
        return _receipt_response(get_object_or_404(claims.claims_for_employee(user=request.user), pk=pk))


# --- The manager's staff (dashboard) --------------------------------------------------------


class ReviewerMixin(ManagerRequiredMixin):
    permission_required = PERMISSION
    raise_exception = True  # 403, also for HR contacts: never a redirect that hints at more

    def get_queryset(self):
        return claims.claims_for_reviewer(user=self.request.user)


class ClaimReviewListView(ReviewerMixin, generic.ListView):
    template_name = "welfare/dashboard/claim_list.html"
    context_object_name = "claims"
    paginate_by = 50

    def get_queryset(self):
        queryset = super().get_queryset()
        status = self.request.GET.get("status")
        if status in claims.Status.values:
            queryset = queryset.filter(status=status)
        return queryset

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "statuses": claims.Status.choices}


class ClaimReviewDetailView(ReviewerMixin, generic.DetailView):
    template_name = "welfare/dashboard/claim_detail.html"
    context_object_name = "claim"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["reject_form"] = kwargs.get("reject_form") or ClaimRejectForm()
        ctx["allowed"] = {str(s) for s in claims.TRANSITIONS[self.object.status]}
        return ctx

    def post(self, request, pk):
        self.object = claim = self.get_object()
        action = request.POST.get("action")
        try:
            if action == "review":
                claims.claim_start_review(claim=claim, by=request.user)
            elif action == "approve":
                claims.claim_approve(claim=claim, by=request.user)
            elif action == "paid":
                claims.claim_mark_paid(claim=claim, by=request.user)
            elif action == "reject":
                form = ClaimRejectForm(request.POST)
                if not form.is_valid():
                    return self.render_to_response(self.get_context_data(reject_form=form))
                claims.claim_reject(claim=claim, by=request.user, reason=form.cleaned_data["reason"])
            else:
                raise Http404
        except WelfareError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Claim updated; the employee has been notified by email."))
        return redirect("welfare:claim-review-detail", pk=claim.pk)


class ClaimReviewReceiptView(ReviewerMixin, generic.View):
    def get(self, request, pk):
        return _receipt_response(get_object_or_404(self.get_queryset(), pk=pk))


# --- HR: payroll export ----------------------------------------------------------------------


class PayrollView(HRMixin, generic.TemplateView):
    """Per employee and month: credit used by fiscal treatment and reimbursed amounts."""

    template_name = "welfare/hr/payroll.html"

    def get(self, request, *args, **kwargs):
        employers = employers_for_hr(user=request.user)
        today = timezone.localdate()
        data = request.GET or None
        form = PayrollFilterForm(
            data,
            employers=employers,
            initial={"employer": employers.first(), "year": today.year, "month": today.month},
        )
        rows, employer = None, None
        if data is not None:
            # Another employer's payroll: 404, before the form says anything about it.
            employer_id = request.GET.get("employer", "")
            if (
                not employer_id.isdigit()
                or payroll.payroll_employer_for_hr(user=request.user, employer_id=int(employer_id)) is None
            ):
                raise Http404
        if form.is_valid():
            employer = form.cleaned_data["employer"]
            year, month = form.cleaned_data["year"], form.cleaned_data["month"]
            rows = payroll.payroll_rows(user=request.user, employer=employer, year=year, month=month)
            export = request.GET.get("export")
            filename = f"welfare-payroll-{employer.vat_number}-{year}-{month:02d}"
            if export == "csv":
                response = HttpResponse(
                    payroll.payroll_csv(rows=rows, year=year, month=month),
                    content_type="text/csv; charset=utf-8",
                )
                response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
                return response
            if export == "xlsx":
                response = HttpResponse(
                    payroll.payroll_xlsx(rows=rows, year=year, month=month),
                    content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                )
                response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
                return response
        return self.render_to_response(
            self.get_context_data(form=form, rows=rows, employer=employer, query=request.GET.urlencode())
        )


class HRCategoriesView(HRMixin, generic.TemplateView):
    """The category of each employee that plan regulations refer to (funding follows it)."""

    template_name = "welfare/hr/categories.html"

    def get_employer(self):
        employers = employers_for_hr(user=self.request.user)
        employer_id = self.request.GET.get("employer") or self.request.POST.get("employer")
        if employer_id is None:
            return employers.first()
        if not str(employer_id).isdigit():
            raise Http404
        return get_object_or_404(employers, pk=employer_id)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        employer = self.get_employer()
        roster = list(roster_for_hr(user=self.request.user, employer=employer))
        current = dict(
            EmployeeWelfareProfile.objects.filter(employee__in=roster).values_list("employee", "category")
        )
        ctx.update(
            employer=employer,
            employers=employers_for_hr(user=self.request.user),
            rows=[(employee, current.get(employee.pk, "")) for employee in roster],
            categories=EmployeeCategory.choices,
        )
        return ctx

    def post(self, request, *args, **kwargs):
        employer = self.get_employer()
        categories = {
            int(key.removeprefix("category_")): value
            for key, value in request.POST.items()
            if key.startswith("category_") and key.removeprefix("category_").isdigit()
        }
        try:
            changed = services.employee_categories_set(
                user=request.user, employer=employer, categories=categories
            )
        except WelfareError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("%(count)s employee(s) updated.") % {"count": changed})
        return redirect(f"{request.path}?employer={employer.pk}")
