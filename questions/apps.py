from django.apps import AppConfig


class QuestionsConfig(AppConfig):
    name = "questions"
    # Prefixed so that a host site's own "questions" app does not clash.
    label = "recap_questions"
    verbose_name = "Delegate questions"
    default_auto_field = "django.db.models.BigAutoField"
