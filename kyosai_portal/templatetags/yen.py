"""Template access to kyosai_portal.formatting."""

from django import template

from kyosai_portal import formatting

register = template.Library()
register.filter("yen", formatting.yen)
