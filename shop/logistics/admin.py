from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from shop.logistics.models import (
    Box,
    BoxItem,
    ItemGuide,
    PictogramRule,
    Round,
    TraineeCode,
    WorkSession,
    Zone,
)
from shop.logistics.pictograms import pictogram_url


@admin.display(description=_("picture"))
def pictogram_preview(obj):
    if not obj.pictogram:
        return "—"
    return format_html(
        '<img src="{}" alt="{}" width="40" height="40">',
        pictogram_url(obj.pictogram),
        obj.get_pictogram_display(),
    )


@admin.register(Zone)
class ZoneAdmin(admin.ModelAdmin):
    list_display = ["name"]
    filter_horizontal = ["municipalities"]


class BoxInline(admin.TabularInline):
    model = Box
    fields = ["order", "municipality", "status", "packed_at", "delivered_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False


@admin.register(Round)
class RoundAdmin(admin.ModelAdmin):
    list_display = ["delivery_date", "zone", "status", "cutoff_at"]
    list_filter = ["status", "zone"]
    inlines = [BoxInline]


class BoxItemInline(admin.TabularInline):
    model = BoxItem
    fields = ["line", "status", "handled_by", "handled_at", "refunded_amount"]
    readonly_fields = fields
    extra = 0
    can_delete = False


@admin.register(Box)
class BoxAdmin(admin.ModelAdmin):
    list_display = ["order", "round", "municipality", "status"]
    list_filter = ["status", "round__zone"]
    raw_id_fields = ["order"]
    inlines = [BoxItemInline]


@admin.register(TraineeCode)
class TraineeCodeAdmin(admin.ModelAdmin):
    list_display = ["code", "is_active", "created_at"]
    readonly_fields = ["user"]


@admin.register(WorkSession)
class WorkSessionAdmin(admin.ModelAdmin):
    list_display = ["trainee", "started_at", "ended_at", "undo_count"]


@admin.register(ItemGuide)
class ItemGuideAdmin(admin.ModelAdmin):
    list_display = ["product", "easy_name", "pictogram", pictogram_preview]
    raw_id_fields = ["product"]
    search_fields = ["product__title", "easy_name"]


@admin.register(PictogramRule)
class PictogramRuleAdmin(admin.ModelAdmin):
    """The manager's mapping from a product's title, category or type to its pictogram."""

    list_display = ["__str__", "position", "pictogram", pictogram_preview]
    list_display_links = ["__str__"]
    list_editable = ["position", "pictogram"]
    list_filter = ["pictogram", "product_class"]
    search_fields = ["title_word", "category__name"]
    raw_id_fields = ["category"]
