"""Public question routes (to be written: issue 3)."""

app_name = "recap_questions"

urlpatterns = []
