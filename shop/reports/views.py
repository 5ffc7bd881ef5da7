"""Report pages and their exports: each view builds a Scope and renders the selectors' Tables."""

from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.utils.text import slugify
from django.views import generic

from shop.core.access import HRContactRequiredMixin, ManagerRequiredMixin
from shop.eligibility.selectors import employers_for_hr
from shop.reports import selectors
from shop.reports.charts import chart_for
from shop.reports.exports import table_response
from shop.reports.forms import ReportFilterForm
from shop.territory.models import Area

PERMISSION = "reports.view_reports"
HR_PERMISSION = "reports.view_employer_report"
FORMATS = ("csv", "xlsx")


class FilterMixin:
    whole_periods = False

    def get_form(self) -> ReportFilterForm:
        if not hasattr(self, "_form"):
            data = (
                self.request.GET
                if any(k in self.request.GET for k in ("date_from", "date_to", "area"))
                else None
            )
            self._form = ReportFilterForm(data, whole_periods=self.whole_periods)
        return self._form

    def filter_valid(self) -> bool:
        form = self.get_form()
        return not form.is_bound or form.is_valid()

    def scope(self) -> selectors.Scope:
        form = self.get_form()
        return selectors.scope_for_manager(period=form.chosen_period(), area=form.chosen_area())

    def area_label(self) -> str:
        from django.utils.translation import gettext as _

        area = self.get_form().chosen_area()
        return str(dict(Area.choices)[area]) if area else _("Both areas")

    def query_string(self) -> str:
        return self.request.GET.urlencode()


def _sections(tables):
    return [{"table": table, "chart": chart_for(table)} for table in tables]


class ManagerAccessMixin(ManagerRequiredMixin):
    permission_required = PERMISSION
    raise_exception = True  # anonymous users get 403 too, never a hint that the page exists


class ManagerReportView(ManagerAccessMixin, FilterMixin, generic.TemplateView):
    template_name = "reports/dashboard/manager.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(form=self.get_form(), area_label=self.area_label(), **kwargs)
        if self.filter_valid():
            scope = self.scope()
            tables = selectors.manager_report(scope=scope)
            ctx.update(period=scope.period, sections=_sections(tables), query=self.query_string())
            needs = (
                selectors.table_by_slug(tables, "needs") if any(t.slug == "needs" for t in tables) else None
            )
            if needs is not None and needs.rows:
                ctx["needs_spec"], ctx["needs_map"] = selectors.needs_map(table=needs)
        return ctx


class ManagerExportView(ManagerAccessMixin, FilterMixin, generic.View):
    def get(self, request, slug, fmt):
        if fmt not in FORMATS or not self.filter_valid():
            raise Http404
        scope = self.scope()
        if slug in ("indicators", "services-need", "municipalities"):
            tables = selectors.funder_report(scope=scope).tables()
        else:
            tables = selectors.manager_report(scope=scope)
        return table_response(
            selectors.table_by_slug(tables, slug),
            fmt=fmt,
            prefix=f"report-{scope.period.start}-{scope.period.end}",
        )


class FunderReportView(ManagerAccessMixin, FilterMixin, generic.TemplateView):
    template_name = "reports/dashboard/funder.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(form=self.get_form(), area_label=self.area_label(), **kwargs)
        if self.filter_valid():
            report = selectors.funder_report(scope=self.scope())
            ctx.update(
                report=report,
                period=report.period,
                sections=_sections(report.tables()),
                query=self.query_string(),
            )
        return ctx


class FunderPdfView(ManagerAccessMixin, FilterMixin, generic.View):
    def get(self, request):
        from shop.reports.pdf import funder_pdf  # imported on use (tests/perf/test_startup_imports.py)

        if not self.filter_valid():
            raise Http404
        report = selectors.funder_report(scope=self.scope())
        response = HttpResponse(
            funder_pdf(report=report, area_label=self.area_label()), content_type="application/pdf"
        )
        name = slugify(f"indicatori-{report.period.start}-{report.period.end}")
        response["Content-Disposition"] = f'attachment; filename="{name}.pdf"'
        return response


# --- HR contact: own employer, aggregates with small groups suppressed ----------------------


class HRAccessMixin(HRContactRequiredMixin):
    """An HR contact of some employer, else 403; ``self.employer`` is the URL's, else 404."""

    employers_for = staticmethod(employers_for_hr)


class HRReportMixin(HRAccessMixin, FilterMixin):
    permission_required = HR_PERMISSION
    whole_periods = True

    def get_context_data(self, **kwargs):
        return super().get_context_data(employer=self.employer, **kwargs)

    def scope(self) -> selectors.Scope:
        form = self.get_form()
        return selectors.scope_for_hr(
            user=self.request.user,
            employer_id=self.employer.pk,
            period=form.chosen_period(),
        )


class HRReportIndexView(HRAccessMixin, generic.View):
    """/hr/report/: straight to the report of the HR contact's employer (or the employer list)."""

    def get(self, request):
        employers = list(employers_for_hr(user=request.user))
        if len(employers) == 1:
            return redirect("reports:hr-report", employer_pk=employers[0].pk)
        return redirect("eligibility:hr-index")


class HRReportView(HRReportMixin, generic.TemplateView):
    template_name = "reports/hr/report.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(form=self.get_form(), area_label=self.area_label(), **kwargs)
        if self.filter_valid():
            scope = self.scope()
            ctx.update(
                period=scope.period,
                sections=_sections(selectors.employer_report(scope=scope)),
                query=self.query_string(),
            )
        return ctx


class HRExportView(HRReportMixin, generic.View):
    def get(self, request, employer_pk, slug, fmt):
        if fmt not in FORMATS or not self.filter_valid():
            raise Http404
        scope = self.scope()
        table = selectors.table_by_slug(selectors.employer_report(scope=scope), slug)
        return table_response(
            table, fmt=fmt, prefix=f"report-{self.employer.pk}-{scope.period.start}-{scope.period.end}"
        )
