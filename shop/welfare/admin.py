from django.contrib import admin

from shop.welfare.models import CreditPlan, LedgerEntry, PlanBeneficiary, Wallet


class PlanBeneficiaryInline(admin.TabularInline):
    model = PlanBeneficiary
    raw_id_fields = ["employee"]
    extra = 0


@admin.register(CreditPlan)
class CreditPlanAdmin(admin.ModelAdmin):
    list_display = ["name", "employer", "year", "amount_per_employee", "valid_from", "valid_to", "funded_at"]
    list_filter = ["year", "employer"]
    filter_horizontal = ["allowed_categories"]
    inlines = [PlanBeneficiaryInline]


class ReadOnlyAdmin(admin.ModelAdmin):
    """Figures written only by shop.welfare.services: shown, never edited or deleted here."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Wallet)
class WalletAdmin(ReadOnlyAdmin):
    list_display = ["pk", "employee", "plan", "balance", "reserved"]
    list_filter = ["plan__employer", "plan__year"]
    search_fields = ["employee__last_name", "employee__codice_fiscale"]


@admin.register(LedgerEntry)
class LedgerEntryAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "wallet", "kind", "amount", "held", "balance_after", "order_number"]
    list_filter = ["kind"]
    search_fields = ["order_number", "idempotency_key"]
    date_hierarchy = "created_at"
