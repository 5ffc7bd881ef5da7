"""The employee's wallet page and the HR contact's credit-plan pages (aggregates only)."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views import generic

from shop.core.access import HRContactRequiredMixin
from shop.eligibility.selectors import employers_for_hr
from shop.welfare import selectors, services
from shop.welfare.exceptions import WelfareError
from shop.welfare.forms import PlanForm
from shop.welfare.models import EmployeeCategory


class WalletView(LoginRequiredMixin, generic.TemplateView):
    template_name = "welfare/wallet.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.update(selectors.employee_credit_summary(user=self.request.user))
        return ctx


class HRMixin(HRContactRequiredMixin):
    """HR contacts of some employer only; every query below starts from employers_for_hr."""

    employers_for = staticmethod(employers_for_hr)

    def get_plan(self):
        return get_object_or_404(selectors.plans_for_hr(user=self.request.user), pk=self.kwargs["pk"])


class HRPlanListView(HRMixin, generic.TemplateView):
    template_name = "welfare/hr/plan_list.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["rows"] = [
            (plan, selectors.plan_totals(plan=plan))
            for plan in selectors.plans_for_hr(user=self.request.user)
        ]
        return ctx


class HRPlanCreateView(HRMixin, generic.FormView):
    template_name = "welfare/hr/plan_form.html"
    form_class = PlanForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "employers": employers_for_hr(user=self.request.user)}

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            plan = services.plan_create(
                employer=data["employer"],
                name=data["name"],
                year=data["year"],
                amount_per_employee=data["amount_per_employee"],
                valid_from=data["valid_from"],
                valid_to=data["valid_to"],
                categories=data["categories"],
                benefit_types=data["benefit_types"],
                employees=data["employees"],
                created_by=self.request.user,
                regulation_reference=data["regulation_reference"],
                regulation_text=data["regulation_text"],
                employee_categories=data["employee_categories"],
            )
        except WelfareError as exc:
            form.add_error(None, str(exc))
            return self.form_invalid(form)
        messages.success(self.request, _("Plan created. Fund it to credit the employees' wallets."))
        return redirect("welfare:hr-plan-detail", pk=plan.pk)


class HRPlanDetailView(HRMixin, generic.TemplateView):
    template_name = "welfare/hr/plan_detail.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        plan = self.get_plan()
        ctx.update(
            plan=plan,
            totals=selectors.plan_totals(plan=plan),
            fringe_rules=selectors.fringe_rules(year=plan.year),
            categories=[EmployeeCategory(c).label for c in plan.employee_categories],
        )
        return ctx


class HRPlanFundView(HRMixin, generic.View):
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        plan = self.get_plan()
        try:
            entries = services.plan_fund(plan=plan, by=request.user)
        except WelfareError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("%(count)s wallet(s) credited.") % {"count": len(entries)})
        return redirect("welfare:hr-plan-detail", pk=plan.pk)
