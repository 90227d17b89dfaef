"""What the forum lets users do. Reading is public (held and hidden posts are not shown to the
public); any signed-in account of a participating role asks, answers, votes and reports;
officers (and admins) moderate."""

from stdgap.permissions import Permission

PERMISSIONS = (
    Permission(
        "forum.post",
        "ask and answer questions in the forum, vote, accept an answer to one's question, report",
        ("applicant", "officer", "analyst"),
    ),
    Permission(
        "forum.moderate",
        "approve or reject held posts, edit, hide and show posts again, resolve reports",
        ("officer",),
    ),
)
