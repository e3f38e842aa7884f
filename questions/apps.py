from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QuestionsConfig(AppConfig):
    name = "recap.questions"
    # Prefixed so that a host site's own "questions" app does not clash.
    label = "recap_questions"
    verbose_name = _("Delegate questions")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_delete, post_save
        from wagtail.signals import page_published

        from recap.core.versioning import connect_model

        from .indexing import question_deleted, question_saved
        from .models import DelegateQuestion, SessionQuestionSettings
        from .present import question_changed
        from .signals import mark_cited_questions_answered

        # The session page reads its settings per content version
        # (session_settings.page_settings): a change from anywhere bumps it.
        connect_model(SessionQuestionSettings)
        page_published.connect(
            mark_cited_questions_answered, dispatch_uid="recap_questions_answered_on_publish"
        )
        # The search index holds public questions only (indexing.py).
        post_save.connect(
            question_saved, sender=DelegateQuestion, dispatch_uid="recap_questions_index_saved"
        )
        post_delete.connect(
            question_deleted, sender=DelegateQuestion, dispatch_uid="recap_questions_index_deleted"
        )
        # Present mode's counter moves with every saved or deleted question.
        post_save.connect(
            question_changed, sender=DelegateQuestion, dispatch_uid="recap_questions_present_saved"
        )
        post_delete.connect(
            question_changed,
            sender=DelegateQuestion,
            dispatch_uid="recap_questions_present_deleted",
        )
