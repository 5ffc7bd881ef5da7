from django.contrib import admin

from shop.logistics.models import Box, BoxItem, ItemGuide, Round, TraineeCode, WorkSession, Zone


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
    list_display = ["trainee", "started_at", "ended_at"]


@admin.register(ItemGuide)
class ItemGuideAdmin(admin.ModelAdmin):
    list_display = ["product", "easy_name", "pictogram"]
    raw_id_fields = ["product"]
