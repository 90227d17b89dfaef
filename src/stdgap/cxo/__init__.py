"""CTO/CxO meetings (Res. 68): meetings of industry executives, their agenda, who came, and their
conclusions followed through their lifecycle into communiqués and reports to TSAG and WTSA."""
