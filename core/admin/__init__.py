"""Wagtail admin: views, forms, panels, choosers and checks (not
django.contrib.admin; wagtail_hooks.py wires them)."""
