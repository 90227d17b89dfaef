"""What the surveys capability lets users do. Answering needs no permission: an invitation
(the invited user signed in, or the token of the invitation's e-mail) is what lets one answer."""

from stdgap.permissions import Permission

PERMISSIONS = (
    Permission(
        "surveys.manage",
        "create surveys and their questionnaires, choose who is invited, open, remind and close "
        "them; see their results perturbed as the public does",
        ("officer",),
    ),
    Permission(
        "surveys.results",
        "see the results of surveys exactly (small cells included), their free-text answers, and "
        "export the responses",
        ("analyst",),
    ),
)
