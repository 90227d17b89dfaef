"""Notifications: e-mail to the people the programmes concern, queued in an outbox table in the
transaction of the write that causes them, and sent (and retried) by a sender."""
