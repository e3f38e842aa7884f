"""Core's one model: the content version (see recap.core.versioning)."""

from django.db import models


class ContentVersion(models.Model):
    """One row: a counter every change a reader could see increments in its
    own transaction, and a random epoch fixed when the row is made (a
    database recreated from scratch starts a new series of versions, so keys
    a surviving cache holds from the old one can never be named again)."""

    epoch = models.CharField(max_length=32)
    value = models.BigIntegerField(default=1)

    def __str__(self):
        return f"{self.epoch}-{self.value}"
