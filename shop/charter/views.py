from django.contrib import messages
from django.contrib.auth import login
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView, View
from oscar.core.loading import get_model

from shop.charter import selectors, services
from shop.charter.exceptions import CharterError
from shop.charter.forms import (
    ApplicationForm,
    CharterVersionForm,
    DecisionForm,
    ResubmitForm,
    ServiceTermsForm,
    SignatureForm,
)
from shop.charter.models import Admission, CharterVersion, ServiceTerms, Signature
from shop.core.access import ManagerRequiredMixin, SupplierRequiredMixin

Partner = get_model("partner", "Partner")
Product = get_model("catalogue", "Product")


# --- Public pages --------------------------------------------------------------------------


class ApplyView(FormView):
    template_name = "charter/apply.html"
    form_class = ApplicationForm

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["version"] = selectors.charter_to_sign()
        return ctx

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            admission = services.supplier_apply(
                legal_name=data["legal_name"],
                display_name=data["display_name"],
                vat_number=data["vat_number"],
                seat=data["seat"],
                contact_name=data["contact_name"],
                contact_role=data["contact_role"],
                email=data["email"],
                phone=data["phone"],
                password=data["password1"],
                offers=data["offers"],
                production_notes=data["production_notes"],
                website=data["website"],
            )
        except CharterError as exc:
            form.add_error(None, str(exc))
            return self.form_invalid(form)
        login(self.request, admission.applicant, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(self.request, _("Application received. Now read and sign the ethical charter."))
        return redirect("charter:sign")


class CharterTextView(TemplateView):
    template_name = "charter/charter_text.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["version"] = selectors.charter_in_force() or selectors.charter_to_sign()
        return ctx


class SupplierListView(TemplateView):
    template_name = "charter/supplier_list.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["suppliers"] = selectors.public_suppliers().order_by("name")
        return ctx


class SupplierDetailView(TemplateView):
    template_name = "charter/supplier_detail.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        partner = selectors.public_suppliers().filter(code=kwargs["code"]).first()
        if partner is None:
            raise Http404
        ctx["partner"] = partner
        ctx["signature"] = selectors.public_signature(partner=partner)
        ctx["products"] = (
            Product._default_manager.browsable()
            .filter(pk__in=partner.stockrecords.values("product_id"))
            .base_queryset()
            .order_by("title")[:48]
        )
        return ctx


# --- The supplier's pages ------------------------------------------------------------------


class MyCharterView(SupplierRequiredMixin, TemplateView):
    template_name = "charter/dashboard/mine.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["partner"] = self.partner
        ctx["standing"] = selectors.charter_standing(partner=self.partner)
        ctx["signatures"] = Signature.objects.filter(partner=self.partner).select_related("version")
        ctx["trail"] = selectors.audit_trail(partner=self.partner)
        ctx["services"] = (
            Product._default_manager.browsable_dashboard()
            .filter(stockrecords__partner=self.partner, product_class__track_stock=False)
            .order_by("title")
        )
        return ctx


class SignView(SupplierRequiredMixin, FormView):
    template_name = "charter/dashboard/sign.html"
    form_class = SignatureForm

    def dispatch(self, request, *args, **kwargs):
        self.version = selectors.charter_to_sign()
        if self.version is None:
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        if Signature.objects.filter(partner=self.partner, version=self.version).exists():
            messages.info(request, _("You already signed the charter in force."))
            return redirect("charter:mine")
        return super().get(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "version": self.version}

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "version": self.version, "partner": self.partner}

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            services.charter_sign(
                partner=self.partner,
                version=self.version,
                actor=self.request.user,
                signer_name=data["signer_name"],
                signer_role=data["signer_role"],
                text_sha256=data["text_sha256"],
                signed_pdf=data.get("signed_pdf"),
            )
        except CharterError as exc:
            form.add_error(None, str(exc))
            return self.form_invalid(form)
        messages.success(self.request, _("Thank you: the charter is signed."))
        return redirect("charter:mine")


class ResubmitView(SupplierRequiredMixin, FormView):
    template_name = "charter/dashboard/resubmit.html"
    form_class = ResubmitForm

    def get_initial(self):
        return {"offers": self.partner.description, "production_notes": self.partner.production_notes}

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["admission"] = get_object_or_404(Admission, partner=self.partner)
        return ctx

    def form_valid(self, form):
        admission = get_object_or_404(Admission, partner=self.partner)
        try:
            services.application_resubmit(admission=admission, actor=self.request.user, **form.cleaned_data)
        except CharterError as exc:
            form.add_error(None, str(exc))
            return self.form_invalid(form)
        messages.success(self.request, _("Application sent again."))
        return redirect("charter:mine")


class ServiceTermsView(SupplierRequiredMixin, FormView):
    template_name = "charter/dashboard/service_terms.html"
    form_class = ServiceTermsForm

    def get_product(self):
        # Scoped to the supplier's own products: another supplier's id is a 404.
        return get_object_or_404(
            Product._default_manager.browsable_dashboard()
            .filter(stockrecords__partner=self.partner)
            .distinct(),
            pk=self.kwargs["pk"],
        )

    def get_form_kwargs(self):
        self.product = self.get_product()
        terms = ServiceTerms.objects.filter(product=self.product).first() or ServiceTerms(
            product=self.product
        )
        return {**super().get_form_kwargs(), "instance": terms}

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "product": self.product}

    def form_valid(self, form):
        services.service_terms_set(product=self.product, **form.cleaned_data)
        messages.success(self.request, _("Service area and capacity saved."))
        return redirect("charter:mine")


# --- The manager's pages -------------------------------------------------------------------


class QueueView(ManagerRequiredMixin, TemplateView):
    template_name = "charter/dashboard/queue.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["queue"] = selectors.application_queue()
        ctx["changes_requested"] = selectors.admissions_by_status(status=Admission.Status.CHANGES_REQUESTED)
        ctx["expiring"] = selectors.expiring_signatures()
        return ctx


class SuppliersView(ManagerRequiredMixin, TemplateView):
    template_name = "charter/dashboard/suppliers.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        status = self.request.GET.get("status") or None
        if status not in Admission.Status.values:
            status = None
        admissions = list(selectors.admissions_by_status(status=status))
        sellable = set(selectors.sellable_partner_ids().values_list("partner_id", flat=True))
        for admission in admissions:
            admission.may_sell = admission.partner_id in sellable
        ctx.update(
            admissions=admissions,
            status=status,
            statuses=Admission.Status.choices,
            expiring=selectors.expiring_signatures(),
            in_force=selectors.charter_in_force(),
        )
        return ctx


class AdmissionDetailView(ManagerRequiredMixin, FormView):
    template_name = "charter/dashboard/admission.html"
    form_class = DecisionForm

    def dispatch(self, request, *args, **kwargs):
        self.admission = get_object_or_404(
            Admission.objects.select_related("partner", "partner__seat"), pk=kwargs["pk"]
        )
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        partner = self.admission.partner
        ctx.update(
            admission=self.admission,
            partner=partner,
            standing=selectors.charter_standing(partner=partner),
            signatures=Signature.objects.filter(partner=partner).select_related("version", "signed_by"),
            trail=selectors.audit_trail(partner=partner),
        )
        return ctx

    def form_valid(self, form):
        try:
            services.admission_decide(
                admission=self.admission,
                actor=self.request.user,
                action=form.cleaned_data["action"],
                reason=form.cleaned_data["reason"],
            )
        except CharterError as exc:
            form.add_error(None, str(exc))
            return self.form_invalid(form)
        messages.success(self.request, _("Decision recorded."))
        return redirect("charter:admission", pk=self.admission.pk)


class SignaturePdfView(ManagerRequiredMixin, View):
    def get(self, request, *args, **kwargs):
        signature = get_object_or_404(Signature, pk=kwargs["pk"])
        if not signature.signed_pdf:
            raise Http404
        return FileResponse(
            signature.signed_pdf.open("rb"),
            content_type="application/pdf",
            filename=f"carta-etica-{signature.pk}.pdf",
        )


class VersionListView(ManagerRequiredMixin, TemplateView):
    template_name = "charter/dashboard/versions.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["versions"] = CharterVersion.objects.all()
        ctx["in_force"] = selectors.charter_in_force()
        return ctx


class VersionCreateView(ManagerRequiredMixin, FormView):
    template_name = "charter/dashboard/version_form.html"
    form_class = CharterVersionForm

    def get_initial(self):
        # A new version starts from the latest text: the manager edits what changes.
        latest = CharterVersion.objects.prefetch_related("commitments").first()
        if latest is None:
            return {}
        initial = {
            "title": latest.title,
            "preamble": latest.preamble,
            "requires_signed_pdf": latest.requires_signed_pdf,
        }
        for commitment in latest.commitments.all():
            key = f"group_{commitment.group}"
            initial[key] = (initial.get(key, "") + "\n" + commitment.text).strip()
        return initial

    def form_valid(self, form):
        data = form.cleaned_data
        version = services.charter_version_create(
            title=data["title"],
            preamble=data["preamble"],
            effective_date=data["effective_date"],
            requires_signed_pdf=data["requires_signed_pdf"],
            commitments=form.commitments(),
        )
        messages.success(self.request, _("Draft saved. Check it, then publish it."))
        return redirect("charter:version", pk=version.pk)


class VersionDetailView(ManagerRequiredMixin, TemplateView):
    template_name = "charter/dashboard/version.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["version"] = get_object_or_404(
            CharterVersion.objects.prefetch_related("commitments"), pk=kwargs["pk"]
        )
        return ctx

    def post(self, request, *args, **kwargs):
        version = get_object_or_404(CharterVersion, pk=kwargs["pk"])
        try:
            services.charter_version_publish(version=version, actor=request.user)
        except CharterError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Version %(number)s published.") % {"number": version.number})
        return redirect(reverse("charter:version", kwargs={"pk": version.pk}))
