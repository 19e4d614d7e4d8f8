from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsConfig(AppConfig):
    name = "sites.news"
    label = "sites_news"
    verbose_name = _("News")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from .comments import NewsComment
        from .signals import comment_changed

        post_save.connect(comment_changed, sender=NewsComment, dispatch_uid="news_comment_saved")
        post_delete.connect(
            comment_changed, sender=NewsComment, dispatch_uid="news_comment_deleted"
        )
