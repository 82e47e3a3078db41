"""Signals for page states Wagtail does not have. Sent with `sender=<specific page class>` and
`instance=<specific page>` inside the transaction that changed the state; receivers that reach
outside the database must defer their work with `transaction.on_commit`."""

from django.dispatch import Signal

page_withdrawn = Signal()
page_reinstated = Signal()

# One `cms.pages.updates.ContentChange` per change of what the public can see (publish,
# unpublish, 撤稿, reinstatement, move, delete): feeds, the app API and the outbox follow it.
content_changed = Signal()
