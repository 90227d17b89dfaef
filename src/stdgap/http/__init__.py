"""The web toolkit every capability's pages use: pages that are also JSON, problem details,
who is signed in and what they may do, CSRF protection, templates (one environment for every
capability's templates), cookies and the server's settings. It knows no capability: the web
application (:mod:`stdgap.web`) hands it the account lookup and the list of pages."""
