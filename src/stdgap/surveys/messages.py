"""The e-mails of surveys (subjects and bodies marked for translation; each is written in the
recipient's language when queued, see :mod:`stdgap.notifications.outbox`)."""

from __future__ import annotations

from stdgap.i18n.translate import N_

INVITED = (
    "surveys.invitation",
    N_("Survey: %(title)s"),
    N_(
        'Dear %(name)s,\n\nyou are invited to answer the survey "%(title)s"%(for_member)s by '
        "%(deadline)s. Answer here: %(link)s\n%(anonymity)s\n"
    ),
)
REMINDED = (
    "surveys.reminder",
    N_("Reminder: the survey %(title)s closes on %(deadline)s"),
    N_(
        'Dear %(name)s,\n\nthe survey "%(title)s"%(for_member)s is still waiting for your '
        "answers; it closes on %(deadline)s. Answer here (this link replaces the one sent "
        "before): %(link)s\n%(anonymity)s\n"
    ),
)
ANONYMOUS = N_("Your answers are anonymous: they are stored without your name or your member.")
NAMED = N_("Your answers are stored with your name; you may change them until the deadline.")
FOR_MEMBER = N_(" for %(member)s")
