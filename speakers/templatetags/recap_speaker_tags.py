"""Links to speaker and topic pages that cost one query per request, not one
per link (the index pages they live under are looked up once)."""

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def speaker_url(context, speaker):
    """The public page of a speaker."""
    return speaker.get_url(context.get("request"))


@register.simple_tag(takes_context=True)
def topic_url(context, topic):
    """The page of a topic (resources.Topic)."""
    return topic.get_url(context.get("request"))
