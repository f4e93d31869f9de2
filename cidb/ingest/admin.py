from django.contrib import admin

from .models import Article, Feed, IncidentCluster


@admin.register(Feed)
class FeedAdmin(admin.ModelAdmin):
    list_display = ["url", "title", "language", "enabled", "last_polled", "error_count"]
    list_filter = ["enabled", "language"]
    search_fields = ["url", "title"]
    readonly_fields = ["last_polled", "etag", "last_modified", "last_error", "error_count"]


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["url", "status", "language", "published", "relevance", "incident"]
    list_filter = ["status", "language"]
    search_fields = ["url", "title"]
    raw_id_fields = ["source", "incident", "duplicate_of", "feed"]
    readonly_fields = ["url_hash", "content_hash", "raw", "analysis", "error", "created"]
    exclude = ["embedding"]


@admin.register(IncidentCluster)
class IncidentClusterAdmin(admin.ModelAdmin):
    list_display = ["key", "incident", "dirty", "updated"]
    search_fields = ["key"]
    raw_id_fields = ["incident"]
    readonly_fields = ["state", "draft"]
