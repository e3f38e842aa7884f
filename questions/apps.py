from django.apps import AppConfig


class QuestionsConfig(AppConfig):
    name = "recap.questions"
    # Prefixed so that a host site's own "questions" app does not clash.
    label = "recap_questions"
    verbose_name = "Delegate questions"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from wagtail.signals import page_published

        from .signals import mark_cited_questions_answered

        page_published.connect(
            mark_cited_questions_answered, dispatch_uid="recap_questions_answered_on_publish"
        )
