"""Where a model finds the views that render it, without importing them.

A page model's routes (RoutablePageMixin's ``@path``) and ``get_context``
need functions from its app's ``views``/``exports`` modules, and those
modules import the models: importing them from ``models.py`` would be a
circle. Instead the views register themselves when their module is
imported, and each app's ``AppConfig.ready()`` imports its view modules::

    # shop/views.py
    @page_views.register("shop.ShopPage")
    def basket_view(request, page): ...

    # shop/models.py
    class ShopPage(RoutablePageMixin, Page):
        views = PageViews()

        @path("basket/", name="basket")
        def basket(self, request):
            return self.views.basket_view(request, self)

    # shop/apps.py, in ShopConfig.ready()
    from . import views

This module imports nothing from any Recap app.
"""

from django.core.exceptions import ImproperlyConfigured

_registry = {}


class ViewNotRegistered(ImproperlyConfigured, AttributeError):
    """No view of that name for that model (an AttributeError too, so that
    ``hasattr(page.views, name)`` answers False)."""


def register(model_label, name=None):
    """Decorator: register a function as view `name` (default: its own name)
    of the model `model_label` ("app_label.ModelName")."""

    def decorator(function):
        key = (model_label.lower(), name or function.__name__)
        known = _registry.get(key)
        if known is not None and known is not function:
            raise ImproperlyConfigured(f"{key[0]} has two views named {key[1]!r}.")
        _registry[key] = function
        return function

    return decorator


def lookup(model, name):
    """The view `name` registered for `model` or, for a subclass (a host's
    own page type), for the nearest model it inherits from."""
    for cls in model.__mro__:
        meta = getattr(cls, "_meta", None)
        if meta is None:
            continue
        function = _registry.get((meta.label_lower, name))
        if function is not None:
            return function
    raise ViewNotRegistered(
        f"No view {name!r} is registered for {model._meta.label}: does its app's "
        "AppConfig.ready() import the module that registers it?"
    )


class _BoundViews:
    def __init__(self, model):
        self._model = model

    def __getattr__(self, name):
        if name.startswith("_"):
            raise AttributeError(name)
        return lookup(self._model, name)


class PageViews:
    """A class attribute: ``page.views.<name>`` is the view registered under
    that name for the page's model (see the module docstring)."""

    def __get__(self, instance, owner):
        return _BoundViews(owner)
