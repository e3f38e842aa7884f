"""schema.org JSON-LD: the Person a speaker page describes (and every
page that names a speaker)."""

from recap.core.links import absolute


def person(speaker, request=None, url=None, image_url=None):
    """A schema.org Person for a speaker; `url` is their page's address."""
    data = {"@type": "Person", "name": speaker.name}
    if url:
        data["url"] = absolute(request, url)
    if speaker.job_title:
        data["jobTitle"] = speaker.job_title
    if speaker.organisation:
        data["worksFor"] = {"@type": "Organization", "name": speaker.organisation}
    if image_url:
        data["image"] = absolute(request, image_url)
    return data


def person_document(speaker, request=None, url=None, image_url=None, bio_text=""):
    """The JSON-LD document of a speaker's own page."""
    data = {"@context": "https://schema.org", **person(speaker, request, url, image_url)}
    if bio_text:
        data["description"] = bio_text
    if speaker.same_as:
        data["sameAs"] = speaker.same_as
    return data
