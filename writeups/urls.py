"""Write-up feeds by speaker, topic and event, and the site search
(to be completed: issue 5). Mounted by the reference site at /feeds/."""

app_name = "recap_writeups"

urlpatterns = []
