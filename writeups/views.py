"""Context for the write-up index and write-up pages."""


def writeup_index_context(request, page):
    return {"writeups": page.writeups().select_related("author", "event")}


def writeup_context(request, page):
    return {}
